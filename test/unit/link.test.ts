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

  it('leaves the link untouched when UTM tagging is off', () => {
    expect(tagLink(new URL('https://a.example/p'), { ...utm, enabled: false }, 'strapi-1')).toBe(
      'https://a.example/p'
    );
  });

  it('classifies missing, invalid and non-http links', () => {
    expect(checkLink(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(checkLink('not a url')).toEqual({ ok: false, reason: 'invalid' });
    expect(checkLink('ftp://x.example/file')).toEqual({ ok: false, reason: 'not-http' });
    expect(checkLink('https://x.example/')).toMatchObject({ ok: true });
  });
});
