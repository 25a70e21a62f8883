import type { MediaSource, PinCreateBody } from './schemas';

/** What a pin says, as the mapping or a posts-API request worked it out. */
export interface PinTexts {
  boardId: string;
  boardSectionId?: string | null;
  title?: string | null;
  description?: string | null;
  link?: string | null;
  altText?: string | null;
}

/** `POST /v5/pins`'s body for a draft: empty texts are left out, as Pinterest expects. */
export function pinCreateBody(draft: PinTexts, mediaSource: MediaSource): PinCreateBody {
  return {
    board_id: draft.boardId,
    ...(draft.boardSectionId && { board_section_id: draft.boardSectionId }),
    ...(draft.title && { title: draft.title }),
    ...(draft.description && { description: draft.description }),
    ...(draft.link && { link: draft.link }),
    ...(draft.altText && { alt_text: draft.altText }),
    media_source: mediaSource,
  };
}
