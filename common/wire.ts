/**
 * Wire shapes shared by the server's admin routes and the admin panel: a zod schema for each
 * answer, and the TypeScript type derived from it. The server builds these objects; the admin
 * parses every answer with the schema (admin/src/api/), so a mismatch is a readable error instead
 * of a crash somewhere in a component. Objects are plain `z.object`s: a field the server adds is
 * accepted (and dropped), a missing or mistyped one is refused.
 */
import { z } from 'zod';

/**
 * `out_of_sync`: the entry changed but Pinterest refused the edit; `deleted`: removed on unpublish.
 */
export const pinStatusSchema = z.enum(['pinning', 'pinned', 'failed', 'out_of_sync', 'deleted']);
export type PinStatus = z.infer<typeof pinStatusSchema>;
export const jobStateSchema = z.enum(['waiting', 'running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof jobStateSchema>;

/** An optional number the server leaves out when unknown (a stored error may hold a null). */
const optionalNumber = z
  .number()
  .nullish()
  .transform((v) => v ?? undefined);

export const pinErrorSchema = z.object({
  /** Stable machine code, e.g. `MEDIA_REQUIRED`, `BOARD_REQUIRED`, `PINTEREST_UNREACHABLE`. */
  code: z.string(),
  /** What went wrong, in plain words. */
  message: z.string(),
  /** What an editor can do about it. */
  advice: z.string(),
  retryable: z.boolean(),
  httpStatus: optionalNumber.optional(),
  pinterestCode: optionalNumber.optional(),
  /**
   * Several accounts: the plugin's account the failed work was for (a job waiting for a reconnect
   * is counted, and woken, with that account).
   */
  accountId: optionalNumber.optional(),
});
export type PinErrorDTO = z.infer<typeof pinErrorSchema>;

export const pinRecordSchema = z.object({
  id: z.number(),
  contentType: z.string(),
  documentId: z.string(),
  locale: z.string(),
  boardId: z.string(),
  boardSectionId: z.string().nullable(),
  pinId: z.string().nullable(),
  pinUrl: z.string().nullable(),
  status: pinStatusSchema,
  title: z.string().nullable(),
  link: z.string().nullable(),
  mediaSource: z.string().nullable(),
  /** The designed 2:3 image the pin was made from (a Media Library URL); null: the entry's own. */
  designUrl: z.string().nullable().optional(),
  pinnedAt: z.string().nullable(),
  /** When an edit of the entry last reached Pinterest (an update of the pin); null until then. */
  lastSyncedAt: z.string().nullable().optional(),
  lastError: pinErrorSchema.nullable(),
  /** The pin went out without a link (its content type allows it: `missingLink: 'warn'`). */
  withoutLink: z.boolean().optional(),
  /** Several accounts: the account the pin belongs to (null: none recorded). */
  account: z
    .object({ id: z.number(), username: z.string().nullable(), displayName: z.string().nullable() })
    .nullable()
    .optional(),
});
export type PinRecordDTO = z.infer<typeof pinRecordSchema>;

export const jobSchema = z.object({
  id: z.number(),
  kind: z.string(),
  state: jobStateSchema,
  attempts: z.number(),
  runAt: z.string().nullable(),
  lastError: pinErrorSchema.nullable(),
  updatedAt: z.string().nullable(),
  contentType: z.string().nullable(),
  documentId: z.string().nullable(),
  locale: z.string().nullable(),
});
export type JobDTO = z.infer<typeof jobSchema>;

/** `GET /pinterest/entries/:uid/:documentId/pins`. */
export const entryPinsSchema = z.object({
  /** Whether this content type pins at all. */
  mapped: z.boolean().optional(),
  pins: z.array(pinRecordSchema),
  jobs: z.array(jobSchema),
});
export type EntryPinsDTO = z.infer<typeof entryPinsSchema>;

/** What the pin routes (pin now, re-pin, retry, cancel, reschedule) answer: the job, if any. */
export const jobAnswerSchema = z.object({ job: jobSchema.nullable() });

export const environmentSchema = z.enum(['production', 'sandbox', 'custom']);
export type Environment = z.infer<typeof environmentSchema>;

/** `GET /pinterest/connection` (and the connection actions' answers). */
export const connectionSchema = z.object({
  environment: environmentSchema,
  apiUrl: z.string(),
  /** What the OAuth flow needs, and what is missing, in words. */
  setup: z.object({
    hasAppId: z.boolean(),
    hasAppSecret: z.boolean(),
    hasEncryptionKey: z.boolean(),
    redirectUri: z.string(),
    problems: z.array(z.string()),
  }),
  /** Where the token comes from: a connected account, a static token from config, or nothing. */
  source: z.enum(['oauth', 'static-token', 'none']),
  status: z.enum(['connected', 'reconnect_required', 'not_connected']),
  account: z
    .object({
      username: z.string().nullable(),
      accountType: z.string().nullable(),
      isBusiness: z.boolean(),
      businessName: z.string().nullable(),
      profileImage: z.string().nullable(),
    })
    .nullable(),
  scopes: z.array(z.string()),
  missingScopes: z.array(z.string()),
  token: z
    .object({
      expiresAt: z.string().nullable(),
      expiresInDays: z.number().nullable(),
      refreshTokenExpiresAt: z.string().nullable(),
      lastRefreshAt: z.string().nullable(),
      connectedAt: z.string().nullable(),
    })
    .nullable(),
  lastError: pinErrorSchema.nullable(),
  /** Jobs waiting for the account (they run by themselves after a reconnect). */
  waitingJobs: z.number(),
  /** Set while pinning is paused after a spam block. */
  writesPaused: z.object({ until: z.string(), reason: z.string() }).nullable(),
});
export type ConnectionDTO = z.infer<typeof connectionSchema>;

/**
 * One connected Pinterest account (`GET /pinterest/accounts`): the plugin's id for it (what pin
 * records, jobs, posts and analytics rows carry), who it is on Pinterest and its health. Never a
 * token. `static` is the configured PINTEREST_ACCESS_TOKEN while no account is connected (id 0).
 */
export const accountSchema = z.object({
  id: z.number(),
  source: z.enum(['oauth', 'static-token']),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  profileImage: z.string().nullable(),
  accountType: z.string().nullable(),
  status: z.enum(['connected', 'reconnect_required', 'disconnected']),
  isDefault: z.boolean(),
  lastError: pinErrorSchema.nullable(),
  connectedAt: z.string().nullable(),
  /** Jobs of this account waiting for it (reconnect, disconnected). */
  waitingJobs: z.number(),
  writesPaused: z.object({ until: z.string(), reason: z.string() }).nullable(),
});
export type AccountDTO = z.infer<typeof accountSchema>;
export const accountListSchema = z.object({ accounts: z.array(accountSchema) });

/** `POST /pinterest/connection/authorize`: Pinterest's consent page. */
export const authorizeAnswerSchema = z.object({ url: z.string() });

/**
 * `POST /pinterest/connection/refresh`: what the refresh did (`refreshed`, `not-needed`, `failed`,
 * …) and the connection after it.
 */
export const refreshAnswerSchema = z.object({ outcome: z.string(), connection: connectionSchema });

export const contentTypeDefaultsSchema = z.object({
  uid: z.string(),
  displayName: z.string(),
  pinOnPublish: z.boolean(),
  defaultBoardId: z.string().nullable(),
  defaultBoardSectionId: z.string().nullable(),
  /** What unpublishing or deleting an entry does to its pins. */
  onUnpublish: z.enum(['keep', 'delete']),
  /** Designed pins: the template entries without their own design use; null: the original image. */
  defaultTemplate: z.string().nullable(),
  /** Whether the type is localized (it may then have an account and board per locale). */
  localized: z.boolean().optional(),
  /** Several accounts: the account entries of this type pin to (null: the default account). */
  defaultAccountId: z.number().nullable().optional(),
  /** Per locale: its account and board (each null: the type's). */
  localeDefaults: z
    .record(
      z.string(),
      z.object({ accountId: z.number().nullish(), boardId: z.string().nullish() })
    )
    .optional(),
});
export type ContentTypeDefaultsDTO = z.infer<typeof contentTypeDefaultsSchema>;

/** `GET` and `PUT /pinterest/settings`. */
export const settingsSchema = z.object({ contentTypes: z.array(contentTypeDefaultsSchema) });
export type SettingsDTO = z.infer<typeof settingsSchema>;

export const boardSchema = z.object({
  id: z.string(),
  name: z.string(),
  privacy: z.string().nullable(),
  description: z.string().nullable(),
});
export type BoardDTO = z.infer<typeof boardSchema>;

export const boardSectionSchema = z.object({ id: z.string(), name: z.string() });
export type BoardSectionDTO = z.infer<typeof boardSectionSchema>;

/** `GET /pinterest/boards`, `POST /pinterest/boards`, `GET /pinterest/boards/:id/sections`. */
export const boardsAnswerSchema = z.object({ boards: z.array(boardSchema) });
export const createdBoardAnswerSchema = z.object({ board: boardSchema });
export const sectionsAnswerSchema = z.object({ sections: z.array(boardSectionSchema) });

/** `GET /pinterest/content-types`: the content types that pin. */
export const contentTypesAnswerSchema = z.object({ contentTypes: z.array(z.string()) });

/**
 * What `POST /pinterest/preview` answers: the pin as it would be sent for the form's current
 * values.
 */
export const pinPreviewSchema = z.object({
  boardId: z.string().nullable(),
  boardSectionId: z.string().nullable(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  link: z.string().nullable(),
  altText: z.string().nullable(),
  media: z
    .object({
      kind: z.enum(['image', 'video']),
      url: z.string(),
      mime: z.string(),
      width: z.number().nullish(),
      height: z.number().nullish(),
      bytes: z.number().nullable(),
    })
    .nullable(),
  /** Stable codes (TITLE_TRUNCATED, LINK_MISSING, ASPECT_RATIO, …). */
  warnings: z.array(z.string()),
  /** What stops the pin today (no board, no or unusable media), as the job would report it. */
  problems: z.array(pinErrorSchema),
  pinOnPublish: z.boolean(),
  /**
   * Several accounts: the account the entry pins to when its field names none (its locale's, its
   * type's; null: the default account).
   */
  routedAccountId: z.number().nullable().optional(),
});
export type PinPreviewDTO = z.infer<typeof pinPreviewSchema>;
