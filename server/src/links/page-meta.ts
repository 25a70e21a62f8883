import { Parser } from 'htmlparser2';

/**
 * What a page says about itself in its `<head>`: its canonical URL, its Open Graph and article
 * tags, and its schema.org article (JSON-LD) — what Pinterest reads for Rich Pins. Pure: HTML in,
 * facts out. htmlparser2 is tolerant (real pages are rarely valid HTML) and streams, so a page
 * read only up to its `</head>` parses as well as a whole one.
 */
export interface PageMeta {
  /** `<link rel="canonical">`, as written (resolve it against the page URL). */
  canonical: string | null;
  /** `og:*`, `article:*` meta tags (first value of each). */
  og: Record<string, string>;
  /** The first schema.org Article-like object of the JSON-LD scripts (Article, BlogPosting…). */
  article: {
    type: string;
    headline: string | null;
    description: string | null;
    datePublished: string | null;
    publisher: string | null;
  } | null;
  /** `<title>` and `<meta name="description">`, for the report (Pinterest does not use them). */
  title: string | null;
  description: string | null;
}

const ARTICLE_TYPES = new Set([
  'Article',
  'BlogPosting',
  'NewsArticle',
  'TechArticle',
  'Report',
  'ScholarlyArticle',
  'SocialMediaPosting',
]);

const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) return text(v[0]);
  return null;
};

const nameOf = (v: unknown): string | null => {
  if (v && typeof v === 'object' && !Array.isArray(v)) return text((v as { name?: unknown }).name);
  return text(v);
};

/** Article-like objects in a JSON-LD value (top level, arrays, `@graph`). */
function* articlesIn(value: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 4 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) yield* articlesIn(v, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  const types = ([] as unknown[]).concat(obj['@type'] ?? []);
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.has(t))) yield obj;
  if (obj['@graph']) yield* articlesIn(obj['@graph'], depth + 1);
}

function articleOf(json: string): PageMeta['article'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  for (const a of articlesIn(parsed)) {
    const types = ([] as unknown[]).concat(a['@type']);
    return {
      type: String(types.find((t) => typeof t === 'string' && ARTICLE_TYPES.has(t))),
      headline: text(a.headline) ?? text(a.name),
      description: text(a.description),
      datePublished: text(a.datePublished),
      publisher: nameOf(a.publisher),
    };
  }
  return null;
}

/** Reads the page's head (the body, if given, is ignored after `</head>`). */
export function readPageMeta(html: string): PageMeta {
  const meta: PageMeta = { canonical: null, og: {}, article: null, title: null, description: null };
  let inHead = true;
  let capture: 'title' | 'ld' | null = null;
  let buffer = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (!inHead && name !== 'script') return;
        if (name === 'link' && meta.canonical === null) {
          const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
          if (rel.includes('canonical') && attrs.href) meta.canonical = attrs.href.trim();
        } else if (name === 'meta') {
          const key = (attrs.property ?? attrs.name ?? '').trim().toLowerCase();
          const value = (attrs.content ?? '').trim();
          if (!key || !value) return;
          if ((key.startsWith('og:') || key.startsWith('article:')) && !(key in meta.og))
            meta.og[key] = value;
          else if (key === 'description' && meta.description === null) meta.description = value;
        } else if (name === 'title' && inHead && meta.title === null) {
          capture = 'title';
          buffer = '';
        } else if (
          name === 'script' &&
          (attrs.type ?? '').toLowerCase() === 'application/ld+json'
        ) {
          capture = 'ld';
          buffer = '';
        }
      },
      ontext(data) {
        if (capture) buffer += data;
      },
      onclosetag(name) {
        if (name === 'head') inHead = false;
        if (capture === 'title' && name === 'title') {
          meta.title = buffer.trim() || null;
          capture = null;
        } else if (capture === 'ld' && name === 'script') {
          meta.article ??= articleOf(buffer);
          capture = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
  );
  parser.write(html);
  parser.end();
  return meta;
}

export type RichPinPart = 'title' | 'description' | 'siteName' | 'publishedTime';

export interface RichPinReadiness {
  /** Every part Pinterest reads for an article Rich Pin is there. */
  ready: boolean;
  /** Where each part was found (`og` tags win), or null when missing. */
  parts: Record<RichPinPart, { value: string; source: 'og' | 'schema.org' } | null>;
  missing: RichPinPart[];
  /** What the frontend should add, in plain words; null when ready. */
  advice: string | null;
}

const TAG_FOR: Record<RichPinPart, string> = {
  title: '<meta property="og:title">',
  description: '<meta property="og:description">',
  siteName: '<meta property="og:site_name">',
  publishedTime: '<meta property="article:published_time">',
};

/**
 * Rich Pins readiness of a page: title, description, site name and published time, from Open
 * Graph or a schema.org Article (JSON-LD).
 */
export function richPinReadiness(meta: PageMeta): RichPinReadiness {
  const pick = (
    og: string | undefined,
    schema: string | null | undefined
  ): RichPinReadiness['parts'][RichPinPart] =>
    og ? { value: og, source: 'og' } : schema ? { value: schema, source: 'schema.org' } : null;
  const parts: RichPinReadiness['parts'] = {
    title: pick(meta.og['og:title'], meta.article?.headline),
    description: pick(meta.og['og:description'], meta.article?.description),
    siteName: pick(meta.og['og:site_name'], meta.article?.publisher),
    publishedTime: pick(meta.og['article:published_time'], meta.article?.datePublished),
  };
  const missing = (Object.keys(parts) as RichPinPart[]).filter((k) => !parts[k]);
  return {
    ready: missing.length === 0,
    parts,
    missing,
    advice: missing.length
      ? `Ask the site's developers to add ${missing.map((m) => TAG_FOR[m]).join(', ')} to the page's <head> (or the same facts in a schema.org Article, JSON-LD); Pinterest then shows them on the pin.`
      : null,
  };
}
