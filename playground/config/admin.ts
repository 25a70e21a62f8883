import type { Core } from '@strapi/strapi';

// Demo-only secrets with defaults so the playground starts from a fresh clone; a real app sets
// them.
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'playground-admin-jwt-secret') },
  apiToken: { salt: env('API_TOKEN_SALT', 'playground-api-token-salt') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'playground-transfer-token-salt') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'playground-encryption-key') },
  flags: { nps: false, promoteEE: false },
  // Strapi's preview, as a site with a frontend configures it: the published page of a Blog
  // article, or the frontend's draft route (with its secret) for a draft. The plugin can take the
  // published URL as a pin's link (Settings → Pinterest → Content types → link: "Preview").
  preview: {
    enabled: env.bool('PREVIEW_ENABLED', true),
    config: {
      allowedOrigins: ['https://blog.example.com'],
      async handler(
        uid: string,
        { documentId, locale, status }: { documentId: string; locale?: string; status?: string }
      ) {
        if (uid !== 'api::blog-article.blog-article') return null;
        const doc = (await globalThis.strapi
          .documents(uid)
          .findOne({ documentId, locale, status, fields: ['slug'] } as never)) as {
          slug?: string | null;
        } | null;
        if (!doc?.slug) return null;
        const path = `/${locale ?? 'en'}/articles/${doc.slug}`;
        if (status === 'draft') {
          const secret = env('PREVIEW_SECRET', 'playground-preview-secret');
          return `https://blog.example.com/api/preview?secret=${secret}&url=${encodeURIComponent(path)}`;
        }
        return `https://blog.example.com${path}`;
      },
    },
  },
});

export default config;
