import { readPageMeta, richPinReadiness } from '../../server/src/links/page-meta';
import { canonicalMatches, comparableUrl, verdict } from '../../server/src/links/link-verdict';

const page = (head: string, body = '<p>hello</p>') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe('readPageMeta', () => {
  it('reads the canonical link, Open Graph and article tags, title and description', () => {
    const meta = readPageMeta(
      page(`<title>Soup &amp; bread</title>
        <link rel="canonical" href="/recipes/soup">
        <meta property="og:title" content="Tomato soup">
        <meta property="og:description" content="A warm soup">
        <meta property="og:site_name" content="Kitchen">
        <meta property="article:published_time" content="2026-11-02T10:00:00Z">
        <meta name="description" content="Plain description">`)
    );
    expect(meta.canonical).toBe('/recipes/soup');
    expect(meta.title).toBe('Soup & bread');
    expect(meta.description).toBe('Plain description');
    expect(meta.og).toEqual({
      'og:title': 'Tomato soup',
      'og:description': 'A warm soup',
      'og:site_name': 'Kitchen',
      'article:published_time': '2026-11-02T10:00:00Z',
    });
    expect(richPinReadiness(meta)).toMatchObject({ ready: true, missing: [], advice: null });
  });

  it('reads a schema.org article from JSON-LD, in a @graph too', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Kitchen' },
        {
          '@type': ['BlogPosting'],
          headline: 'Porridge',
          description: 'Oats',
          datePublished: '2026-10-01',
          publisher: { '@type': 'Organization', name: 'Kitchen' },
        },
      ],
    };
    const meta = readPageMeta(
      page(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`)
    );
    expect(meta.article).toEqual({
      type: 'BlogPosting',
      headline: 'Porridge',
      description: 'Oats',
      datePublished: '2026-10-01',
      publisher: 'Kitchen',
    });
    const rich = richPinReadiness(meta);
    expect(rich.ready).toBe(true);
    expect(rich.parts.title).toEqual({ value: 'Porridge', source: 'schema.org' });
  });

  it('says what a page without tags misses, with advice for the frontend', () => {
    const rich = richPinReadiness(readPageMeta(page('<title>Bare</title>')));
    expect(rich.ready).toBe(false);
    expect(rich.missing).toEqual(['title', 'description', 'siteName', 'publishedTime']);
    expect(rich.advice).toMatch(/og:title.*og:description.*og:site_name.*article:published_time/);
  });

  it('ignores tags in the body, broken JSON-LD and tag soup', () => {
    const meta = readPageMeta(
      `<html><head><meta property="og:title" content="Head"><script type="application/ld+json">{oops</script><body><meta property="og:description" content="Body"><link rel=canonical href="/x">`
    );
    expect(meta.og).toEqual({ 'og:title': 'Head' });
    expect(meta.article).toBeNull();
  });
});

describe('comparableUrl and canonicalMatches', () => {
  it('drops tracking tags, the fragment, the last slash and the host case', () => {
    expect(
      comparableUrl('https://Blog.Example.com/a/?utm_source=pinterest&utm_content=strapi-1&b=2#top')
    ).toBe('https://blog.example.com/a?b=2');
    expect(comparableUrl('not a url')).toBeNull();
  });

  it('compares the link with the canonical resolved against the page', () => {
    const link = 'https://blog.example.com/soup?utm_source=pinterest&pin_ref=abc';
    expect(canonicalMatches(link, '/soup/', 'https://blog.example.com/soup')).toBe(true);
    expect(canonicalMatches(link, '/soup-v2', 'https://blog.example.com/soup')).toBe(false);
  });
});

describe('verdict', () => {
  it('ranks broken over warnings, and private hosts as skipped', () => {
    expect(verdict([])).toEqual({ state: 'ok', advice: null });
    expect(verdict([{ code: 'NOT_HTTPS', message: '' }]).state).toBe('warning');
    expect(
      verdict([
        { code: 'NOT_HTTPS', message: '' },
        { code: 'HTTP_STATUS', message: '' },
      ])
    ).toEqual({ state: 'broken', advice: expect.stringMatching(/fix the page/) });
    expect(verdict([{ code: 'PRIVATE_HOST', message: '' }]).state).toBe('skipped');
  });
});
