import type { PinFieldValue } from '../../../common/pin-field';
import type { PinPreviewDTO } from '../../../common/wire';
import type { ContentTypeMapping } from '../config/schema';
import { PinError } from '../errors/pin-error';
import { checkLink, LINK_MAX, pinMarker, tagLink, type UtmSettings } from './link';
import { chooseMedia, type ChosenMedia, type StrapiMedia } from './media';
import { entryLink, firstValue, valueAt, type EntryLink } from './entry-values';
import { firstLine, plainText, squash, truncateAtWord } from './text';
import { NO_LOCALE } from '../../../common/locales';

export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 500;
export const ALT_TEXT_MAX = 500;

export type DraftWarning =
  | 'LINK_MISSING'
  | 'LINK_NOT_HTTPS'
  | 'LINK_INVALID'
  /** The link with its UTM tags was over 2,048 characters: it went with the marker only. */
  | 'LINK_UTM_DROPPED'
  /** The link alone (with its marker) is over 2,048 characters: the pin cannot carry it. */
  | 'LINK_TOO_LONG'
  | 'TITLE_TRUNCATED'
  | 'DESCRIPTION_TRUNCATED'
  | 'TITLE_FROM_CONTENT';

/** Everything needed to create one pin, before any network I/O. */
export interface PinDraft {
  boardId: string;
  boardSectionId: string | null;
  title: string | null;
  description: string | null;
  link: string | null;
  altText: string | null;
  media: ChosenMedia;
  /** The editor's video cover (key-frame second or image URL), when the media is a video. */
  cover: PinFieldValue['cover'];
  marker: string;
  warnings: DraftWarning[];
}

export interface DraftInput {
  contentType: string;
  documentId: string;
  locale: string;
  entry: Record<string, unknown>;
  mapping: ContentTypeMapping;
  field: PinFieldValue | null;
  utm: UtmSettings;
}

const text = (v: unknown) => (typeof v === 'string' ? squash(v) : '');

/** Resolves the board: the entry's field first, then the content type's default. */
export function resolveBoard(field: PinFieldValue | null, mapping: ContentTypeMapping) {
  const boardId = field?.boardId || mapping.defaultBoardId || null;
  const boardSectionId = field?.boardId
    ? field.boardSectionId || null
    : mapping.defaultBoardSectionId || null;
  return { boardId, boardSectionId };
}

/** Title, description and alt text exactly as they will be sent, with what happened to them. */
export function pinTexts(
  entry: Record<string, unknown>,
  mapping: ContentTypeMapping,
  field: PinFieldValue | null
) {
  const warnings: DraftWarning[] = [];
  const content = plainText(firstValue(entry, mapping.content));
  const descriptionSource =
    text(field?.description) || plainText(firstValue(entry, mapping.description)) || content;
  let titleSource = text(field?.title) || text(firstValue(entry, mapping.title));
  if (!titleSource) {
    titleSource = firstLine(descriptionSource || content);
    if (titleSource) warnings.push('TITLE_FROM_CONTENT');
  }
  const title = titleSource ? truncateAtWord(titleSource, TITLE_MAX) : null;
  if (title && title !== squash(titleSource)) warnings.push('TITLE_TRUNCATED');
  const description = descriptionSource ? truncateAtWord(descriptionSource, DESCRIPTION_MAX) : null;
  if (description && description !== squash(descriptionSource))
    warnings.push('DESCRIPTION_TRUNCATED');
  const mediaObject = valueAt(entry, mapping.media) as StrapiMedia | null | undefined;
  const altSource = text(mediaObject?.alternativeText) || text(firstValue(entry, mapping.altText));
  const altText = altSource ? truncateAtWord(altSource, ALT_TEXT_MAX) : null;
  return { title, description, altText, warnings };
}

/** The link with UTM tags and the marker, or why there is none. */
export function pinLink(
  raw: unknown,
  utm: UtmSettings,
  marker: string
): { link: string | null; warnings: DraftWarning[] } {
  const linkCheck = checkLink(raw);
  if (!linkCheck.ok)
    return {
      link: null,
      warnings: [
        'reason' in linkCheck && linkCheck.reason === 'missing' ? 'LINK_MISSING' : 'LINK_INVALID',
      ],
    };
  const warnings: DraftWarning[] = linkCheck.url.protocol !== 'https:' ? ['LINK_NOT_HTTPS'] : [];
  const tagged = tagLink(linkCheck.url, utm, marker);
  if (tagged.length <= LINK_MAX) return { link: tagged, warnings };
  // too long with its tags: keep the marker (it is what recognises the pin), drop the rest, and
  // never cut the URL (a cut link is a broken one)
  const markedOnly = tagLink(linkCheck.url, { ...utm, enabled: false }, marker);
  if (markedOnly.length <= LINK_MAX)
    return { link: markedOnly, warnings: [...warnings, 'LINK_UTM_DROPPED'] };
  return { link: null, warnings: [...warnings, 'LINK_TOO_LONG'] };
}

const LINK_PROBLEMS: ReadonlySet<DraftWarning> = new Set<DraftWarning>([
  'LINK_MISSING',
  'LINK_INVALID',
  'LINK_TOO_LONG',
]);

/** Why a pin cannot go out without its link (the content type refuses link-less pins). */
function linkRequired(source: EntryLink, warnings: DraftWarning[]): PinError {
  const why = !source.ok
    ? source.reason
    : warnings.includes('LINK_TOO_LONG')
      ? 'the link is longer than the 2,048 characters Pinterest accepts'
      : `“${source.url}” is not an http(s) address`;
  return new PinError('LINK_REQUIRED', `This entry has no link for its pin: ${why}.`);
}

/**
 * Maps an entry to a pin draft following the product rules: title ≤ 100 (falling back to the first
 * line
 * of the description or content, cut at a word boundary), description ≤ 500, exactly one media, a
 * board.
 * Pure: throws a `PinError` for what an editor must fix.
 */
export function buildPinDraft(input: DraftInput): PinDraft {
  const parts = draftParts(input);
  if (parts.errors.length) throw parts.errors[0];
  const media = parts.media!;
  return {
    boardId: parts.boardId!,
    boardSectionId: parts.boardSectionId,
    title: parts.title,
    description: parts.description,
    link: parts.link,
    altText: parts.altText,
    media,
    cover: media.kind === 'video' ? (input.field?.cover ?? null) : null,
    marker: parts.marker,
    warnings: parts.warnings,
  };
}

/**
 * Everything a draft and a preview are made of; what an editor must fix is collected, not thrown.
 */
function draftParts(input: DraftInput) {
  const { entry, mapping, field } = input;
  const errors: PinError[] = [];
  const { boardId, boardSectionId } = resolveBoard(field, mapping);
  if (!boardId)
    errors.push(new PinError('BOARD_REQUIRED', 'No Pinterest board was chosen for this entry.'));
  let media: ChosenMedia | null = null;
  try {
    media = chooseMedia(valueAt(entry, mapping.media) as StrapiMedia | null | undefined);
  } catch (e) {
    if (!(e instanceof PinError)) throw e;
    errors.push(e);
  }
  const texts = pinTexts(entry, mapping, field);
  const marker = pinMarker({
    contentType: input.contentType,
    documentId: input.documentId,
    locale: input.locale,
    boardId: boardId ?? '',
  });
  const source = entryLink(entry, mapping, input.locale === NO_LOCALE ? null : input.locale);
  const linked = pinLink(source.ok ? source.url : null, input.utm, marker);
  const { link } = linked;
  let { warnings } = linked;
  if (!link && mapping.missingLink === 'refuse') {
    // the error says why; the warnings would say it again
    errors.push(linkRequired(source, warnings));
    warnings = warnings.filter((w) => !LINK_PROBLEMS.has(w));
  }
  return {
    boardId,
    boardSectionId,
    media,
    errors,
    marker,
    link,
    title: texts.title,
    description: texts.description,
    altText: texts.altText,
    warnings: [...texts.warnings, ...warnings],
  };
}

export type PreviewWarning = DraftWarning | 'ASPECT_RATIO';

/**
 * The preview as the route sends it (see the wire type), with the server's own media and warning
 * types.
 */
export type PinPreview = Omit<PinPreviewDTO, 'media' | 'warnings' | 'pinOnPublish'> & {
  media: ChosenMedia | null;
  warnings: PreviewWarning[];
};

/**
 * Far from 2:3: Pinterest crops pins taller than about 1:2.1, and square or wide images (height
 * under
 * 1.2× the width, i.e. flatter than 5:6) get a smaller slot in the feed than a 2:3 pin.
 */
const aspectFar = (m: ChosenMedia | null) =>
  m?.kind === 'image' && m.width && m.height
    ? m.height / m.width > 2.1 || m.height / m.width < 1.2
    : false;

/**
 * What the editor's preview shows: the draft as it would be sent, with every problem listed instead
 * of thrown.
 */
export function previewPin(input: DraftInput): PinPreview {
  const parts = draftParts(input);
  return {
    boardId: parts.boardId,
    boardSectionId: parts.boardSectionId,
    title: parts.title,
    description: parts.description,
    link: parts.link,
    altText: parts.altText,
    media: parts.media,
    warnings: [...parts.warnings, ...(aspectFar(parts.media) ? (['ASPECT_RATIO'] as const) : [])],
    problems: parts.errors.map((e) => e.toJSON()),
  };
}
