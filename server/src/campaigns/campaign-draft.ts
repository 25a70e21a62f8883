import { createHash } from 'node:crypto';
import type { PinFieldValue } from '../../../common/pin-field';
import type { Freshness, SkipReason } from '../../../common/campaigns';
import type { ContentTypeMapping } from '../config/schema';
import { entryLinkRaw, valueAt } from '../mapping/entry-values';
import { checkLink, MARKER_PARAMS, type UtmSettings } from '../mapping/link';
import { chooseMedia, type ChosenImage, type StrapiMedia } from '../mapping/media';
import { DESCRIPTION_MAX, pinLink, pinTexts, TITLE_MAX } from '../mapping/pin-draft';
import { plainText, squash, truncateAtWord } from '../mapping/text';
import { PinError } from '../errors/pin-error';

/**
 * A campaign pin is a new pin for an entry's link (fresh content for Pinterest), so it has its own
 * identity — campaign × entry × locale × board — used as its job key and as the marker in its link,
 * so a create whose answer was lost is found on the board and adopted, never made twice.
 */
export function campaignMarker(parts: {
  campaignId: number;
  contentType: string;
  documentId: string;
  locale: string;
  boardId: string;
}): string {
  const digest = createHash('sha256')
    .update(
      [
        'campaign',
        String(parts.campaignId),
        parts.contentType,
        parts.documentId,
        parts.locale,
        parts.boardId,
      ].join('\u0000')
    )
    .digest('hex');
  return `strapi-${digest.slice(0, 16)}`;
}

/**
 * What identifies "the same link" for spacing: the URL without tracking parameters or fragment,
 * host
 * in lower case, as a short hash (an index column). Null when the entry has no usable link.
 */
export function linkKeyOf(raw: unknown): string | null {
  const checked = checkLink(raw);
  if (!checked.ok) return null;
  const url = new URL(checked.url.toString());
  url.hash = '';
  for (const name of [...url.searchParams.keys()])
    if (/^utm_/i.test(name) || name === MARKER_PARAMS.plain) url.searchParams.delete(name);
  url.searchParams.sort();
  const normal = `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '') || '/'}${url.search}`;
  return createHash('sha1').update(normal).digest('hex');
}

const PLACEHOLDER = /\{([A-Za-z_][\w-]*)\}/g;

/** The attribute names a template refers to. */
export function templateFields(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * Fills `{attribute}` placeholders with the entry's values as plain text (unknown or empty:
 * nothing).
 */
export function renderTemplate(template: string, entry: Record<string, unknown>): string {
  return squash(
    template.replace(PLACEHOLDER, (_, name: string) => {
      const value = entry[name];
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return plainText(value).split(/\r?\n/).join(' ');
    })
  );
}

/** The media value the campaign takes its image from; with several images, one per pin in turn. */
export function campaignMedia(
  entry: Record<string, unknown>,
  mediaField: string,
  variant: number
): StrapiMedia | null {
  const value = valueAt(entry, mediaField);
  if (Array.isArray(value))
    return (value[variant % Math.max(1, value.length)] as StrapiMedia | undefined) ?? null;
  return (value as StrapiMedia | null | undefined) ?? null;
}

/**
 * Why this entry cannot get a campaign pin, or null when it can. Pure; the planner and the worker
 * agree.
 */
export function entrySkipReason(
  entry: Record<string, unknown>,
  mapping: ContentTypeMapping,
  mediaField: string,
  locale: string | null = null
): SkipReason | null {
  try {
    const media = chooseMedia(campaignMedia(entry, mediaField, 0));
    if (media.kind !== 'image') return 'MEDIA_UNSUPPORTED';
  } catch (e) {
    if (!(e instanceof PinError)) throw e;
    return e.code === 'MEDIA_REQUIRED' ? 'NO_MEDIA' : 'MEDIA_UNSUPPORTED';
  }
  if (!linkKeyOf(entryLinkRaw(entry, mapping, locale))) return 'NO_LINK';
  return null;
}

export interface CampaignDraft {
  boardId: string;
  boardSectionId: string | null;
  title: string | null;
  description: string | null;
  link: string;
  altText: string | null;
  media: ChosenImage;
  marker: string;
}

export interface CampaignDraftInput {
  entry: Record<string, unknown>;
  mapping: ContentTypeMapping;
  field: PinFieldValue | null;
  freshness: Pick<Freshness, 'titleTemplates' | 'descriptionTemplates'> & {
    imageField?: string | null;
  };
  /** Which variant this pin uses (templates and images are taken in turn). */
  variant: number;
  /** The entry's locale (for a link pattern's `{locale}`), null when not localized. */
  locale?: string | null;
  utm: UtmSettings;
  marker: string;
  boardId: string;
  boardSectionId: string | null;
}

/** Where the draft puts the variant's image for the pin texts to read its alternative text. */
const CAMPAIGN_MEDIA = '__campaignMedia';

const pick = <T>(list: readonly T[], variant: number): T | undefined =>
  list.length ? list[variant % list.length] : undefined;

/**
 * The pin a campaign makes for one entry on one board: the variant's title and description
 * templates
 * (falling back to the entry's own pin texts), the image field's image, the link with the campaign
 * pin's marker. Pure; throws a `PinError` for media Pinterest would refuse.
 */
export function buildCampaignDraft(input: CampaignDraftInput): CampaignDraft {
  const mediaField = input.freshness.imageField || input.mapping.media;
  const mediaObject = campaignMedia(input.entry, mediaField, input.variant);
  const media = chooseMedia(mediaObject);
  if (media.kind !== 'image') {
    throw new PinError(
      'MEDIA_UNSUPPORTED',
      'Re-pin campaigns make image pins: this entry’s media is a video. Choose an image field for the campaign.'
    );
  }
  const texts = pinTexts(
    { ...input.entry, [CAMPAIGN_MEDIA]: mediaObject },
    { ...input.mapping, media: CAMPAIGN_MEDIA },
    input.field
  );
  const titleTemplate = pick(input.freshness.titleTemplates, input.variant);
  const descriptionTemplate = pick(input.freshness.descriptionTemplates, input.variant);
  const renderedTitle = titleTemplate ? renderTemplate(titleTemplate, input.entry) : '';
  const renderedDescription = descriptionTemplate
    ? renderTemplate(descriptionTemplate, input.entry)
    : '';
  const { link } = pinLink(
    entryLinkRaw(input.entry, input.mapping, input.locale ?? null),
    input.utm,
    input.marker
  );
  if (!link)
    throw new PinError(
      'INVALID_REQUEST',
      'This entry has no usable link: a re-pin would send no one to the article.',
      { advice: 'Give the entry a canonical link, then retry.' }
    );
  return {
    boardId: input.boardId,
    boardSectionId: input.boardSectionId,
    title: renderedTitle ? truncateAtWord(renderedTitle, TITLE_MAX) : texts.title,
    description: renderedDescription
      ? truncateAtWord(renderedDescription, DESCRIPTION_MAX)
      : texts.description,
    link,
    altText: texts.altText,
    media,
    marker: input.marker,
  };
}
