/** @jest-environment jsdom */
/**
 * The preview card fed by the same rules the server's `POST /pinterest/preview` runs (previewPin):
 * what the editor sees is what will be sent, and every rule that needs the editor shows up as a
 * note.
 */
import { screen, within } from '@testing-library/react';
import type { PinFieldValue } from '../../common/pin-field';
import type { PinPreviewDTO } from '../../common/wire';
import { PinPreviewCard } from '../../admin/src/components/PinField/PinPreviewCard';
import { contentTypeMappingSchema } from '../../server/src/config/schema';
import { previewPin } from '../../server/src/mapping/pin-draft';
import { renderWithProviders } from './render';

// title, excerpt, body, hero, canonicalUrl: the defaults the playground's articles use
const MAPPING = contentTypeMappingSchema.parse({});
const UTM = { enabled: true, source: 'pinterest', medium: 'social' };
const BOARD: PinFieldValue = { boardId: '12' };

const HERO = {
  url: 'https://cdn.example.com/soup.jpg',
  mime: 'image/jpeg',
  width: 1000,
  height: 1500,
  size: 350,
  alternativeText: 'A bowl of tomato soup',
};
const ARTICLE = {
  title: 'Tomato soup for cold evenings',
  excerpt: 'A warm soup.',
  hero: HERO,
  canonicalUrl: 'https://blog.example.com/soup',
};

/** What the preview route answers for these form values. */
function previewOf(
  entry: Record<string, unknown>,
  field: PinFieldValue | null = BOARD,
  mapping = MAPPING
): PinPreviewDTO {
  const preview = previewPin({
    contentType: 'api::article.article',
    documentId: 'doc-1',
    locale: 'en',
    entry,
    mapping,
    field,
    utm: UTM,
  });
  return { ...preview, pinOnPublish: true };
}

/** Renders the card as PinFieldInput does. */
function renderPreview(
  entry: Record<string, unknown>,
  options: {
    field?: PinFieldValue | null;
    connected?: boolean | null;
    coverTime?: number | null;
    mapping?: typeof MAPPING;
  } = {}
) {
  const preview = previewOf(
    entry,
    options.field === undefined ? BOARD : options.field,
    options.mapping
  );
  const result = renderWithProviders(
    <PinPreviewCard
      preview={preview}
      imageUrl={preview.media?.url ?? null}
      coverTime={options.coverTime ?? null}
      connected={options.connected === undefined ? true : options.connected}
    />
  );
  return { preview, ...result };
}

const card = () => screen.getByRole('img', { name: 'Pin preview' });
const notesList = () => screen.queryByRole('list', { name: 'Things to check before pinning' });
const notes = () => {
  const list = notesList();
  return list
    ? within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    : [];
};

/** `count` words of six characters: “word01 word02 …”. */
const words = (count: number, prefix = 'word') =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`).join(' ');

describe('pin preview: the texts as they will be sent', () => {
  it('shows the title, description, link and image of a complete entry, with no notes', () => {
    renderPreview(ARTICLE);
    expect(within(card()).getByText('Tomato soup for cold evenings')).toBeTruthy();
    expect(
      within(card()).getByRole('img', { name: 'A bowl of tomato soup' }).getAttribute('src')
    ).toBe(HERO.url);
    expect(screen.getByText('Title 29 / 100')).toBeTruthy();
    expect(screen.getByText('Description 12 / 500')).toBeTruthy();
    expect(screen.getByText('A warm soup.')).toBeTruthy();
    expect(
      screen.getByText(
        /^https:\/\/blog\.example\.com\/soup\?utm_source=pinterest&utm_medium=social&utm_content=strapi-[0-9a-f]{16}$/
      )
    ).toBeTruthy();
    expect(notesList()).toBeNull();
  });

  it('cuts a long title at a word, to at most 100 characters, and counts what is sent', () => {
    // 20 six-letter words: 139 characters; 14 words and an ellipsis fit in 100
    renderPreview({ ...ARTICLE, title: words(20) });
    const sent = `${words(14)}…`;
    expect(within(card()).getByText(sent)).toBeTruthy();
    expect(screen.queryByText(words(20))).toBeNull();
    expect(screen.getByText('Title 98 / 100')).toBeTruthy();
    expect(notes()).toEqual(['The title is longer than 100 characters: it is cut at a word.']);
  });

  it('cuts a long description at a word, to at most 500 characters', () => {
    // 80 seven-letter words (“desc01 ” … “desc80”): 559 characters; 71 words and an ellipsis fit in
    // 500
    renderPreview({ ...ARTICLE, excerpt: words(80, 'desc') });
    const sent = `${words(71, 'desc')}…`;
    expect([...sent].length).toBeLessThanOrEqual(500);
    expect(screen.getByText(sent)).toBeTruthy();
    expect(screen.getByText(`Description ${[...sent].length} / 500`)).toBeTruthy();
    expect(notes()).toEqual([
      'The description is longer than 500 characters: it is cut at a word.',
    ]);
  });

  it("uses the field's Pinterest-only title and description over the entry's", () => {
    renderPreview(ARTICLE, {
      field: { ...BOARD, title: 'Soup, the Pinterest way', description: 'Only on Pinterest.' },
    });
    expect(within(card()).getByText('Soup, the Pinterest way')).toBeTruthy();
    expect(screen.queryByText('Tomato soup for cold evenings')).toBeNull();
    expect(screen.getByText('Only on Pinterest.')).toBeTruthy();
    expect(screen.getByText('Title 23 / 100')).toBeTruthy();
    expect(screen.getByText('Description 18 / 500')).toBeTruthy();
  });

  it('without a title, takes the first line of the description (markdown removed) and says so', () => {
    renderPreview({ ...ARTICLE, title: '', excerpt: '## Soup night\nBring **bread**.' });
    expect(within(card()).getByText('Soup night')).toBeTruthy();
    expect(screen.getByText('Soup night Bring bread.')).toBeTruthy();
    expect(notes()).toEqual(['No title: the first line of the description is used.']);
  });

  it('counts characters as Pinterest does, not UTF-16 units', () => {
    renderPreview({ ...ARTICLE, title: 'Soupe 🍅🍅', excerpt: '', body: '' });
    expect(screen.getByText('Title 8 / 100')).toBeTruthy();
    expect(screen.getByText('Description 0 / 500')).toBeTruthy();
  });

  it('says “(no title)” when there is no text at all', () => {
    renderPreview({ ...ARTICLE, title: '', excerpt: '' });
    expect(within(card()).getByText('(no title)')).toBeTruthy();
    expect(screen.getByText('Title 0 / 100')).toBeTruthy();
  });
});

describe('pin preview: what to fix', () => {
  it('no hero media: no image in the card and the reason, with what to do', () => {
    renderPreview({ ...ARTICLE, hero: null });
    expect(within(card()).getByText('No image')).toBeTruthy();
    expect(notes()).toEqual([
      'No image or video: Pinterest has no text-only pins Add an image or a video to this entry, then publish again. Code: MEDIA_REQUIRED · This entry has no image or video.',
    ]);
  });

  it('an unsupported format (SVG) is named, with the formats Pinterest takes', () => {
    renderPreview({
      ...ARTICLE,
      hero: {
        url: 'https://cdn.example.com/logo.svg',
        ext: '.svg',
        mime: 'image/svg+xml',
        width: 800,
        height: 1200,
      },
    });
    expect(within(card()).getByText('No image')).toBeTruthy();
    expect(notes()).toEqual([
      expect.stringMatching(/SVG image; Pinterest accepts JPEG, PNG, WebP or GIF images/),
    ]);
  });

  it('an image under 100×100 pixels', () => {
    renderPreview({ ...ARTICLE, hero: { ...HERO, width: 80, height: 80 } });
    expect(notes()).toEqual([
      expect.stringMatching(/80×80 pixels; Pinterest needs at least 100×100/),
    ]);
  });

  it('an image over the 20 MB limit with no smaller format', () => {
    renderPreview({ ...ARTICLE, hero: { ...HERO, size: 25 * 1024 } });
    expect(notes()).toEqual([
      expect.stringMatching(/25\.0 MB and has no smaller format; Pinterest accepts at most 20 MB/),
    ]);
  });

  it('an image over the limit with a smaller format: that format is previewed and sent, no note', () => {
    const large = {
      url: 'https://cdn.example.com/large_soup.jpg',
      mime: 'image/jpeg',
      width: 1000,
      height: 1500,
      size: 400,
    };
    renderPreview({
      ...ARTICLE,
      hero: { ...HERO, width: 4000, height: 6000, size: 25 * 1024, formats: { large } },
    });
    expect(
      within(card()).getByRole('img', { name: 'A bowl of tomato soup' }).getAttribute('src')
    ).toBe(large.url);
    expect(notesList()).toBeNull();
  });

  it.each([
    ['much taller than 2:3', 1000, 3000, true],
    ['wider than tall', 1500, 1000, true],
    ['2:3', 1000, 1500, false],
    ['square', 1000, 1000, true],
    ['4:5, the flattest that still reads as a pin', 1000, 1250, false],
    ['1:2.1, the tallest Pinterest keeps', 1000, 2100, false],
  ])('aspect ratio %s (%i×%i): note shown = %s', (_label, width, height, noted) => {
    renderPreview({ ...ARTICLE, hero: { ...HERO, width, height } });
    expect(
      notes().includes(
        'The image is far from 2:3 (1000×1500 works best): Pinterest crops or shrinks it.'
      )
    ).toBe(noted);
  });

  it('a missing link: refused by default, with what to fill in', () => {
    renderPreview({ ...ARTICLE, canonicalUrl: '' });
    expect(notes()).toEqual([
      expect.stringMatching(
        /^No link for the pin Fill in what the link is built from .* Code: LINK_REQUIRED · This entry has no link for its pin: the attribute “canonicalUrl” is empty on this entry\.$/
      ),
    ]);
    expect(screen.queryByText(/utm_source/)).toBeNull();
  });

  it('a missing link where the content type allows it (`warn`): a warning, and the pin goes out', () => {
    renderPreview(
      { ...ARTICLE, canonicalUrl: '' },
      { mapping: contentTypeMappingSchema.parse({ missingLink: 'warn' }) }
    );
    expect(notes()).toEqual([
      'No link: a pin drives traffic through its link. Add the canonical URL.',
    ]);
  });

  it('a link that is not https (still sent)', () => {
    renderPreview({ ...ARTICLE, canonicalUrl: 'http://blog.example.com/soup' });
    expect(notes()).toEqual(['The link is not https.']);
    expect(
      screen.getByText(/^http:\/\/blog\.example\.com\/soup\?utm_source=pinterest/)
    ).toBeTruthy();
  });

  it('a link that is no URL', () => {
    renderPreview({ ...ARTICLE, canonicalUrl: 'blog.example.com soup' });
    expect(notes()).toEqual([
      expect.stringMatching(
        /Code: LINK_REQUIRED · .*“blog\.example\.com soup” is not an http\(s\) address/
      ),
    ]);
  });

  it('a link that is no URL where the content type allows pins without one', () => {
    renderPreview(
      { ...ARTICLE, canonicalUrl: 'blog.example.com soup' },
      { mapping: contentTypeMappingSchema.parse({ missingLink: 'warn' }) }
    );
    expect(notes()).toEqual(['The link is not a valid URL.']);
  });

  it('no board chosen and no default board', () => {
    renderPreview(ARTICLE, { field: null });
    expect(notes()).toEqual([
      expect.stringMatching(
        /^No board chosen Choose a board for this pin in the Pinterest field of this entry, or ask an administrator for a default board; then publish again\. Code: BOARD_REQUIRED/
      ),
    ]);
  });

  it("the content type's default board counts as chosen", () => {
    renderPreview(ARTICLE, { field: null, mapping: { ...MAPPING, defaultBoardId: '55' } });
    expect(notesList()).toBeNull();
  });

  it('the account is not connected (and only when it is known not to be)', () => {
    const { rerender, preview } = renderPreview(ARTICLE, { connected: false });
    expect(notes()).toEqual(['No Pinterest account is connected: pins will wait until one is.']);
    rerender(<PinPreviewCard preview={preview} imageUrl={HERO.url} connected={null} />);
    expect(notesList()).toBeNull();
  });

  it('lists every note at once', () => {
    renderPreview(
      {
        title: '',
        excerpt: '',
        body: words(20),
        hero: null,
        canonicalUrl: 'http://blog.example.com/x',
      },
      { connected: false }
    );
    expect(notes()).toEqual([
      'No Pinterest account is connected: pins will wait until one is.',
      expect.stringMatching(/^No image or video: Pinterest has no text-only pins/),
      'No title: the first line of the description is used.',
      'The title is longer than 100 characters: it is cut at a word.',
      'The link is not https.',
    ]);
  });
});

describe('pin preview: a video hero', () => {
  it('shows the video at the chosen cover frame', () => {
    renderPreview(
      {
        ...ARTICLE,
        hero: { url: 'https://cdn.example.com/soup.mp4', mime: 'video/mp4', size: 2048 },
      },
      { coverTime: 9 }
    );
    const video = card().querySelector('video');
    expect(video?.getAttribute('src')).toBe('https://cdn.example.com/soup.mp4');
    expect(video?.currentTime).toBe(9);
    expect(within(card()).queryByRole('img', { name: 'A bowl of tomato soup' })).toBeNull();
    expect(notesList()).toBeNull();
  });
});
