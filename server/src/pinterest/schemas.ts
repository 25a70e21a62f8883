import { z } from 'zod';

/** Pinterest ids are numeric strings that do not fit in a JS number: keep them as strings. */
export const pinterestId = z.string().regex(/^\d+$/);

/** `{code, message}` error body (`Pinterest.Lib.Error`), sometimes with `message_detail`. */
export const pinterestErrorBodySchema = z.object({
  code: z.number().int(),
  message: z.string(),
  message_detail: z.string().optional(),
});

export const pinSchema = z
  .object({
    id: pinterestId,
    created_at: z.string().nullish(),
    link: z.string().nullish(),
    title: z.string().nullish(),
    description: z.string().nullish(),
    alt_text: z.string().nullish(),
    board_id: z.string().nullish(),
    board_section_id: z.string().nullish(),
    creative_type: z.string().nullish(),
  })
  .loose();
export type Pin = z.infer<typeof pinSchema>;

export const boardSchema = z
  .object({
    id: pinterestId,
    name: z.string(),
    description: z.string().nullish(),
    privacy: z.enum(['PUBLIC', 'PROTECTED', 'SECRET']).nullish(),
    pin_count: z.number().nullish(),
  })
  .loose();
export type Board = z.infer<typeof boardSchema>;

export const boardSectionSchema = z.object({ id: pinterestId, name: z.string() }).loose();
export type BoardSection = z.infer<typeof boardSectionSchema>;

export const paginated = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), bookmark: z.string().nullish() });

export const accountSchema = z
  .object({
    id: z.string().nullish(),
    username: z.string(),
    account_type: z.enum(['PINNER', 'BUSINESS']).nullish(),
    profile_image: z.string().nullish(),
    website_url: z.string().nullish(),
    business_name: z.string().nullish(),
  })
  .loose();
export type Account = z.infer<typeof accountSchema>;

/** `POST /v5/media`'s answer: where and how to upload the video. */
export const mediaUploadSchema = z
  .object({
    media_id: pinterestId,
    media_type: z.string().nullish(),
    upload_url: z.string().url(),
    upload_parameters: z.record(z.string(), z.string()),
  })
  .loose();
export type MediaUpload = z.infer<typeof mediaUploadSchema>;

/** `GET /v5/media/{id}`: the upload's processing state. */
export const mediaStatusSchema = z
  .object({
    media_id: pinterestId,
    media_type: z.string().nullish(),
    status: z.enum(['registered', 'processing', 'succeeded', 'failed']),
  })
  .loose();
export type MediaStatus = z.infer<typeof mediaStatusSchema>;

/** What `PATCH /v5/pins/{id}` accepts, restricted to what the plugin changes. */
export interface PinUpdateBody {
  board_id?: string;
  board_section_id?: string | null;
  title?: string | null;
  description?: string | null;
  link?: string | null;
  alt_text?: string | null;
}

/** One day of a pin's analytics: its `data_status` says whether the numbers are final (`READY`). */
const analyticsDaySchema = z
  .object({
    date: z.string(),
    data_status: z.string().nullish(),
    metrics: z.record(z.string(), z.number().nullable()).nullish(),
  })
  .loose();

/** `PinAnalyticsMetricsResponse`: period metrics per day and summed, lifetime metrics apart. */
const pinAnalyticsMetricsSchema = z
  .object({
    daily_metrics: z.array(analyticsDaySchema).nullish(),
    summary_metrics: z.record(z.string(), z.number().nullable()).nullish(),
    lifetime_metrics: z.record(z.string(), z.number().nullable()).nullish(),
  })
  .loose();

/** `GET /v5/pins/{id}/analytics`: key (`all` when not split) → metrics. */
export const pinAnalyticsSchema = z.record(z.string(), pinAnalyticsMetricsSchema);
export type PinAnalytics = z.infer<typeof pinAnalyticsSchema>;

/** `GET /v5/pins/analytics` (multi-pin): pin id → that pin's analytics. */
export const multiPinAnalyticsSchema = z.record(z.string(), pinAnalyticsSchema);
export type MultiPinAnalytics = z.infer<typeof multiPinAnalyticsSchema>;

/** What `POST /v5/pins` accepts (PinCreate), restricted to what the plugin sends. */
export type MediaSource =
  | { source_type: 'image_url'; url: string }
  | { source_type: 'image_base64'; content_type: 'image/jpeg' | 'image/png'; data: string }
  | {
      source_type: 'video_id';
      media_id: string;
      cover_image_url?: string;
      cover_image_key_frame_time?: number;
    };

export interface PinCreateBody {
  board_id: string;
  board_section_id?: string;
  title?: string;
  description?: string;
  link?: string;
  alt_text?: string;
  media_source: MediaSource;
}

/** `GET /v5/terms/suggested` (ads:read): popular searches beginning with the term. */
export const suggestedTermsSchema = z.array(z.string());

/** `GET /v5/terms/related` (ads:read): for each input term, the terms related to it. */
export const relatedTermsSchema = z
  .object({
    id: z.string().nullish(),
    related_term_count: z.number().nullish(),
    related_terms_list: z
      .array(
        z
          .object({ term: z.string().nullish(), related_terms: z.array(z.string()).nullish() })
          .loose()
      )
      .nullish(),
  })
  .loose();
export type RelatedTerms = z.infer<typeof relatedTermsSchema>;

/** `GET /v5/trends/keywords/{region}/top/{trend_type}`: trending searches, the top one first. */
export const trendingKeywordsSchema = z
  .object({
    trends: z
      .array(
        z
          .object({
            keyword: z.string().min(1),
            pct_growth_wow: z.number().nullish(),
            pct_growth_mom: z.number().nullish(),
            pct_growth_yoy: z.number().nullish(),
          })
          .loose()
      )
      .nullish(),
  })
  .loose();
export type TrendingKeywords = z.infer<typeof trendingKeywordsSchema>;
