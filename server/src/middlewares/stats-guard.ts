import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { documentCall, type DocumentMiddleware } from './document-call';

/**
 * Document Service middleware: the stats attributes on entries are written by the analytics sync
 * only. Every create, update and clone drops them from its data (the Content Manager's stale form,
 * a REST `PUT`), and a clone's copied stats are emptied.
 */
export const statsGuard =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    const c = documentCall(ctx);
    if (!['create', 'update', 'clone'].includes(c.action) || !strapi.contentType(c.uid as never))
      return next();
    // resolved at call time: the services are not built yet when register() adds the middleware
    const stats = getService(strapi, 'analytics').entryStats;
    if (!stats.has(c.uid)) return next();
    if (c.params?.data) c.params.data = stats.strip(c.uid, c.params.data);
    const result = await next();
    // a clone copies the source's rows: its stats are not the copy's
    if (c.action === 'clone') {
      const documentId = (result as { documentId?: string } | null)?.documentId;
      if (documentId) await stats.clear(c.uid, documentId);
    }
    return result;
  };
