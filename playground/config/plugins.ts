import type { Core } from '@strapi/strapi';
import { findPluginRoot } from '../src/find-plugin-root';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  // Demo-only secret so the app never writes a .env of its own; a real app sets JWT_SECRET.
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET', 'playground-jwt-secret') } },
  // GraphQL (the plugin adds its types when this plugin is installed); PLAYGROUND_GRAPHQL=false
  // leaves it off
  graphql: { enabled: env.bool('PLAYGROUND_GRAPHQL', true) },
  pinterest: {
    enabled: true,
    // The plugin is the repository root; Strapi loads its built dist (npm run build).
    resolve: findPluginRoot(),
    config: {
      // PINTEREST_* environment variables are read by the plugin itself (see the README).
      contentTypes: {
        // PINTEREST_MAP_ARTICLES=false leaves articles unmapped (the benchmark's "plugin off"
        // baseline)
        ...(env.bool('PINTEREST_MAP_ARTICLES', true) && {
          'api::article.article': {
            title: 'title',
            description: 'excerpt',
            content: 'body',
            media: 'hero',
            link: 'canonicalUrl',
            pinOnPublish: true,
            onUnpublish: env('PINTEREST_ON_UNPUBLISH', 'keep') as 'keep' | 'delete',
            // the plugin's own tests publish many articles without a link, on purpose; a real site
            // keeps the default, `refuse` (see Blog article, set up in Settings → Pinterest)
            missingLink: env('PINTEREST_MISSING_LINK', 'warn') as 'refuse' | 'warn',
          },
        }),
        // Lets a test prove that a mapping for a missing content type stops start-up.
        ...(env('PINTEREST_EXTRA_CONTENT_TYPE') && {
          [env('PINTEREST_EXTRA_CONTENT_TYPE') as string]: {},
        }),
      },
      // PINTEREST_UTM_ENABLED=false: pin links go out untagged (the cluster suite runs both ways)
      utm: { enabled: env.bool('PINTEREST_UTM_ENABLED', true) },
      ...(env('PINTEREST_TOKEN_REFRESH_RULE') && {
        tokenRefreshRule: env('PINTEREST_TOKEN_REFRESH_RULE'),
      }),
      rateLimits: {
        profile: env('PINTEREST_RATE_PROFILE', 'standard') as 'standard' | 'trial' | 'off',
        ...(env('PINTEREST_RATE_ORG_WRITE') && { org_write: env.int('PINTEREST_RATE_ORG_WRITE') }),
        ...(env('PINTEREST_RATE_ORG_READ') && { org_read: env.int('PINTEREST_RATE_ORG_READ') }),
        ...(env('PINTEREST_RATE_ORG_ANALYTICS') && {
          org_analytics: env.int('PINTEREST_RATE_ORG_ANALYTICS'),
        }),
        ...(env('PINTEREST_RATE_ADS_READ') && { ads_read: env.int('PINTEREST_RATE_ADS_READ') }),
      },
      http: { timeoutMs: env.int('PINTEREST_HTTP_TIMEOUT_MS', 15000), connections: 8 },
      spamPauseMs: env.int('PINTEREST_SPAM_PAUSE_MS', 6 * 60 * 60 * 1000),
      ...(env('PINTEREST_RECONCILE_RULE') && { reconcileRule: env('PINTEREST_RECONCILE_RULE') }),
      mediaHostAllowlist: env.array('PINTEREST_MEDIA_HOST_ALLOWLIST', []),
      ...(env('PINTEREST_PUBLIC_URL') && { publicUrl: env('PINTEREST_PUBLIC_URL') }),
      worker: {
        enabled: env.bool('PINTEREST_WORKER_ENABLED', true),
        pollIntervalMs: env.int('PINTEREST_WORKER_POLL_MS', 2000),
        leaseMs: env.int('PINTEREST_WORKER_LEASE_MS', 120000),
        concurrency: env.int('PINTEREST_WORKER_CONCURRENCY', 2),
        sqliteStatementCache: env.int('PINTEREST_SQLITE_STATEMENT_CACHE', 256),
        ...(env('PINTEREST_GROUP_COMMIT_WINDOW_MS') && {
          groupCommitWindowMs: env.int('PINTEREST_GROUP_COMMIT_WINDOW_MS'),
        }),
      },
      video: {
        pollInitialMs: env.int('PINTEREST_VIDEO_POLL_MS', 1000),
        pollMaxMs: env.int('PINTEREST_VIDEO_POLL_MAX_MS', 15000),
        processingTimeoutMs: env.int('PINTEREST_VIDEO_TIMEOUT_MS', 600000),
        uploadTimeoutMs: 1800000,
        defaultKeyFrameSeconds: 1,
      },
      // Link health: off in the playground unless asked (its demo and test entries link to
      // blog.example.com, which does not exist); a real site keeps the plugin's default, on.
      linkCheck: {
        enabled: env.bool('PINTEREST_LINK_CHECK', false),
        maxRedirects: env.int('PINTEREST_LINK_CHECK_MAX_REDIRECTS', 3),
        timeoutMs: env.int('PINTEREST_LINK_CHECK_TIMEOUT_MS', 10000),
        retries: env.int('PINTEREST_LINK_CHECK_RETRIES', 3),
        scan: {
          enabled: env.bool('PINTEREST_LINK_SCAN', true),
          rule: env('PINTEREST_LINK_SCAN_RULE', '0 */15 * * * *'),
          recheckAfterHours: env.float('PINTEREST_LINK_SCAN_RECHECK_HOURS', 24),
          maxPerRun: env.int('PINTEREST_LINK_SCAN_MAX_PER_RUN', 30),
          spacingMs: env.int('PINTEREST_LINK_SCAN_SPACING_MS', 2000),
        },
      },
      retry: {
        baseDelayMs: env.int('PINTEREST_RETRY_BASE_MS', 5000),
        maxDelayMs: env.int('PINTEREST_RETRY_MAX_MS', 1800000),
        maxAttempts: env.int('PINTEREST_RETRY_MAX_ATTEMPTS', 12),
      },
    },
  },
});

export default config;
