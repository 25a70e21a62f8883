import {
  patternFor,
  patternProblem,
  placeholdersOf,
  populateFor,
  renderLinkPattern,
} from '../../server/src/mapping/link-pattern';

const blog = 'https://blog.example.com/{locale}/articles/{slug}';

describe('renderLinkPattern', () => {
  it('fills the locale and a scalar attribute', () => {
    expect(renderLinkPattern(blog, { slug: 'tomato-soup' }, 'fr')).toEqual({
      ok: true,
      url: 'https://blog.example.com/fr/articles/tomato-soup',
    });
  });

  it('reads fields of a component or a to-one relation', () => {
    const entry = { slug: 'soup', category: { slug: 'recipes' }, seo: { id: 3, path: 'x' } };
    expect(renderLinkPattern('https://a.example/{category.slug}/{slug}', entry, null)).toEqual({
      ok: true,
      url: 'https://a.example/recipes/soup',
    });
  });

  it('encodes each value as one path segment', () => {
    const r = renderLinkPattern(blog, { slug: 'crème brûlée/50% off?' }, 'fr');
    expect(r).toEqual({
      ok: true,
      url: 'https://blog.example.com/fr/articles/cr%C3%A8me%20br%C3%BBl%C3%A9e%2F50%25%20off%3F',
    });
  });

  it('numbers are values too', () => {
    expect(renderLinkPattern('https://a.example/p/{id}', { id: 42 }, null)).toEqual({
      ok: true,
      url: 'https://a.example/p/42',
    });
  });

  it.each([
    ['missing', {}],
    ['empty', { slug: '' }],
    ['blank', { slug: '   ' }],
    ['null', { slug: null }],
    ['an object', { slug: { a: 1 } }],
  ])('reports a placeholder that is %s', (_, entry) => {
    const r = renderLinkPattern(blog, entry, 'en');
    expect(r).toMatchObject({ ok: false, missing: ['slug'] });
    if (!r.ok) expect(r.reason).toContain('{slug}');
  });

  it('a to-many relation has no single value', () => {
    const r = renderLinkPattern('https://a.example/{tags.slug}', { tags: [{ slug: 'a' }] }, null);
    expect(r).toMatchObject({ ok: false, missing: ['tags.slug'] });
  });

  it('an entry without a locale cannot fill {locale}', () => {
    expect(renderLinkPattern(blog, { slug: 's' }, null)).toMatchObject({
      ok: false,
      missing: ['locale'],
    });
  });

  it('per-locale patterns: its own, else *', () => {
    const perLocale = {
      fr: 'https://fr.example.com/{slug}',
      '*': 'https://example.com/{locale}/{slug}',
    };
    expect(renderLinkPattern(perLocale, { slug: 's' }, 'fr')).toEqual({
      ok: true,
      url: 'https://fr.example.com/s',
    });
    expect(renderLinkPattern(perLocale, { slug: 's' }, 'de')).toEqual({
      ok: true,
      url: 'https://example.com/de/s',
    });
    expect(
      renderLinkPattern({ fr: 'https://fr.example.com/{slug}' }, { slug: 's' }, 'de')
    ).toMatchObject({
      ok: false,
      missing: [],
    });
  });
});

describe('patternProblem', () => {
  it.each([
    ['https://blog.example.com/{locale}/articles/{slug}', null],
    ['http://localhost:3000/{slug}', null],
    ['https://{locale}.example.com/{slug}', null],
  ])('accepts %s', (pattern, problem) => expect(patternProblem(pattern)).toBe(problem));

  it.each([
    ['/blog/{slug}', 'not an absolute URL'],
    ['ftp://example.com/{slug}', 'http or https'],
    ['https://example.com/{slug', 'brace'],
    ['https://example.com/{1abc}', 'brace'],
  ])('refuses %s', (pattern, words) => expect(patternProblem(pattern)).toContain(words));
});

describe('helpers', () => {
  it('placeholdersOf lists them in order', () => {
    expect(placeholdersOf('https://a/{locale}/{category.slug}/{slug}')).toEqual([
      'locale',
      'category.slug',
      'slug',
    ]);
  });

  it('populateFor names the components and relations to read', () => {
    expect(
      populateFor({
        '*': 'https://a/{category.slug}/{slug}',
        fr: 'https://b/{seo.path}/{category.name}',
      })
    ).toEqual(['category', 'seo']);
  });

  it('patternFor: a plain pattern serves every locale', () => {
    expect(patternFor(blog, 'fr')).toBe(blog);
    expect(patternFor(blog, null)).toBe(blog);
  });
});
