/**
 * Reading a pin's sources from an entry as real content models hold them: an attribute (`title`),
 * a field of a component or of a to-one relation (`seo.metaTitle`, `category.slug`), an ordered
 * list of such paths (the first non-empty wins), and the link from an attribute or a URL pattern.
 * Also what the entry must be read with (`populate`) for those paths. Pure.
 */
import { placeholdersOf, renderLinkPattern, valueAt, type LinkPattern } from './link-pattern';

export { valueAt };

/** One path, or an ordered list of paths: the first that has a value wins. */
export type Sources = string | readonly string[];

export const sourceList = (sources: Sources | undefined | null): string[] =>
  sources == null ? [] : typeof sources === 'string' ? [sources] : [...sources];

/** The first path of a source list (what a single-field reader such as a sort uses). */
export const primaryPath = (sources: Sources): string => sourceList(sources)[0] ?? '';

const hasValue = (v: unknown): boolean =>
  v !== undefined &&
  v !== null &&
  !(typeof v === 'string' && !v.trim()) &&
  !(Array.isArray(v) && v.length === 0);

/** The first non-empty value among the sources, or undefined. */
export function firstValue(entry: Record<string, unknown>, sources: Sources | undefined): unknown {
  for (const path of sourceList(sources)) {
    const v = valueAt(entry, path);
    if (hasValue(v)) return v;
  }
  return undefined;
}

/** Where a content type's link comes from. */
export interface LinkSource {
  /** Attribute (or path) holding the page URL. */
  link?: string;
  /** A URL pattern, or one per locale (`*` for the others); wins over `link` when set. */
  linkPattern?: LinkPattern;
  /** The link is what the app's preview gives (attached to the entry); wins over both. */
  linkFromPreview?: boolean;
}

/** Where a loader puts the link the app's preview gave for an entry (never an attribute name). */
const PREVIEW_LINK = Symbol('pinterest.previewLink');

/** The entry with the link its preview gave (`linkFromPreview`), asked for when it was loaded. */
export const withPreviewLink = <T extends Record<string, unknown>>(entry: T, link: EntryLink): T =>
  Object.assign({}, entry, { [PREVIEW_LINK]: link });

const previewLinkIn = (entry: Record<string, unknown>): EntryLink | undefined =>
  (entry as { [PREVIEW_LINK]?: EntryLink })[PREVIEW_LINK];

export type EntryLink =
  | { ok: true; url: string }
  /** No link: `reason` says why in words (empty attribute, empty placeholder). */
  | { ok: false; reason: string };

/** The entry's page URL as the site builds it (before UTM tags), or why there is none. */
export function entryLink(
  entry: Record<string, unknown>,
  source: LinkSource,
  locale: string | null
): EntryLink {
  if (source.linkFromPreview)
    return (
      previewLinkIn(entry) ?? {
        ok: false,
        reason: 'the app’s preview was not asked for this entry',
      }
    );
  if (source.linkPattern) {
    const rendered = renderLinkPattern(source.linkPattern, entry, locale);
    return rendered.ok ? rendered : { ok: false, reason: rendered.reason };
  }
  if (!source.link) return { ok: false, reason: 'no link attribute or URL pattern is set' };
  const raw = valueAt(entry, source.link);
  if (typeof raw === 'string' && raw.trim()) return { ok: true, url: raw.trim() };
  return { ok: false, reason: `the attribute “${source.link}” is empty on this entry` };
}

/** The raw link (for readers that check it themselves), or null. */
export const entryLinkRaw = (
  entry: Record<string, unknown>,
  source: LinkSource,
  locale: string | null
): string | null => {
  const link = entryLink(entry, source, locale);
  return link.ok ? link.url : null;
};

/** Query parameters that make a URL a private one (a draft preview, a signed link). */
const PRIVATE_PARAM = /secret|token|sig|signature|key|auth|draft|status|preview|password/i;

/**
 * Whether what a preview handler returned can be a pin's link: an absolute http(s) URL of a public
 * page — not relative, no credentials, no secret or draft parameter.
 */
export function previewLinkOf(raw: unknown): EntryLink {
  if (typeof raw !== 'string' || !raw.trim())
    return { ok: false, reason: 'the app’s preview gives no URL for this entry' };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return {
      ok: false,
      reason: `the app’s preview gives “${raw.trim().slice(0, 120)}”, not an absolute URL`,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: 'the app’s preview URL is not an http(s) address' };
  const secret = [...url.searchParams.keys()].find((k) => PRIVATE_PARAM.test(k));
  if (url.username || url.password || secret)
    return {
      ok: false,
      reason: `the app’s preview URL is a private one (it carries “${secret ?? 'credentials'}”), not a public page`,
    };
  return { ok: true, url: url.toString() };
}

/** The paths a link source reads (the pattern's placeholders, `locale` left out). */
export function linkPaths(source: LinkSource): string[] {
  if (source.linkPattern) {
    const templates =
      typeof source.linkPattern === 'string'
        ? [source.linkPattern]
        : Object.values(source.linkPattern);
    return templates.flatMap(placeholdersOf).filter((p) => p !== 'locale');
  }
  return source.link ? [source.link] : [];
}

/** An attribute as the schema describes it (the parts that matter for populating). */
export interface AttributeInfo {
  type: string;
  /** component uid, for a component attribute */
  component?: string;
  /** target uid, for a relation */
  target?: string;
}
export type AttributesOf = (uid: string) => Record<string, AttributeInfo> | undefined;

const POPULATED = new Set(['media', 'relation', 'component', 'dynamiczone']);

/**
 * The Document Service `populate` that reads these paths of `uid`'s entries: an attribute that is
 * a media, relation, component or dynamic zone is populated; a path into a component or relation
 * populates that attribute, and its own media or relation field. Scalars need nothing.
 */
export function populateFor(
  uid: string,
  paths: readonly string[],
  attributesOf: AttributesOf
): Record<string, true | { populate: Record<string, true> }> {
  const attributes = attributesOf(uid) ?? {};
  const populate: Record<string, true | { populate: Record<string, true> }> = {};
  for (const path of paths) {
    const [root, child] = path.split('.');
    const attribute = attributes[root];
    if (!attribute || !POPULATED.has(attribute.type)) continue;
    const innerUid = attribute.type === 'component' ? attribute.component : attribute.target;
    const inner = child && innerUid ? attributesOf(innerUid)?.[child] : undefined;
    if (inner && POPULATED.has(inner.type)) {
      const existing = populate[root];
      const nested = existing && existing !== true ? existing.populate : {};
      populate[root] = { populate: { ...nested, [child]: true } };
    } else if (!populate[root]) {
      populate[root] = true;
    }
  }
  return populate;
}

/** Every path a mapping reads (what the entry must be loaded with). */
export function mappingPaths(mapping: {
  title: Sources;
  description: Sources;
  content: Sources;
  media: string;
  altText?: Sources;
  link?: string;
  linkPattern?: LinkPattern;
}): string[] {
  return [
    ...new Set([
      ...sourceList(mapping.title),
      ...sourceList(mapping.description),
      ...sourceList(mapping.content),
      mapping.media,
      ...sourceList(mapping.altText),
      ...linkPaths(mapping),
    ]),
  ];
}
