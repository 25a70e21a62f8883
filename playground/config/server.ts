import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  ...(env('PUBLIC_URL') && { url: env('PUBLIC_URL') }),
  // Demo-only keys: a real app sets APP_KEYS.
  app: { keys: env.array('APP_KEYS', ['playground-key-a', 'playground-key-b']) },
  cron: { enabled: true },
  logger: {
    updates: { enabled: false },
    startup: { enabled: env.bool('STRAPI_STARTUP_LOG', true) },
    config: { level: env('STRAPI_LOG_LEVEL', 'http') },
  },
});

export default config;
