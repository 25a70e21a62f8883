import { z } from 'zod';

/**
 * Job kinds and keys. A key names the work, so asking twice for the same work never makes two jobs.
 */
export const JOB_KINDS = {
  pinEntry: 'pin.entry',
  /** A pin asked for through the posts API (server/src/posts). */
  pinPost: 'pin.post',
  /** Deletes an unpublished (or deleted) entry's pins when its content type says so. */
  unpinEntry: 'pin.unpin',
  /** One pin of a re-pin campaign (server/src/campaigns). */
  pinCampaign: 'pin.campaign',
} as const;

/** An unpin job's locale when every locale of the document was withdrawn. */
export const ALL_LOCALES = '*';

export { NO_LOCALE } from '../../../common/locales';

export interface EntryRef {
  contentType: string;
  documentId: string;
  locale: string;
}

/** What a `pin.entry` or `pin.unpin` job row carries (parsed where the job reads it). */
export const entryJobPayloadSchema = z.object({
  contentType: z.string().min(1),
  documentId: z.string().min(1),
  locale: z.string().min(1),
  /** `pin.entry` only: replace the pin with a new one (the re-pin route). */
  repin: z.boolean().optional(),
  /**
   * Several accounts: the account the job was asked for, when known (the plugin's account id).
   * The pin goes where the entry routes it when the job runs; a job without one (made before
   * several accounts) belongs to the default account.
   */
  accountId: z.number().int().positive().nullish(),
});

/** What a `pin.post` job row carries. */
export const postJobPayloadSchema = z.object({ postId: z.string().min(1) });

/** What a `pin.campaign` job row carries. */
export const campaignJobPayloadSchema = z.object({
  campaignId: z.number().int(),
  itemId: z.number().int(),
});

export const entryKeyPrefix = (contentType: string, documentId: string) =>
  `${JOB_KINDS.pinEntry}:${contentType}:${documentId}:`;

export const pinEntryJobKey = (ref: EntryRef) =>
  `${entryKeyPrefix(ref.contentType, ref.documentId)}${ref.locale}`;

export const unpinJobKey = (ref: EntryRef) =>
  `${JOB_KINDS.unpinEntry}:${ref.contentType}:${ref.documentId}:${ref.locale}`;

/** One job per posts-API post. */
export const postJobKey = (postId: string) => `${JOB_KINDS.pinPost}:${postId}`;

/** All the jobs of one re-pin campaign start with this. */
export const campaignKeyPrefix = (campaignId: number) => `${JOB_KINDS.pinCampaign}:${campaignId}:`;

/** One job per campaign pin: campaign × entry × locale × board. */
export const campaignPinJobKey = (campaignId: number, ref: EntryRef & { boardId: string }) =>
  `${campaignKeyPrefix(campaignId)}${ref.contentType}:${ref.documentId}:${ref.locale}:${ref.boardId}`;
