/**
 * Re-pin campaigns: what the admin sends to plan one (checked with zod on the server, and used by
 * the
 * admin's forms), and what the server answers. Shared by server and admin.
 */
import { z } from 'zod';
import { pinErrorSchema } from './wire';

const contentTypeUid = z
  .string()
  .regex(
    /^(api|plugin)::[\w-]+\.[\w-]+$/,
    'must be a content type uid such as api::article.article'
  );
const digits = (what: string) =>
  z.string().regex(/^\d+$/, `${what} must be a Pinterest id (digits only)`);
const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time, e.g. 2026-12-01T09:00:00Z',
});
const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time of day as HH:mm, e.g. 09:00');

/** A time zone name the runtime knows (IANA, e.g. Europe/Paris, or UTC). */
export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * Which entries a campaign takes: chosen ones (the bulk action), or every published entry matching
 * the filters.
 */
export const campaignSelectionSchema = z
  .object({
    contentType: contentTypeUid,
    /**
     * A locale of a localized content type; its default locale when absent. Ignored for other
     * types.
     */
    locale: z.string().min(1).max(32).nullish(),
    /** Entries chosen in the Content Manager (their published versions are used). */
    documentIds: z.array(z.string().min(1).max(64)).min(1).max(1000).optional(),
    /** Only entries last published after / before this time. */
    publishedAfter: isoDateTime.nullish(),
    publishedBefore: isoDateTime.nullish(),
    /**
     * Entries pinned in the last N days (their own pin or a campaign's) are skipped as "pinned
     * recently".
     */
    notPinnedForDays: z.number().int().min(1).max(3650).nullish(),
    /** Only entries that have media in the campaign's image field. */
    hasMedia: z.boolean().nullish(),
    /** Only entries whose pin is currently on this board. */
    onBoardId: digits('onBoardId').nullish(),
  })
  .strict();

/**
 * A board to pin to; `entry` means the board the entry itself pins to (its Pinterest field, or the
 * type's default).
 */
export const campaignBoardSchema = z
  .object({
    boardId: z.union([z.literal('entry'), digits('boardId')]),
    boardSectionId: digits('boardSectionId').nullish(),
  })
  .strict();

export const pacingSchema = z
  .object({
    /**
     * At least this many minutes between two pins of the campaign (0: only Pinterest's rate limit
     * paces).
     */
    intervalMinutes: z
      .number()
      .min(0)
      .max(7 * 24 * 60),
    /**
     * At most this many pins per day (days in `timeZone`); they are spread evenly over the day's
     * window.
     */
    maxPerDay: z.number().int().min(1).max(10_000).nullish(),
    /** Pins only between these times of day (in `timeZone`). */
    window: z.object({ start: clock, end: clock }).strict().nullish(),
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine(isTimeZone, 'must be a time zone name such as Europe/Paris or UTC')
      .default('UTC'),
    /**
     * At least this many days between two pins of the same link (earlier pins outside the campaign
     * count).
     */
    minDaysBetweenSameLink: z.number().int().min(0).max(365).default(7),
    /** When the first pin may go; now when absent. */
    startAt: isoDateTime.nullish(),
  })
  .strict()
  .refine((p) => !p.window || p.window.start < p.window.end, {
    message: 'the window must end after it starts (same day)',
    path: ['window'],
  });

/**
 * Templates use the entry's attributes as `{title}`, `{excerpt}`…; one variant per pin, in turn.
 */
export const freshnessSchema = z
  .object({
    titleTemplates: z.array(z.string().trim().min(1).max(300)).max(10).default([]),
    descriptionTemplates: z.array(z.string().trim().min(1).max(1000)).max(10).default([]),
    /**
     * A media attribute to take the image from instead of the content type's hero (several images:
     * one per pin, in turn).
     */
    imageField: z.string().min(1).max(64).nullish(),
    /**
     * Designed pins: each pin gets a new 2:3 design, the templates taken in turn (then with the
     * other brand colour), rendered when the pin is due.
     */
    freshDesigns: z.boolean().optional(),
  })
  .strict();

export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(120),
    selection: campaignSelectionSchema,
    boards: z
      .array(campaignBoardSchema)
      .min(1, 'choose at least one board')
      .max(10)
      .refine(
        (b) => new Set(b.map((x) => x.boardId)).size === b.length,
        'each board may be chosen once'
      ),
    pacing: pacingSchema,
    freshness: freshnessSchema.default({ titleTemplates: [], descriptionTemplates: [] }),
    /**
     * Several accounts: the account the campaign pins with (its id from `GET /pinterest/accounts`);
     * null or absent: the default account (stored as the account it was when the campaign
     * started). The boards must be that account's.
     */
    accountId: z.number().int().positive().nullish(),
    /** Or one account per locale (`{ fr: 3 }`); a locale not named uses `accountId`. */
    accountsByLocale: z.record(z.string().min(1).max(32), z.number().int().positive()).nullish(),
  })
  .strict();

export type CampaignSelection = z.infer<typeof campaignSelectionSchema>;
export type CampaignBoard = z.infer<typeof campaignBoardSchema>;
export type Pacing = z.infer<typeof pacingSchema>;
export type Freshness = z.infer<typeof freshnessSchema>;
export type CampaignInput = z.infer<typeof campaignInputSchema>;
export type CampaignInputWire = z.input<typeof campaignInputSchema>;

/** Why an entry (or one of its boards) gets no pin in a campaign. */
export const SKIP_REASONS = [
  'NOT_PUBLISHED',
  'NO_MEDIA',
  'MEDIA_UNSUPPORTED',
  'NO_LINK',
  'PINNED_RECENTLY',
  'NO_BOARD',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const campaignStatusSchema = z.enum(['running', 'paused', 'stopped', 'cancelled', 'done']);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;
export const campaignItemStateSchema = z.enum([
  'planned',
  'queued',
  'pinning',
  'pinned',
  'failed',
  'skipped',
  'cancelled',
]);
export type CampaignItemState = z.infer<typeof campaignItemStateSchema>;
const skipReasonSchema = z.enum(SKIP_REASONS);

/*
 * The answers. Plain `z.object`s: a field the server adds is accepted (and dropped), a missing or
 * mistyped one is refused; the admin parses every answer with these (admin/src/api/).
 */

export const planBucketSchema = z.object({
  /** Start of the bucket (ISO). */
  start: z.string(),
  count: z.number(),
});
export type PlanBucketDTO = z.infer<typeof planBucketSchema>;

/**
 * `POST /pinterest/campaigns/preview`: the plan before it starts: what will happen, when, and what
 * is left out and why.
 */
export const campaignPreviewSchema = z.object({
  /** Entries examined (those matching the filters). */
  matched: z.number(),
  pins: z.number(),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
  skipped: z.array(z.object({ reason: skipReasonSchema, count: z.number() })),
  skippedSamples: z.array(
    z.object({
      documentId: z.string(),
      locale: z.string(),
      title: z.string().nullable(),
      reason: skipReasonSchema,
    })
  ),
  /** Pins per day, week or month over the whole plan. */
  timeline: z.object({
    unit: z.enum(['day', 'week', 'month']),
    buckets: z.array(planBucketSchema),
  }),
  /** The first pins, in time order. */
  first: z.array(
    z.object({
      at: z.string(),
      documentId: z.string(),
      title: z.string().nullable(),
      boardId: z.string(),
      /** With fresh designs: the template id this pin will be designed with. */
      design: z.string().nullable().optional(),
    })
  ),
});
export type CampaignPreviewDTO = z.infer<typeof campaignPreviewSchema>;

export const campaignProgressSchema = z.object({
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  skipped: z.number(),
  cancelled: z.number(),
  /** Planned, queued or being pinned. */
  remaining: z.number(),
  /**
   * When the last remaining pin should go, at the campaign's pace (null when paused, stopped or
   * finished).
   */
  eta: z.string().nullable(),
  nextAt: z.string().nullable(),
  /** Still reading entries (large selections are planned page by page). */
  planning: z.boolean(),
  examined: z.number(),
});
export type CampaignProgressDTO = z.infer<typeof campaignProgressSchema>;

/**
 * A campaign's input as the server stored it (the output of `campaignInputSchema`), read back
 * without the input rules: what was valid when the campaign started stays readable (a time zone
 * this browser does not know, a rule tightened since).
 */
export const storedCampaignInputSchema = z.object({
  name: z.string(),
  selection: z.object({
    contentType: z.string(),
    locale: z.string().nullish(),
    documentIds: z.array(z.string()).optional(),
    publishedAfter: z.string().nullish(),
    publishedBefore: z.string().nullish(),
    notPinnedForDays: z.number().nullish(),
    hasMedia: z.boolean().nullish(),
    onBoardId: z.string().nullish(),
  }),
  boards: z.array(z.object({ boardId: z.string(), boardSectionId: z.string().nullish() })),
  pacing: z.object({
    intervalMinutes: z.number(),
    maxPerDay: z.number().nullish(),
    window: z.object({ start: z.string(), end: z.string() }).nullish(),
    timeZone: z.string(),
    minDaysBetweenSameLink: z.number(),
    startAt: z.string().nullish(),
  }),
  // defaults as campaignInputSchema's, for a campaign stored without them
  freshness: z
    .object({
      titleTemplates: z.array(z.string()).default([]),
      descriptionTemplates: z.array(z.string()).default([]),
      imageField: z.string().nullish(),
    })
    .default({ titleTemplates: [], descriptionTemplates: [] }),
  accountId: z.number().nullish(),
  accountsByLocale: z.record(z.string(), z.number()).nullish(),
});
export type StoredCampaignInput = z.infer<typeof storedCampaignInputSchema>;

export const campaignSchema = z.object({
  id: z.number(),
  name: z.string(),
  status: campaignStatusSchema,
  input: storedCampaignInputSchema,
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Why the campaign stopped by itself (a spam block), in plain words. */
  stopReason: pinErrorSchema.nullable(),
  progress: campaignProgressSchema,
});
export type CampaignDTO = z.infer<typeof campaignSchema>;

/** What the campaign routes answer: `{ campaign }` (create, get, pause, resume, cancel, retry). */
export const campaignAnswerSchema = z.object({ campaign: campaignSchema });
/** `GET /pinterest/campaigns`, newest first. */
export const campaignListSchema = z.object({ campaigns: z.array(campaignSchema) });

export const campaignItemSchema = z.object({
  id: z.number(),
  documentId: z.string(),
  locale: z.string(),
  title: z.string().nullable(),
  /** The account the pin is made with (null: a pin planned before several accounts). */
  accountId: z.number().nullable(),
  boardId: z.string(),
  state: campaignItemStateSchema,
  runAt: z.string().nullable(),
  pinId: z.string().nullable(),
  pinUrl: z.string().nullable(),
  pinnedAt: z.string().nullable(),
  skipReason: skipReasonSchema.nullable(),
  lastError: pinErrorSchema.nullable(),
});
export type CampaignItemDTO = z.infer<typeof campaignItemSchema>;

/** `GET /pinterest/campaigns/:id/items`: one page of a campaign's pins. */
export const campaignItemsPageSchema = z.object({
  items: z.array(campaignItemSchema),
  pagination: z.object({ page: z.number(), pageSize: z.number(), total: z.number() }),
});
export type CampaignItemsPageDTO = z.infer<typeof campaignItemsPageSchema>;

/**
 * `GET /pinterest/campaigns/options`: what the planner page offers: the content types that pin,
 * their locales, image and text attributes.
 */
export const campaignOptionsSchema = z.object({
  contentTypes: z.array(
    z.object({
      uid: z.string(),
      displayName: z.string(),
      localized: z.boolean(),
      mediaFields: z.array(z.string()),
      textFields: z.array(z.string()),
      defaultMediaField: z.string(),
    })
  ),
  locales: z.array(z.object({ code: z.string(), name: z.string(), isDefault: z.boolean() })),
  timeZone: z.string(),
});
export type CampaignOptionsDTO = z.infer<typeof campaignOptionsSchema>;
