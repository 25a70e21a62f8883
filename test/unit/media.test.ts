import { absoluteMediaUrl } from '../../server/src/media/media-source';
import { chooseMedia } from '../../server/src/mapping/media';
import { type PinError } from '../../server/src/errors/pin-error';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as PinError).code;
  }
  return 'no error';
};

describe('chooseMedia', () => {
  const jpeg = {
    url: '/uploads/big.jpg',
    mime: 'image/jpeg',
    width: 4000,
    height: 6000,
    size: 25_000, // KB: over 20 MB
    formats: {
      large: {
        url: '/uploads/large_big.jpg',
        mime: 'image/jpeg',
        width: 667,
        height: 1000,
        size: 150,
      },
      medium: {
        url: '/uploads/medium_big.jpg',
        mime: 'image/jpeg',
        width: 500,
        height: 750,
        size: 90,
      },
      thumbnail: {
        url: '/uploads/thumbnail_big.jpg',
        mime: 'image/jpeg',
        width: 104,
        height: 156,
        size: 5,
      },
    },
  };

  it('picks the largest format that fits when the original is over 20 MB', () => {
    expect(chooseMedia(jpeg)).toMatchObject({
      kind: 'image',
      url: '/uploads/large_big.jpg',
      variant: 'large',
      width: 667,
    });
  });

  it('keeps the original when it fits', () => {
    expect(chooseMedia({ ...jpeg, size: 800 })).toMatchObject({
      url: '/uploads/big.jpg',
      variant: 'original',
    });
  });

  it('keeps an animated GIF as the original GIF', () => {
    const gif = {
      url: '/uploads/a.gif',
      mime: 'image/gif',
      width: 400,
      height: 400,
      size: 900,
      formats: {
        small: {
          url: '/uploads/small_a.gif',
          mime: 'image/gif',
          width: 300,
          height: 300,
          size: 100,
        },
      },
    };
    expect(chooseMedia(gif)).toMatchObject({ url: '/uploads/a.gif', mime: 'image/gif' });
  });

  it('refuses a missing media, an SVG, AVIF, TIFF and HEIC with typed errors', () => {
    expect(codeOf(() => chooseMedia(null))).toBe('MEDIA_REQUIRED');
    expect(codeOf(() => chooseMedia({ url: '/uploads/logo.svg', mime: 'image/svg+xml' }))).toBe(
      'MEDIA_UNSUPPORTED'
    );
    expect(codeOf(() => chooseMedia({ url: '/uploads/a.avif', mime: 'image/avif' }))).toBe(
      'MEDIA_UNSUPPORTED'
    );
    expect(codeOf(() => chooseMedia({ url: '/uploads/a.tiff', ext: '.tiff' }))).toBe(
      'MEDIA_UNSUPPORTED'
    );
    expect(codeOf(() => chooseMedia({ url: '/uploads/a.heic', mime: 'image/heic' }))).toBe(
      'MEDIA_UNSUPPORTED'
    );
  });

  it('explains an SVG in words an editor understands', () => {
    expect(() => chooseMedia({ url: '/uploads/logo.svg', mime: 'image/svg+xml' })).toThrow(
      /SVG image; Pinterest accepts JPEG, PNG, WebP or GIF/
    );
  });

  it('refuses an image under 100×100', () => {
    expect(
      codeOf(() =>
        chooseMedia({ url: '/uploads/t.png', mime: 'image/png', width: 80, height: 300, size: 3 })
      )
    ).toBe('MEDIA_TOO_SMALL');
  });

  it('refuses an over-large image without smaller formats', () => {
    expect(
      codeOf(() =>
        chooseMedia({
          url: '/uploads/x.png',
          mime: 'image/png',
          width: 5000,
          height: 5000,
          size: 30_000,
        })
      )
    ).toBe('MEDIA_TOO_LARGE');
  });

  it('recognises MP4 and MOV as video', () => {
    expect(chooseMedia({ url: '/uploads/v.mp4', mime: 'video/mp4', size: 1000 })).toMatchObject({
      kind: 'video',
    });
    expect(chooseMedia({ url: '/uploads/v.mov', ext: '.mov' })).toMatchObject({
      kind: 'video',
      mime: 'video/quicktime',
    });
  });
});

describe('absoluteMediaUrl', () => {
  it('keeps an absolute URL, resolves an upload path against the public URL, else null', () => {
    expect(absoluteMediaUrl('https://cdn.example.com/a.jpg')?.href).toBe(
      'https://cdn.example.com/a.jpg'
    );
    expect(absoluteMediaUrl('/uploads/a.jpg', 'https://site.example/cms')?.href).toBe(
      'https://site.example/uploads/a.jpg'
    );
    expect(absoluteMediaUrl('uploads/a.jpg', 'https://site.example/cms')?.href).toBe(
      'https://site.example/cms/uploads/a.jpg'
    );
    expect(absoluteMediaUrl('/uploads/a.jpg')).toBeNull();
    expect(absoluteMediaUrl('http://[bad', 'https://site.example')).toBeNull();
    expect(absoluteMediaUrl('/uploads/a.jpg', 'not a url')).toBeNull();
  });
});
