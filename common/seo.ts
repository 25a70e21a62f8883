/**
 * Pinterest SEO, shared by server and admin: the checklist's rules and weights, and the wire shapes
 * of `/pinterest/seo/*`.
 */
import { z } from 'zod';

/**
 * The checklist's rules with their weights (they add up to 100; a pin's score is the sum of the
 * weights of the rules it passes). Keywords weigh most: Pinterest finds a pin through the words of
 * its title and description, for months, and the title's first 40 characters are what a search
 * result shows.
 */
export const SEO_RULE_WEIGHTS = {
  keywordInTitle: 20,
  keywordInDescription: 15,
  descriptionLength: 10,
  boardRelated: 10,
  altText: 10,
  link: 10,
  image: 10,
  titleNotCaps: 10,
  hashtags: 5,
} as const;
export type SeoRule = keyof typeof SEO_RULE_WEIGHTS;
export const SEO_RULES = Object.keys(SEO_RULE_WEIGHTS) as SeoRule[];

export const seoRuleSchema = z.enum(SEO_RULES as [SeoRule, ...SeoRule[]]);

export const seoChecklistItemSchema = z.object({
  rule: seoRuleSchema,
  pass: z.boolean(),
  weight: z.number().int(),
  /** Why it warns, as a stable code the admin words (`missing`, `tooShort`, `notHttps`…). */
  reason: z.string().nullable(),
  /** Numbers and words the advice names (a length, a count, the keyword). */
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type SeoChecklistItem = z.infer<typeof seoChecklistItemSchema>;

export const seoChecklistSchema = z.object({
  score: z.number().int().min(0).max(100),
  /** The keyword the rules checked for (null when there was none to check). */
  keyword: z.string().nullable(),
  items: z.array(seoChecklistItemSchema),
});
export type SeoChecklist = z.infer<typeof seoChecklistSchema>;

/** What the pin record keeps: the checklist of the pin as last sent, and when it ran. */
export const storedSeoSchema = seoChecklistSchema.extend({ checkedAt: z.string() });
export type StoredSeo = z.infer<typeof storedSeoSchema>;

export const KEYWORD_SOURCES = ['suggested', 'related', 'trending', 'content'] as const;
export type KeywordSource = (typeof KEYWORD_SOURCES)[number];

export const keywordSuggestionSchema = z.object({
  keyword: z.string(),
  source: z.enum(KEYWORD_SOURCES),
  /** Month-over-month growth in searches, in percent (trending keywords only). */
  growth: z.number().nullable(),
});
export type KeywordSuggestion = z.infer<typeof keywordSuggestionSchema>;

/** Why the keywords come from the site's own content rather than Pinterest. */
export const FALLBACK_REASONS = [
  'scope-missing',
  'refused',
  'not-connected',
  'busy',
  'unavailable',
] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

export const TREND_TYPES = ['growing', 'monthly', 'yearly', 'seasonal'] as const;
export type TrendType = (typeof TREND_TYPES)[number];

/** The regions Pinterest's trends cover (`TrendsSupportedRegion`). */
export const TREND_REGIONS = [
  'US',
  'CA',
  'DE',
  'FR',
  'ES',
  'IT',
  'DE+AT+CH',
  'GB+IE',
  'IT+ES+PT+GR+MT',
  'PL+RO+HU+SK+CZ',
  'SE+DK+FI+NO',
  'NL+BE+LU',
  'AR',
  'BR',
  'CO',
  'MX',
  'MX+AR+CO+CL',
  'AU+NZ',
] as const;
export type TrendRegion = (typeof TREND_REGIONS)[number];

/** `POST /pinterest/seo/suggestions` and `POST /pinterest/seo/checklist`: the edit form's entry. */
export const seoInputSchema = z
  .object({
    contentType: z
      .string()
      .regex(
        /^(api|plugin)::[\w-]+\.[\w-]+$/,
        'must be a content type uid such as api::article.article'
      ),
    documentId: z.string().max(64).nullish(),
    locale: z.string().max(32).nullish(),
    values: z.record(z.string(), z.unknown()),
    /** Checklist only: the suggestions, best first, and the keyword the editor chose. */
    keywords: z.array(z.string().max(100)).max(50).optional(),
    focus: z.string().max(100).nullish(),
  })
  .strict();
export type SeoInput = z.infer<typeof seoInputSchema>;

export const seoSuggestionsSchema = z.object({
  /** `pinterest`: Pinterest's search data; `content`: words of the site's own entries. */
  source: z.enum(['pinterest', 'content']),
  reason: z.enum(FALLBACK_REASONS).nullable(),
  region: z.enum(TREND_REGIONS),
  seeds: z.array(z.string()),
  keywords: z.array(keywordSuggestionSchema),
  /** Whether trends answered (false: refused to this app, or not asked). */
  trends: z.boolean(),
});
export type SeoSuggestionsDTO = z.infer<typeof seoSuggestionsSchema>;

/** `GET /pinterest/seo/status`: whether the keyword data is available, for Settings' notice. */
export const seoStatusSchema = z.object({
  adsRead: z.enum(['granted', 'missing', 'refused', 'unknown']),
  trends: z.enum(['available', 'refused', 'unknown']),
  defaultRegion: z.enum(TREND_REGIONS),
  /** An administrator has read the notice about missing keyword data (it shows once). */
  noticeDismissed: z.boolean(),
});
export type SeoStatusDTO = z.infer<typeof seoStatusSchema>;

/** `PUT /pinterest/seo/settings`. */
export const seoSettingsInputSchema = z
  .object({
    defaultRegion: z.enum(TREND_REGIONS).optional(),
    noticeDismissed: z.boolean().optional(),
  })
  .strict();

/** One of the weakest live pins (`GET /pinterest/seo/weakest`). */
export const weakPinSchema = z.object({
  contentType: z.string(),
  documentId: z.string(),
  locale: z.string(),
  pinId: z.string().nullable(),
  title: z.string().nullable(),
  score: z.number().int(),
  failing: z.array(seoRuleSchema),
  checkedAt: z.string().nullable(),
});
export const weakPinsSchema = z.object({ pins: z.array(weakPinSchema) });
export type WeakPinDTO = z.infer<typeof weakPinSchema>;

/** `POST /pinterest/seo/variants`: a campaign's title and description variants, to review. */
export const campaignVariantsSchema = z.object({
  source: z.enum(['pinterest', 'content']),
  reason: z.enum(FALLBACK_REASONS).nullable(),
  keywords: z.array(z.string()),
  titleTemplates: z.array(z.string()),
  descriptionTemplates: z.array(z.string()),
});
export type CampaignVariantsDTO = z.infer<typeof campaignVariantsSchema>;
