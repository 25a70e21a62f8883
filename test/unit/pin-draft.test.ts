import { contentTypeMappingSchema } from '../../server/src/config/schema';
import { buildPinDraft, pinLink, type DraftInput } from '../../server/src/mapping/pin-draft';
import { markerOfLink } from '../../server/src/mapping/link';
import { PinError } from '../../server/src/errors/pin-error';

// most cases here are about other parts of the pin: links may be missing (`warn`)
const mapping = contentTypeMappingSchema.parse({ missingLink: 'warn' });
const hero = {
  url: 'https://cdn.example.com/hero.jpg',
  mime: 'image/jpeg',
  width: 1000,
  height: 1500,
  size: 200,
  alternativeText: 'A bowl of soup',
};

const input = (
  entry: Record<string, unknown>,
  field: DraftInput['field'] = { boardId: '111' }
): DraftInput => ({
  contentType: 'api::article.article',
  documentId: 'doc1',
  locale: 'en',
  entry,
  mapping: { ...mapping },
  field,
  utm: { enabled: true, source: 'pinterest', medium: 'social' },
});

describe('buildPinDraft', () => {
  it('maps title, excerpt, hero, link and alt text', () => {
    const draft = buildPinDraft(
      input({
        title: 'Soup',
        excerpt: 'Warm soup.',
        hero,
        canonicalUrl: 'https://blog.example.com/soup',
      })
    );
    expect(draft).toMatchObject({
      boardId: '111',
      boardSectionId: null,
      title: 'Soup',
      description: 'Warm soup.',
      altText: 'A bowl of soup',
      media: { kind: 'image', url: 'https://cdn.example.com/hero.jpg' },
    });
    const link = new URL(draft.link!);
    expect(link.origin + link.pathname).toBe('https://blog.example.com/soup');
    expect(link.searchParams.get('utm_content')).toBe(draft.marker);
    expect(draft.warnings).toEqual([]);
  });

  it('cuts a 150-character title to at most 100 at a word boundary', () => {
    const title = 'Slow cooked ' + 'tomato basil soup with crusty bread '.repeat(4).trim();
    expect(title.length).toBeGreaterThan(140);
    const draft = buildPinDraft(input({ title, hero }));
    expect([...draft.title!].length).toBeLessThanOrEqual(100);
    expect(draft.title!.endsWith('…')).toBe(true);
    expect(title.startsWith(draft.title!.slice(0, -1))).toBe(true);
    expect(draft.warnings).toContain('TITLE_TRUNCATED');
  });

  it('falls back to the first line of the excerpt, then of the content, when there is no title', () => {
    expect(buildPinDraft(input({ excerpt: 'First line here\nsecond line', hero })).title).toBe(
      'First line here'
    );
    const fromBody = buildPinDraft(input({ body: '# Heading of the body\n\nText', hero }));
    expect(fromBody.title).toBe('Heading of the body');
    expect(fromBody.warnings).toContain('TITLE_FROM_CONTENT');
  });

  it('cuts a 900-character description to at most 500', () => {
    const excerpt = 'lorem ipsum dolor sit amet '.repeat(34).trim();
    expect(excerpt.length).toBeGreaterThan(900);
    const draft = buildPinDraft(input({ title: 't', excerpt, hero }));
    expect([...draft.description!].length).toBeLessThanOrEqual(500);
    expect(draft.warnings).toContain('DESCRIPTION_TRUNCATED');
  });

  it('prefers the field overrides for title and description', () => {
    const draft = buildPinDraft(
      input(
        { title: 'Entry title', excerpt: 'Entry excerpt', hero },
        { boardId: '111', title: 'Pin title', description: 'Pin description' }
      )
    );
    expect(draft.title).toBe('Pin title');
    expect(draft.description).toBe('Pin description');
  });

  it('requires a board: the field, else the content type default', () => {
    expect(() => buildPinDraft(input({ title: 't', hero }, {}))).toThrow(PinError);
    expect(() => buildPinDraft(input({ title: 't', hero }, null))).toThrow(
      /No Pinterest board was chosen/
    );
    const withDefault = buildPinDraft({
      ...input({ title: 't', hero }, null),
      mapping: { ...mapping, defaultBoardId: '999', defaultBoardSectionId: '42' },
    });
    expect(withDefault).toMatchObject({ boardId: '999', boardSectionId: '42' });
  });

  it('uses the section only together with the field board', () => {
    const draft = buildPinDraft({
      ...input({ title: 't', hero }, { boardId: '1', boardSectionId: '7' }),
      mapping: { ...mapping, defaultBoardSectionId: '42' },
    });
    expect(draft.boardSectionId).toBe('7');
  });

  it('refuses an entry without media with MEDIA_REQUIRED', () => {
    expect(() => buildPinDraft(input({ title: 'No image' }))).toThrow(
      expect.objectContaining({ code: 'MEDIA_REQUIRED' })
    );
  });

  it('warns about a missing or non-https link', () => {
    expect(buildPinDraft(input({ title: 't', hero })).warnings).toContain('LINK_MISSING');
    expect(
      buildPinDraft(input({ title: 't', hero, canonicalUrl: 'http://blog.example.com/a' })).warnings
    ).toContain('LINK_NOT_HTTPS');
  });
});

describe('pinLink: the marker survives long links and UTM off', () => {
  const marker = 'strapi-0123456789abcdef';
  const utmOn = { enabled: true, source: 'pinterest', medium: 'social', campaign: 'spring' };
  const base = (length: number) => `https://blog.example.com/${'a'.repeat(length - 25)}`;

  it('a link that fits with its tags keeps them all', () => {
    const { link, warnings } = pinLink(base(200), utmOn, marker);
    expect(markerOfLink(link)).toBe(marker);
    expect(new URL(link!).searchParams.get('utm_campaign')).toBe('spring');
    expect(warnings).toEqual([]);
  });

  it('a 2,000-character link whose tags would pass 2,048 keeps the marker, not the tags', () => {
    const { link, warnings } = pinLink(base(2000), utmOn, marker);
    expect(link!.length).toBeLessThanOrEqual(2048);
    expect(markerOfLink(link)).toBe(marker);
    expect(new URL(link!).searchParams.has('utm_source')).toBe(false);
    expect(link!.startsWith(base(2000))).toBe(true);
    expect(warnings).toEqual(['LINK_UTM_DROPPED']);
  });

  it('a 2,100-character link is never cut: the pin goes without it, and says so', () => {
    expect(pinLink(base(2100), utmOn, marker)).toEqual({ link: null, warnings: ['LINK_TOO_LONG'] });
  });

  it('UTM off: the marker rides as pin_ref', () => {
    const { link } = pinLink(base(100), { ...utmOn, enabled: false }, marker);
    expect(new URL(link!).searchParams.get('pin_ref')).toBe(marker);
    expect(new URL(link!).searchParams.has('utm_source')).toBe(false);
  });
});
