import { z } from 'zod';
import { ANALYTICS_DEFAULTS, analyticsConfigSchema } from './analytics';
import { CAMPAIGNS_DEFAULTS, campaignsConfigSchema } from './campaigns';
import { DESIGNS_DEFAULTS, designsConfigSchema } from './designs';
import { patternProblem } from './link-pattern-syntax';
import { POSTS_DEFAULTS, postsConfigSchema } from './posts';

export const PRODUCTION_API_URL = 'https://api.pinterest.com/v5';
export const SANDBOX_API_URL = 'https://api-sandbox.pinterest.com/v5';
export const PRODUCTION_OAUTH_URL = 'https://www.pinterest.com/oauth/';

const httpUrl = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    }, `${what} must be an absolute http(s) URL`);

/**
 * A path to a value of the entry: an attribute (`title`), or a field of a component or of a to-one
 * relation (`seo.metaTitle`, `category.slug`).
 */
export const attributePathSchema = z
  .string()
  .regex(
    /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/,
    'must be an attribute name, or a component or relation field such as seo.metaTitle'
  );

/** One path, or an ordered list of paths (the first with a value wins): `['title', 'seo.x']`. */
// an empty list: this part of the pin has no source (it falls back as the product rules say)
const sourcesSchema = z.union([attributePathSchema, z.array(attributePathSchema).max(5)]);

/**
 * A URL pattern (`https://blog.example.com/{locale}/articles/{slug}`), or one per locale (`*` for
 * the others).
 */
export const linkPatternSchema = z
  .union([z.string().trim().min(1), z.record(z.string().min(1), z.string().trim().min(1))])
  .superRefine((value, ctx) => {
    const templates = typeof value === 'string' ? { '': value } : value;
    for (const [locale, template] of Object.entries(templates)) {
      const problem = patternProblem(template);
      if (problem) ctx.addIssue({ code: 'custom', path: locale ? [locale] : [], message: problem });
    }
  });

/** A locale's default account and board (several accounts). */
export const localeDefaultSchema = z
  .object({
    accountId: z.number().int().positive().nullish(),
    boardId: z
      .string()
      .regex(/^\d+$/, 'boardId must be a Pinterest board id (digits only)')
      .nullish(),
  })
  .strict();

/** Which attributes of a content type feed the pin. */
export const contentTypeMappingSchema = z
  .object({
    /** Attribute(s) holding the title (max 100 characters on Pinterest). */
    title: sourcesSchema.default('title'),
    /** Attribute(s) holding the description / excerpt (max 500 characters). */
    description: sourcesSchema.default('excerpt'),
    /**
     * Attribute(s) holding the long content (text, rich text, Blocks, a component or a dynamic
     * zone), used when title or description is empty.
     */
    content: sourcesSchema.default('body'),
    /** Media attribute (or component field) with the hero image (or video). */
    media: attributePathSchema.default('hero'),
    /** Attribute holding the canonical link of the entry (when no `linkPattern` is set). */
    link: attributePathSchema.default('canonicalUrl'),
    /**
     * The link built from the entry, as the site's frontend builds its URLs: placeholders name
     * attributes, component or to-one relation fields, or `{locale}`; wins over `link`.
     */
    linkPattern: linkPatternSchema.optional(),
    /**
     * The link is the page URL the app's Strapi preview gives for the published entry
     * (`config/admin.ts` → `preview.config.handler`); wins over `linkPattern` and `link`. A URL
     * that is not a public page (relative, or carrying a secret) is refused as missing.
     */
    linkFromPreview: z.boolean().default(false),
    /**
     * An entry without a link: `refuse` (default) fails its pin job with LINK_REQUIRED; `warn` pins
     * it without a link and says so on the record and in the panel.
     */
    missingLink: z.enum(['refuse', 'warn']).default('refuse'),
    /** Attribute(s) holding alt text; the media's own alternative text wins when present. */
    altText: sourcesSchema.optional(),
    /** The `plugin::pinterest.pin` attribute; found automatically when omitted. */
    pinField: z.string().optional(),
    /** Pin on publish when the entry's field does not say otherwise. */
    pinOnPublish: z.boolean().default(true),
    /** Board used when the entry's field names none. */
    defaultBoardId: z
      .string()
      .regex(/^\d+$/, 'defaultBoardId must be a Pinterest board id (digits only)')
      .optional(),
    defaultBoardSectionId: z.string().regex(/^\d+$/).optional(),
    /**
     * What happens to the pins when an entry is unpublished or deleted: kept (default) or deleted
     * on Pinterest.
     */
    onUnpublish: z.enum(['keep', 'delete']).default('keep'),
    /**
     * Several accounts: the account (the plugin's account id) an entry whose field names none pins
     * to; absent: the default account.
     */
    defaultAccountId: z.number().int().positive().optional(),
    /** Per locale: the account and the board its entries pin to when their field names none. */
    localeDefaults: z.record(z.string(), localeDefaultSchema).optional(),
  })
  .strict();

const utmSchema = z
  .object({
    enabled: z.boolean().default(true),
    source: z.string().min(1).default('pinterest'),
    medium: z.string().min(1).default('social'),
    campaign: z.string().optional(),
  })
  .strict();

const linkCheckScanSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Cron rule (with seconds) of the scan. Default: every 15 minutes. */
    rule: z.string().min(1).default('0 */15 * * * *'),
    /** A pin's link checked less than this many hours ago is not checked again. */
    recheckAfterHours: z.number().min(0).default(24),
    /** Checks one run makes at most; the rest waits for the next runs (oldest check first). */
    maxPerRun: z.number().int().positive().default(30),
    /** Pause between two checks of a run (rate limit towards the site). */
    spacingMs: z.number().int().min(0).default(2_000),
  })
  .strict();

const linkCheckConfigSchema = z
  .object({
    /** Check links at all (before pinning, in the preview, in the scan). */
    enabled: z.boolean().default(true),
    /** Redirects followed at most before a link counts as broken. */
    maxRedirects: z.number().int().min(0).max(10).default(3),
    /** Idle and total time a page may take to answer. */
    timeoutMs: z.number().int().positive().default(10_000),
    /** Attempts of a pin job whose link is dead before it fails for good (the page may deploy). */
    retries: z.number().int().min(1).max(20).default(3),
    scan: linkCheckScanSchema.default({
      enabled: true,
      rule: '0 */15 * * * *',
      recheckAfterHours: 24,
      maxPerRun: 30,
      spacingMs: 2_000,
    }),
  })
  .strict();

export type LinkCheckConfig = z.infer<typeof linkCheckConfigSchema>;
export const LINK_CHECK_DEFAULTS: LinkCheckConfig = linkCheckConfigSchema.parse({});

export const pluginConfigSchema = z
  .object({
    /**
     * Pinterest API base URL: production, sandbox, or a compatible server such as the local
     * emulator.
     */
    apiUrl: httpUrl('apiUrl').default(PRODUCTION_API_URL),
    /** OAuth authorize page. */
    oauthUrl: httpUrl('oauthUrl').default(PRODUCTION_OAUTH_URL),
    appId: z.string().trim().optional(),
    appSecret: z.string().optional(),
    redirectUri: httpUrl('redirectUri').optional(),
    /** 32-byte key (base64 or hex) used to encrypt tokens at rest. */
    encryptionKey: z.string().optional(),
    /**
     * The key used before `encryptionKey`, during a rotation: tokens sealed with it are still read
     * and re-sealed with `encryptionKey`.
     */
    encryptionKeyPrevious: z.string().optional(),
    /**
     * Send `continuous_refresh=true` with the code exchange: only for Pinterest apps created before
     * 2025-09-25 (the token endpoint's request schema does not name it).
     */
    continuousRefresh: z.boolean().default(false),
    /** A token generated on the Pinterest app page, for single-site setups without OAuth. */
    accessToken: z.string().optional(),
    /** Per-content-type mapping: which content types pin and which attributes feed the pin. */
    contentTypes: z
      .record(z.string(), contentTypeMappingSchema)
      .superRefine((record, ctx) => {
        for (const key of Object.keys(record)) {
          if (!/^(api|plugin)::[\w-]+\.[\w-]+$/.test(key)) {
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: `“${key}” is not a content type uid; content type keys look like api::article.article`,
            });
          }
        }
      })
      .default({}),
    /**
     * UTM tags added to every pin link; `utm_content` always carries the plugin's per-pin marker.
     */
    utm: utmSchema.default({ enabled: true, source: 'pinterest', medium: 'social' }),
    /** Media hosts the plugin may treat as publicly reachable or download from even though they are
     * loopback or private (the demo and tests name the local Strapi and emulator here). `host:port`
     * or `host`. */
    mediaHostAllowlist: z.array(z.string().min(1)).default([]),
    /** Public base URL of this Strapi, used to turn relative media URLs into absolute ones. */
    publicUrl: httpUrl('publicUrl').optional(),
    http: z
      .object({
        timeoutMs: z.number().int().positive().default(15_000),
        connections: z.number().int().positive().default(8),
      })
      .strict()
      .default({ timeoutMs: 15_000, connections: 8 }),
    /**
     * The plugin's own media downloads (video uploads, JPEG/PNG fallbacks, image checks): on top
     * of the idle timeout (`http.timeoutMs`), a total deadline and a minimum rate over each 30 s
     * (0: none). The defaults are net/download-clock.ts's DOWNLOAD_DEFAULTS.
     */
    downloads: z
      .object({
        deadlineMs: z
          .number()
          .int()
          .positive()
          .default(30 * 60_000),
        minBytesPerSecond: z
          .number()
          .int()
          .min(0)
          .default(8 * 1024),
      })
      .strict()
      .default({ deadlineMs: 30 * 60_000, minBytesPerSecond: 8 * 1024 }),
    worker: z
      .object({
        enabled: z.boolean().default(true),
        pollIntervalMs: z.number().int().positive().default(2_000),
        leaseMs: z.number().int().positive().default(120_000),
        /**
         * Jobs a Strapi process works on at once (a job waiting for its account's rate-limit turn
         * holds one: with many accounts, more than accounts).
         */
        concurrency: z.number().int().min(1).max(256).default(2),
        /**
         * SQLite: prepared statements kept per connection (0: none), so the worker's statements
         * are compiled once, not at every run (server/src/utils/sqlite-statement-cache.ts).
         */
        sqliteStatementCache: z.number().int().min(0).max(4096).default(256),
        /**
         * How long (ms) the worker's first small write waits for other lanes' writes to share its
         * transaction (server/src/utils/group-commit.ts). Unset: 0 with up to 4 lanes (each
         * write at once), else 10 (many accounts: one BEGIN and COMMIT for several lanes).
         */
        groupCommitWindowMs: z.number().int().min(0).max(1_000).optional(),
      })
      .strict()
      .default({
        enabled: true,
        pollIntervalMs: 2_000,
        leaseMs: 120_000,
        concurrency: 2,
        sqliteStatementCache: 256,
      }),
    /**
     * Pinterest's rate limits, per connected account and category, shared by every Strapi instance.
     */
    rateLimits: z
      .object({
        profile: z.enum(['standard', 'trial', 'off']).default('standard'),
        org_write: z.number().int().positive().optional(),
        org_read: z.number().int().positive().optional(),
        org_analytics: z.number().int().positive().optional(),
        /** Keyword data (terms/suggested, terms/related) and trends: server/src/seo. */
        ads_read: z.number().int().positive().optional(),
        trends_read: z.number().int().positive().optional(),
      })
      .strict()
      .default({ profile: 'standard' }),
    /**
     * Video pins: polling Pinterest's processing, upload time, and the cover frame used when the
     * editor chose none.
     */
    video: z
      .object({
        pollInitialMs: z.number().int().positive().default(1_000),
        pollMaxMs: z.number().int().positive().default(15_000),
        processingTimeoutMs: z
          .number()
          .int()
          .positive()
          .default(10 * 60_000),
        uploadTimeoutMs: z
          .number()
          .int()
          .positive()
          .default(30 * 60_000),
        defaultKeyFrameSeconds: z.number().int().min(0).default(1),
      })
      .strict()
      .default({
        pollInitialMs: 1_000,
        pollMaxMs: 15_000,
        processingTimeoutMs: 10 * 60_000,
        uploadTimeoutMs: 30 * 60_000,
        defaultKeyFrameSeconds: 1,
      }),
    /**
     * How long writes pause after Pinterest reports a spam block (an administrator can resume
     * earlier).
     */
    spamPauseMs: z
      .number()
      .int()
      .positive()
      .default(6 * 60 * 60_000),
    /**
     * Cron rule of the reconcile pass that finds published entries whose pin job was never
     * recorded.
     */
    reconcileRule: z.string().min(1).default('0 */10 * * * *'),
    /**
     * Cron rule of the token refresh check (it refreshes only when due: < 5 days left, or 30 days
     * since the last).
     */
    tokenRefreshRule: z.string().min(1).default('0 17 * * * *'),
    /** Pin analytics sync (see ./analytics.ts). */
    analytics: analyticsConfigSchema.default(ANALYTICS_DEFAULTS),
    /** Re-pin campaigns (see ./campaigns.ts). */
    campaigns: campaignsConfigSchema.default(CAMPAIGNS_DEFAULTS),
    /** The posts API's per-token quota and scheduling horizon (see ./posts.ts). */
    posts: postsConfigSchema.default(POSTS_DEFAULTS),
    /** Designed pins: extra fonts, the Media Library folder (see ./designs.ts). */
    designs: designsConfigSchema.default(DESIGNS_DEFAULTS),
    /**
     * Link health (server/src/links): the pin's link is checked before pinning (a dead link fails
     * the job with LINK_UNREACHABLE, retried `retries` times: the page may be deploying), in the
     * editor's preview, and by a scheduled scan of live pins (one instance at a time, oldest check
     * first, at most `scan.maxPerRun` checks a run, `scan.spacingMs` apart). Private and local
     * hosts are never fetched unless `mediaHostAllowlist` names them.
     */
    linkCheck: linkCheckConfigSchema.default(LINK_CHECK_DEFAULTS),
    retry: z
      .object({
        baseDelayMs: z.number().int().positive().default(5_000),
        maxDelayMs: z
          .number()
          .int()
          .positive()
          .default(30 * 60_000),
        maxAttempts: z.number().int().positive().default(12),
      })
      .strict()
      .default({ baseDelayMs: 5_000, maxDelayMs: 30 * 60_000, maxAttempts: 12 }),
  })
  .strict();

export type PluginConfig = z.infer<typeof pluginConfigSchema>;
export type ContentTypeMapping = z.infer<typeof contentTypeMappingSchema>;

/** Turns zod issues into one readable sentence per problem. */
export function describeConfigIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

export function parsePluginConfig(raw: unknown): PluginConfig {
  const result = pluginConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    throw new Error(`invalid configuration: ${describeConfigIssues(result.error)}`);
  }
  return result.data;
}
