import { analyticsFromEnv } from './analytics';
import { campaignsFromEnv } from './campaigns';
import { postsFromEnv } from './posts';
import { parsePluginConfig } from './schema';

type Env = ((key: string, fallback?: string) => string | undefined) & {
  array?: (key: string, fallback?: string[]) => string[] | undefined;
};

/** Keep only the keys that are set, so the app's config and zod defaults fill the rest. */
const defined = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== ''));

export default {
  default: ({ env }: { env: Env }) =>
    defined({
      apiUrl: env('PINTEREST_API_URL'),
      oauthUrl: env('PINTEREST_OAUTH_URL'),
      appId: env('PINTEREST_APP_ID'),
      appSecret: env('PINTEREST_APP_SECRET'),
      redirectUri: env('PINTEREST_REDIRECT_URI'),
      encryptionKey: env('PINTEREST_ENCRYPTION_KEY'),
      encryptionKeyPrevious: env('PINTEREST_ENCRYPTION_KEY_PREVIOUS'),
      accessToken: env('PINTEREST_ACCESS_TOKEN'),
      analytics: analyticsFromEnv(env),
      campaigns: campaignsFromEnv(env),
      posts: postsFromEnv(env),
    }),
  /** Strapi calls this with the merged config and refuses to start when it throws. */
  validator(config: unknown) {
    parsePluginConfig(config);
  },
};
