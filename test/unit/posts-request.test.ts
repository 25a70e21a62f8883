/**
 * The posts API's pure parts: how a request becomes the one pin it asks for (title and description
 * rules, the schedule, covers), and how the worker recognises what an image URL really serves.
 */
import { parsePostRequest } from '../../server/src/posts/request';
import { sniffImage } from '../../server/src/posts/remote-image';

const now = new Date('2026-11-24T12:00:00Z');
const ctx = { allowlist: [] as string[], now };
const base = (pinterest: Record<string, unknown> = {}, over: Record<string, unknown> = {}) => ({
  content: 'Tomato soup\nA warm soup for cold evenings.',
  targets: ['pinterest'],
  media: [{ url: 'https://cdn.example.com/soup.jpg', type: 'image' }],
  target_options: { pinterest: { board_id: '123', ...pinterest } },
  ...over,
});

const ok = (body: unknown) => {
  const r = parsePostRequest(body, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.post;
};
const issues = (body: unknown) => {
  const r = parsePostRequest(body, ctx);
  if (r.ok) throw new Error('accepted');
  return r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('parsePostRequest', () => {
  it('uses the given title and the content as description; "now" and a missing scheduled_at mean now', () => {
    const post = ok(base({ title: 'Soup' }, { scheduled_at: 'now' }));
    expect(post.pin).toMatchObject({
      boardId: '123',
      title: 'Soup',
      description: 'Tomato soup\nA warm soup for cold evenings.',
      link: null,
      cover: null,
    });
    expect(post.scheduledAt).toBeNull();
    expect(ok(base()).scheduledAt).toBeNull();
  });

  it('takes the title from the first line of the content, cut at a word boundary to 100', () => {
    const line =
      'Grandmother’s slow roasted tomato and basil soup with garlic croutons and smoked paprika oil for cold nights';
    expect(line.length).toBeGreaterThan(100);
    const post = ok(base({}, { content: `${line}\nMore.` }));
    expect([...post.pin.title!].length).toBeLessThanOrEqual(100);
    expect(post.pin.title!.endsWith('…')).toBe(true);
    expect(line.startsWith(post.pin.title!.slice(0, -1))).toBe(true);
  });

  it('lets the Pinterest overrides win over the top-level content and media', () => {
    const post = ok(
      base(
        {
          content: 'Only for Pinterest',
          media: [{ url: 'https://cdn.example.com/clip.mov', type: 'video' }],
          cover_image_key_frame_time: 3,
        },
        { media: [] }
      )
    );
    expect(post.pin).toMatchObject({
      description: 'Only for Pinterest',
      title: 'Only for Pinterest',
      media: { type: 'video', mime: 'video/quicktime' },
      cover: { keyFrameTime: 3 },
    });
    expect(post.urls.map((u) => u.path.join('.'))).toEqual([
      'target_options.pinterest.media.0.url',
    ]);
  });

  it('keeps a future time, and accepts one less than a minute in the past as now', () => {
    expect(ok(base({}, { scheduled_at: '2026-11-24T13:00:00+01:00' })).scheduledAt).toBeNull();
    expect(ok(base({}, { scheduled_at: '2026-11-24T11:59:30Z' })).scheduledAt).toBeNull();
    expect(
      ok(base({}, { scheduled_at: '2026-11-24T14:30:00+01:00' })).scheduledAt?.toISOString()
    ).toBe('2026-11-24T13:30:00.000Z');
    expect(issues(base({}, { scheduled_at: '2026-11-24T11:58:00Z' }))).toEqual([
      expect.stringMatching(/^scheduled_at: is in the past/),
    ]);
  });

  it('lists every problem of a request at once', () => {
    expect(
      issues(
        base(
          { board_id: undefined, title: 'x'.repeat(101), link: 'javascript:alert(1)' },
          { media: [] }
        )
      )
    ).toEqual([
      'media: text-only posts are not possible on Pinterest: give exactly one image or video',
      'target_options.pinterest.board_id: is required: the Pinterest board to pin to (a board id, digits only)',
      "target_options.pinterest.title: must be at most 100 characters (Pinterest's title limit), got 101",
      'target_options.pinterest.link: must be an http(s) URL',
    ]);
  });

  it('accepts a private address only when the allowlist names its host and port', () => {
    const body = base(
      {},
      { media: [{ url: 'http://127.0.0.1:3900/_media/a.png', type: 'image' }] }
    );
    expect(parsePostRequest(body, ctx).ok).toBe(false);
    expect(parsePostRequest(body, { ...ctx, allowlist: ['127.0.0.1:3900'] }).ok).toBe(true);
    expect(parsePostRequest(body, { ...ctx, allowlist: ['127.0.0.1:3901'] }).ok).toBe(false);
  });
});

describe('sniffImage', () => {
  it.each([
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg', true],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png', true],
    ['GIF', Buffer.from('GIF89a......'), 'image/gif', true],
    [
      'WebP',
      Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]),
      'image/webp',
      true,
    ],
    ['TIFF', Buffer.from('II*\u0000........'), 'image/tiff', false],
    [
      'AVIF',
      Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypavif')]),
      'image/avif',
      false,
    ],
    [
      'HEIC',
      Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic')]),
      'image/heic',
      false,
    ],
    [
      'SVG',
      Buffer.from('\uFEFF  <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/svg+xml',
      false,
    ],
  ])('recognises %s', (_label, bytes, mime, accepted) => {
    expect(sniffImage(bytes)).toMatchObject({ mime, accepted });
  });

  it('does not take HTML for an image', () => {
    expect(
      sniffImage(Buffer.from('<!doctype html><html><body>Not found</body></html>'))
    ).toBeNull();
  });
});
