/**
 * Mapping real content models (issue 14): paths into components and to-one relations, ordered
 * fallbacks, links from attributes or URL patterns, what to populate, which attributes fit each
 * part of a pin, and a missing link refused (default) or pinned with a warning.
 */
import { contentTypeMappingSchema } from '../../server/src/config/schema';
import {
  entryLink,
  firstValue,
  mappingPaths,
  populateFor,
  previewLinkOf,
  withPreviewLink,
  type AttributesOf,
} from '../../server/src/mapping/entry-values';
import { candidatesFor, mappingProblems } from '../../server/src/mapping/mapping-check';
import { buildPinDraft } from '../../server/src/mapping/pin-draft';
import { PinError } from '../../server/src/errors/pin-error';
import { createMappingRegistry } from '../../server/src/settings/mapping-registry';

// Strapi's example blog: Article with a slug, an SEO component, a category and a dynamic zone
const SCHEMAS: Record<string, Record<string, { type: string; [k: string]: unknown }>> = {
  'api::article.article': {
    title: { type: 'string' },
    description: { type: 'text' },
    slug: { type: 'uid' },
    cover: { type: 'media', multiple: false },
    gallery: { type: 'media', multiple: true },
    category: { type: 'relation', relation: 'manyToOne', target: 'api::category.category' },
    tags: { type: 'relation', relation: 'manyToMany', target: 'api::category.category' },
    blocks: { type: 'dynamiczone', components: ['shared.rich-text'] },
    seo: { type: 'component', component: 'shared.seo', repeatable: false },
  },
  'api::category.category': { name: { type: 'string' }, slug: { type: 'uid' } },
  'shared.seo': {
    metaTitle: { type: 'string' },
    metaDescription: { type: 'text' },
    shareImage: { type: 'media', multiple: false },
  },
};
const attributesOf: AttributesOf = (uid) => SCHEMAS[uid];
const UID = 'api::article.article';

const ENTRY = {
  title: '',
  slug: 'tomato soup/2',
  seo: { metaTitle: 'Tomato soup', metaDescription: 'Warm', shareImage: { url: 'x' } },
  category: { slug: 'recipes' },
  tags: [{ slug: 'soup' }],
};

describe('reading an entry', () => {
  it('takes the first non-empty source, through components', () => {
    expect(firstValue(ENTRY, ['title', 'seo.metaTitle'])).toBe('Tomato soup');
    expect(firstValue(ENTRY, 'seo.metaDescription')).toBe('Warm');
    expect(firstValue(ENTRY, ['title'])).toBeUndefined();
    // a to-many relation has no single value
    expect(firstValue(ENTRY, 'tags.slug')).toBeUndefined();
  });

  it('builds the link from a pattern per locale, encoding values, or names the empty placeholder', () => {
    const patterns = {
      '*': 'https://blog.example.com/{locale}/blog/{category.slug}/{slug}',
      fr: 'https://fr.example.com/{slug}',
    };
    expect(entryLink(ENTRY, { linkPattern: patterns }, 'en')).toEqual({
      ok: true,
      url: 'https://blog.example.com/en/blog/recipes/tomato%20soup%2F2',
    });
    expect(entryLink(ENTRY, { linkPattern: patterns }, 'fr')).toEqual({
      ok: true,
      url: 'https://fr.example.com/tomato%20soup%2F2',
    });
    const empty = entryLink({ ...ENTRY, category: null }, { linkPattern: patterns }, 'en');
    expect(empty).toMatchObject({ ok: false, reason: expect.stringContaining('{category.slug}') });
    expect(entryLink(ENTRY, { link: 'canonicalUrl' }, null)).toMatchObject({
      ok: false,
      reason: 'the attribute “canonicalUrl” is empty on this entry',
    });
  });

  it('populates media, components and relations the paths go through, nothing else', () => {
    const mapping = contentTypeMappingSchema.parse({
      title: ['title', 'seo.metaTitle'],
      description: ['description'],
      content: ['blocks'],
      media: 'seo.shareImage',
      linkPattern: 'https://blog.example.com/{category.slug}/{slug}',
    });
    expect(populateFor(UID, mappingPaths(mapping), attributesOf)).toEqual({
      seo: { populate: { shareImage: true } },
      blocks: true,
      category: true,
    });
  });
});

describe("the app's preview as the link", () => {
  it('takes a public page URL, refuses a draft or secret one, and says when it was not asked', () => {
    expect(previewLinkOf('https://blog.example.com/en/articles/soup')).toEqual({
      ok: true,
      url: 'https://blog.example.com/en/articles/soup',
    });
    expect(
      previewLinkOf('https://blog.example.com/api/preview?secret=s3cr3t&url=%2Fen%2Fsoup')
    ).toMatchObject({ ok: false, reason: expect.stringContaining('“secret”') });
    expect(previewLinkOf('/en/articles/soup')).toMatchObject({ ok: false });
    expect(previewLinkOf(null)).toMatchObject({ ok: false });
    const source = { link: 'slug', linkFromPreview: true };
    expect(entryLink(ENTRY, source, 'en')).toMatchObject({
      ok: false,
      reason: 'the app’s preview was not asked for this entry',
    });
    const linked = withPreviewLink(ENTRY, { ok: true, url: 'https://blog.example.com/x' });
    expect(entryLink(linked, source, 'en')).toEqual({
      ok: true,
      url: 'https://blog.example.com/x',
    });
    // the attached link is not an attribute: it never shows in the entry's own fields
    expect(Object.keys(linked)).toEqual(Object.keys(ENTRY));
  });
});

describe('what fits where', () => {
  it('offers only compatible paths, one level into single components and to-one relations', () => {
    const c = candidatesFor(UID, attributesOf);
    const paths = (role: keyof typeof c) => c[role].map((x) => x.path);
    expect(paths('title')).toEqual([
      'title',
      'description',
      'slug',
      'category.name',
      'category.slug',
      'seo.metaTitle',
      'seo.metaDescription',
    ]);
    expect(paths('media')).toEqual(['cover', 'seo.shareImage']);
    expect(paths('content')).toEqual(
      expect.arrayContaining(['description', 'blocks', 'seo', 'seo.metaDescription'])
    );
    expect(paths('placeholder')).not.toContain('tags.slug');
  });

  it('names what does not exist or cannot feed that part', () => {
    const mapping = contentTypeMappingSchema.parse({
      title: ['headline'],
      media: 'gallery',
      linkPattern: 'https://x.example/{tags.slug}',
    });
    expect(mappingProblems(UID, mapping, attributesOf)).toEqual([
      { field: 'title', message: '“headline”: there is no attribute “headline”' },
      { field: 'description', message: '“excerpt”: there is no attribute “excerpt”' },
      { field: 'content', message: '“body”: there is no attribute “body”' },
      {
        field: 'media',
        message: "“gallery” is a media attribute, which cannot feed the pin's media",
      },
      {
        field: 'linkPattern',
        message: expect.stringContaining('“tags” is not a single component or a to-one relation'),
      },
    ]);
  });
});

describe('a missing link', () => {
  const draft = (missingLink: 'refuse' | 'warn') =>
    buildPinDraft({
      contentType: UID,
      documentId: 'd1',
      locale: 'en',
      entry: {
        ...ENTRY,
        title: 'Soup',
        cover: {
          url: 'https://cdn.example.com/a.jpg',
          mime: 'image/jpeg',
          width: 1000,
          height: 1500,
          size: 100,
        },
      },
      mapping: contentTypeMappingSchema.parse({
        media: 'cover',
        linkPattern: 'https://blog.example.com/{locale}/{author.slug}',
        missingLink,
      }),
      field: { boardId: '1' },
      utm: { enabled: true, source: 'pinterest', medium: 'social' },
    });

  it('is refused by default, saying which placeholder is empty', () => {
    expect(contentTypeMappingSchema.parse({}).missingLink).toBe('refuse');
    let error: unknown;
    try {
      draft('refuse');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PinError);
    expect(error).toMatchObject({
      code: 'LINK_REQUIRED',
      message: expect.stringContaining('needs {author.slug}, empty on this entry'),
      retryable: false,
    });
  });

  it('goes out without a link, with a warning, when the type allows it', () => {
    const d = draft('warn');
    expect(d.link).toBeNull();
    expect(d.warnings).toContain('LINK_MISSING');
  });
});

describe('the mapping registry', () => {
  it('the code wins over the admin, and a change made elsewhere is read again after the TTL', async () => {
    let now = 0;
    let stored = { 'api::page.page': contentTypeMappingSchema.parse({}) };
    const registry = createMappingRegistry({
      config: () => ({ [UID]: contentTypeMappingSchema.parse({ title: 'title' }) }),
      load: () =>
        Promise.resolve({ ...stored, [UID]: contentTypeMappingSchema.parse({ title: 'slug' }) }),
      ttlMs: 5_000,
      now: () => now,
    });
    expect(registry.isMapped('api::page.page')).toBe(false);
    await registry.refresh();
    expect(registry.isMapped('api::page.page')).toBe(true);
    expect(registry.get(UID)).toMatchObject({ source: 'code', mapping: { title: 'title' } });
    stored = {} as typeof stored;
    now = 4_000;
    await registry.refresh();
    expect(registry.isMapped('api::page.page')).toBe(true);
    now = 5_001;
    await registry.refresh();
    expect(registry.isMapped('api::page.page')).toBe(false);
    expect(registry.uids()).toEqual([UID]);
  });
});
