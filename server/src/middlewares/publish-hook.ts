import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { pinFieldValueSchema } from '../../../common/pin-field';
import { NO_LOCALE, type EntryRef } from '../pins/job-keys';
import { getService } from '../utils/get-service';
import { isLocalized } from '../utils/is-localized';
import { documentCall, type DocumentCall, type DocumentMiddleware } from './document-call';

/**
 * Whether a Document Service call publishes: `publish`, or a REST/API create/update with
 * `status=published`.
 */
export const isPublishCall = (ctx: DocumentCall) =>
  ctx.action === 'publish' ||
  ((ctx.action === 'create' || ctx.action === 'update') && ctx.params?.status === 'published');

/** The published (documentId, locale) pairs a publishing call produced, read from its result. */
export function publishedRefs(
  contentType: string,
  result: unknown
): Array<EntryRef & { entry: Record<string, unknown> }> {
  const docs: Array<{ documentId?: string; locale?: string | null; publishedAt?: unknown }> = [];
  if (result && typeof result === 'object') {
    const r = result as { entries?: unknown[]; documentId?: string };
    if (Array.isArray(r.entries)) docs.push(...(r.entries as typeof docs));
    else if (r.documentId) docs.push(r);
  }
  const seen = new Set<string>();
  const refs: Array<EntryRef & { entry: Record<string, unknown> }> = [];
  for (const d of docs) {
    if (!d?.documentId) continue;
    const locale = d.locale || NO_LOCALE;
    const key = `${d.documentId}:${locale}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push({
      contentType,
      documentId: d.documentId,
      locale,
      entry: d,
    });
  }
  return refs;
}

/** When the entry's field asks to pin later ("pin at" in the future), the job's start time. */
export function scheduledRunAt(
  entry: Record<string, unknown>,
  attribute: string | null,
  now = Date.now()
): number | undefined {
  if (!attribute) return undefined;
  const parsed = pinFieldValueSchema.safeParse(entry[attribute] ?? {});
  const at = parsed.success && parsed.data.pinAt ? Date.parse(parsed.data.pinAt) : NaN;
  return Number.isFinite(at) && at > now ? at : undefined;
}

/** Document Service actions that may pin or withdraw a pin. */
const WRITES = new Set(['create', 'update', 'publish', 'unpublish', 'delete']);

/**
 * Document Service middleware. Before a write: validates the `plugin::pinterest.pin` field's value
 * (a bad value is a 400, not a stored mess). After a publish: records a pin job per published
 * locale. After an unpublish or a delete: the entry's pins are withdrawn. Publishing never waits on
 * Pinterest and never fails because of the plugin.
 */
export const publishHook =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    const c = documentCall(ctx);
    // resolved at call time: the services are not built yet when register() adds the middleware
    const settings = getService(strapi, 'settings');
    // a write may need to pin: follow an administrator's mapping change made on another instance
    if (WRITES.has(c.action)) await settings.refreshMappings();
    const registered = settings.registeredMapping(c.uid);
    if (!registered) return next();
    const pinField = settings.pinFieldOf(c.uid, registered.mapping);

    if ((c.action === 'create' || c.action === 'update') && c.params?.data) {
      const value = pinField ? c.params.data[pinField] : undefined;
      if (pinField && value !== undefined && value !== null) {
        const parsed = pinFieldValueSchema.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const path = [pinField, ...issue.path].join('.');
          throw new errors.ValidationError(`${path}: ${issue.message}`, {
            errors: parsed.error.issues.map((i) => ({
              path: [pinField, ...i.path.map(String)],
              message: i.message,
              name: 'ValidationError',
            })),
          });
        }
      }
    }

    const pins = getService(strapi, 'pins');
    if (c.action === 'unpublish' || c.action === 'delete') {
      const result = await next();
      const documentId = c.params?.documentId;
      if (documentId) {
        const asked = c.params?.locale;
        const locale =
          isLocalized(strapi, c.uid) && typeof asked === 'string' && asked && asked !== '*'
            ? asked
            : null;
        await pins
          .entryWithdrawn(
            { contentType: c.uid, documentId, locale },
            { deleted: c.action === 'delete' }
          )
          .catch((e: Error) =>
            strapi.log.error(
              `[pinterest] could not withdraw the pins of ${c.uid} ${documentId}: ${e.message}`
            )
          );
      }
      return result;
    }

    if (!isPublishCall(c)) return next();

    // The publish and its pin job commit together (one transaction, one commit): a published entry
    // never lacks its job. A failure of the job's write cannot undo the publish (job-store
    // `upsert`: a failed statement alone is undone on SQLite, a savepoint on PostgreSQL).
    const result = await strapi.db.transaction(async () => {
      const published = await next();
      for (const { entry, ...ref } of publishedRefs(c.uid, published)) {
        try {
          // "pin at" a later time: the job waits until then (the side panel shows it as scheduled)
          await pins.enqueueEntry(ref, { runAt: scheduledRunAt(entry, pinField), kick: false });
        } catch (e) {
          // the reconcile pass will record it
          strapi.log.error(
            `[pinterest] could not record the pin job for ${ref.contentType} ${ref.documentId}: ${(e as Error).message}`
          );
        }
      }
      return published;
    });
    getService(strapi, 'queue').kick();
    return result;
  };
