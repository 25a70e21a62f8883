import type { Core } from '@strapi/strapi';
import { publishHook } from './publish-hook';
import { statsGuard } from './stats-guard';

/**
 * The plugin's Document Service middlewares, added in register() as Strapi's documentation asks
 * (they must be in place before any document call). Each resolves the services it needs when a
 * call comes, never at registration.
 */
export function registerDocumentMiddlewares(strapi: Core.Strapi) {
  strapi.documents.use(publishHook(strapi));
  strapi.documents.use(statsGuard(strapi));
}

/** The plugin's Koa (server) middlewares: none. */
export default {};
