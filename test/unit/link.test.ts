import { checkLink, markerOfLink, pinMarker, tagLink } from '../../server/src/mapping/link';

const utm = { enabled: true, source: 'pinterest', medium: 'social' };
const target = {
  contentType: 'api::article.article',
  documentId: 'abc',
  locale: 'en',
  boardId: '123',
};

describe('pin links', () => {
  it('gives each entry × locale × board its own stable marker', () => {
    expect(pinMarker(target)).toBe(pinMarker({ ...target }));
    expect(pinMarker(target)).not.toBe(pinMarker({ ...target, boardId: '124' }));
    expect(pinMarker(target)).not.toBe(pinMarker({ ...target, locale: 'fr' }));
    expect(pinMarker(target)).toMatch(/^strapi-[0-9a-f]{16}$/);
  });

  it('adds utm_source, utm_medium and the marker as utm_content, keeping existing tags', () => {
    const url = new URL('https://blog.example.com/post?utm_source=newsletter&x=1');
    const tagged = new URL(tagLink(url, utm, 'strapi-0123456789abcdef'));
    expect(tagged.searchParams.get('utm_source')).toBe('newsletter');
    expect(tagged.searchParams.get('utm_medium')).toBe('social');
    expect(tagged.searchParams.get('utm_content')).toBe('strapi-0123456789abcdef');
    expect(tagged.searchParams.get('x')).toBe('1');
    expect(markerOfLink(tagged.toString())).toBe('strapi-0123456789abcdef');
  });

  it('with UTM tagging off, adds only the marker (as pin_ref), so a pin is still recognised', () => {
    const tagged = tagLink(
      new URL('https://a.example/p?x=1'),
      { ...utm, enabled: false },
      'strapi-1'
    );
    expect(tagged).toBe('https://a.example/p?x=1&pin_ref=strapi-1');
    expect(markerOfLink(tagged)).toBe('strapi-1');
  });

  it('reads the marker from utm_content or pin_ref, and nothing else', () => {
    expect(markerOfLink('https://a.example/?utm_content=strapi-abc')).toBe('strapi-abc');
    expect(markerOfLink('https://a.example/?pin_ref=strapi-abc')).toBe('strapi-abc');
    expect(markerOfLink('https://a.example/?utm_content=newsletter')).toBeNull();
    expect(markerOfLink('https://a.example/?ref=strapi-abc')).toBeNull();
    expect(markerOfLink(null)).toBeNull();
  });

  it('classifies missing, invalid and non-http links', () => {
    expect(checkLink(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(checkLink('not a url')).toEqual({ ok: false, reason: 'invalid' });
    expect(checkLink('ftp://x.example/file')).toEqual({ ok: false, reason: 'not-http' });
    expect(checkLink('https://x.example/')).toMatchObject({ ok: true });
  });
});
