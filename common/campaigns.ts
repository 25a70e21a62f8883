/**
 * Re-pin campaigns: what the admin sends to plan one (checked with zod on the server, and used by
 * the
 * admin's forms), and what the server answers. Shared by server and admin.
 */
import { z } from 'zod';
import type { PinErrorDTO } from './wire';

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

export type CampaignStatus = 'running' | 'paused' | 'stopped' | 'cancelled' | 'done';
export type CampaignItemState =
  'planned' | 'queued' | 'pinning' | 'pinned' | 'failed' | 'skipped' | 'cancelled';

export interface PlanBucketDTO {
  /** Start of the bucket (ISO). */
  start: string;
  count: number;
}

/** The plan before it starts: what will happen, when, and what is left out and why. */
export interface CampaignPreviewDTO {
  /** Entries examined (those matching the filters). */
  matched: number;
  pins: number;
  firstAt: string | null;
  lastAt: string | null;
  skipped: Array<{ reason: SkipReason; count: number }>;
  skippedSamples: Array<{
    documentId: string;
    locale: string;
    title: string | null;
    reason: SkipReason;
  }>;
  /** Pins per day, week or month over the whole plan. */
  timeline: { unit: 'day' | 'week' | 'month'; buckets: PlanBucketDTO[] };
  /** The first pins, in time order. */
  first: Array<{ at: string; documentId: string; title: string | null; boardId: string }>;
}

export interface CampaignProgressDTO {
  total: number;
  done: number;
  failed: number;
  skipped: number;
  cancelled: number;
  /** Planned, queued or being pinned. */
  remaining: number;
  /**
   * When the last remaining pin should go, at the campaign's pace (null when paused, stopped or
   * finished).
   */
  eta: string | null;
  nextAt: string | null;
  /** Still reading entries (large selections are planned page by page). */
  planning: boolean;
  examined: number;
}

export interface CampaignDTO {
  id: number;
  name: string;
  status: CampaignStatus;
  input: CampaignInput;
  createdAt: string | null;
  createdBy: string | null;
  finishedAt: string | null;
  /** Why the campaign stopped by itself (a spam block), in plain words. */
  stopReason: PinErrorDTO | null;
  progress: CampaignProgressDTO;
}

export interface CampaignItemDTO {
  id: number;
  documentId: string;
  locale: string;
  title: string | null;
  boardId: string;
  state: CampaignItemState;
  runAt: string | null;
  pinId: string | null;
  pinUrl: string | null;
  pinnedAt: string | null;
  skipReason: SkipReason | null;
  lastError: PinErrorDTO | null;
}

/**
 * What the planner page offers: the content types that pin, their locales, image and text
 * attributes.
 */
export interface CampaignOptionsDTO {
  contentTypes: Array<{
    uid: string;
    displayName: string;
    localized: boolean;
    mediaFields: string[];
    textFields: string[];
    defaultMediaField: string;
  }>;
  locales: Array<{ code: string; name: string; isDefault: boolean }>;
  timeZone: string;
}
