import { createHash } from 'node:crypto';

export interface UtmSettings {
  enabled: boolean;
  source: string;
  medium: string;
  campaign?: string;
}

export const LINK_MAX = 2048;

/**
 * The marker that identifies the pin the plugin makes for one entry × locale × board. It is stable,
 * so a retry after a crash can recognise a pin that was created but whose id was never saved.
 */
export function pinMarker(parts: {
  contentType: string;
  documentId: string;
  locale: string;
  boardId: string;
}): string {
  const digest = createHash('sha256')
    .update([parts.contentType, parts.documentId, parts.locale, parts.boardId].join('\u0000'))
    .digest('hex');
  return `strapi-${digest.slice(0, 16)}`;
}

export type LinkCheck =
  { ok: true; url: URL } | { ok: false; reason: 'missing' | 'invalid' | 'not-http' };

export function checkLink(raw: unknown): LinkCheck {
  if (typeof raw !== 'string' || !raw.trim()) return { ok: false, reason: 'missing' };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: 'not-http' };
  return { ok: true, url };
}

/** The query parameter that carries the marker when UTM tags are on (`utm_content`) or off. */
export const MARKER_PARAMS = { utm: 'utm_content', plain: 'pin_ref' } as const;

/**
 * Adds the UTM tags (when on) and the plugin's marker to a link. The marker is always there: as
 * `utm_content` with UTM tags, as `pin_ref` without, so a create whose outcome is unknown can be
 * recognised on the board whatever the settings. Existing tags are kept.
 */
export function tagLink(url: URL, utm: UtmSettings, marker: string | null): string {
  const tagged = new URL(url.toString());
  if (utm.enabled) {
    if (!tagged.searchParams.has('utm_source')) tagged.searchParams.set('utm_source', utm.source);
    if (!tagged.searchParams.has('utm_medium')) tagged.searchParams.set('utm_medium', utm.medium);
    if (utm.campaign && !tagged.searchParams.has('utm_campaign'))
      tagged.searchParams.set('utm_campaign', utm.campaign);
    if (marker) tagged.searchParams.set(MARKER_PARAMS.utm, marker);
  } else if (marker) {
    tagged.searchParams.set(MARKER_PARAMS.plain, marker);
  }
  return tagged.toString();
}

/** The marker carried by a pin's link (in `utm_content` or `pin_ref`), if any. */
export function markerOfLink(link: string | null | undefined): string | null {
  if (!link) return null;
  try {
    const params = new URL(link).searchParams;
    for (const name of [MARKER_PARAMS.utm, MARKER_PARAMS.plain]) {
      const value = params.get(name);
      if (value && value.startsWith('strapi-')) return value;
    }
    return null;
  } catch {
    return null;
  }
}
