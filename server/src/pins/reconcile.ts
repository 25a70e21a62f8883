import type { Core } from '@strapi/strapi';
import type { ContentTypeMapping } from '../config/schema';
import { z } from 'zod';
import { JOB_UID, PIN_RECORD_UID } from '../content-types';
import { NO_LOCALE, pinEntryJobKey, type EntryRef } from './job-keys';
import { readPinField } from './pin-entry-job';
import {
  idFloor,
  readFrom,
  withFloor,
  type ReconcileMark,
  type ReconcileMarks,
} from './reconcile-marks';
import { isLocalized } from '../utils/is-localized';

/** The entry a pin record belongs to, as read back for the reconcile pass. */
const recordRefSchema = z.object({ entryDocumentId: z.string(), entryLocale: z.string() });

export interface ReconcileDeps {
  strapi: Core.Strapi;
  marks: ReconcileMarks;
  contentTypes: () => string[];
  mappingFor: (uid: string) => Promise<ContentTypeMapping | null>;
  pinFieldOf: (uid: string, mapping: ContentTypeMapping) => string | null;
  enqueue: (ref: EntryRef) => Promise<unknown>;
  pageSize?: number;
  now?: () => number;
}

/**
 * Nothing lost: finds entries published since the last pass that should have a pin but have
 * neither a job nor a pin record (a crash between the publish and the enqueue), and records their
 * job. Only entries published after their content type was enabled count: installing the plugin on
 * a site never pins its archive. A pass reads only what was published since the previous one, above
 * an id floor (so the database walks its primary key from there, never the whole table), in pages
 * by id, with one look-up of jobs and one of pin records per page.
 */
export async function reconcile(
  deps: ReconcileDeps
): Promise<{ scanned: number; enqueued: EntryRef[] }> {
  const pageSize = deps.pageSize ?? 200;
  const now = deps.now ?? Date.now;
  const enqueued: EntryRef[] = [];
  let scanned = 0;
  const uids = deps.contentTypes();
  const marks = await deps.marks.all();
  for (const uid of uids) {
    let mark: ReconcileMark | undefined = marks[uid];
    if (!mark?.floors?.length) {
      // a type seen mapped for the first time is enabled now: what it published before stays
      // unpinned; a mark from before floors existed gets its first one (one query, once)
      const floor = await deps.marks.floorNow(uid);
      mark = { ...(mark ?? { enabledAt: now(), scannedTo: null }), floors: [floor] };
    }
    marks[uid] = mark;
    const mapping = await deps.mappingFor(uid);
    if (!mapping) continue;
    const passStart = now();
    const field = deps.pinFieldOf(uid, mapping);
    const localized = isLocalized(deps.strapi, uid);
    const floor = idFloor(mark);
    let after = floor ?? 0;
    for (;;) {
      const entries = (await deps.strapi.documents(uid as never).findMany({
        status: 'published',
        ...(localized && { locale: '*' }),
        filters: {
          publishedAt: { $gte: new Date(readFrom(mark)).toISOString() },
          ...((floor !== null || after > 0) && { id: { $gt: after } }),
        },
        fields: ['documentId', 'publishedAt', ...(field ? [field] : [])] as never,
        sort: 'id:asc',
        limit: pageSize,
      } as never)) as Array<Record<string, unknown>>;
      scanned += entries.length;
      for (const entry of entries) after = Math.max(after, Number(entry.id));
      const candidates = entries
        .filter((entry) => readPinField(entry, field)?.enabled ?? mapping.pinOnPublish)
        .map((entry): EntryRef => ({
          contentType: uid,
          documentId: String(entry.documentId),
          locale: (entry.locale as string) || NO_LOCALE,
        }));
      const handled = await alreadyHandled(deps, uid, candidates);
      for (const ref of candidates) {
        if (handled.has(pinEntryJobKey(ref))) continue;
        await deps.enqueue(ref);
        enqueued.push(ref);
      }
      if (entries.length < pageSize) break;
    }
    // every entry published from now on gets an id above all those this pass could see
    const floors = mark.floors ?? [];
    const maxId = Math.max(after, ...floors.map((f) => f.maxId));
    const next: ReconcileMark = { ...mark, scannedTo: passStart };
    marks[uid] = { ...next, floors: withFloor(floors, { at: now(), maxId }, readFrom(next)) };
  }
  await deps.marks.save(marks);
  return { scanned, enqueued };
}

/**
 * The job keys of the given entries that already have a pin job or a pin record (two queries for a
 * page of entries, whatever its size).
 */
async function alreadyHandled(
  deps: ReconcileDeps,
  uid: string,
  refs: EntryRef[]
): Promise<Set<string>> {
  const handled = new Set<string>();
  if (!refs.length) return handled;
  const jobs = await deps.strapi.db.query(JOB_UID).findMany({
    select: ['key'],
    where: { key: { $in: refs.map(pinEntryJobKey) } },
  });
  for (const job of z.array(z.object({ key: z.string() })).parse(jobs)) handled.add(job.key);
  const records = await deps.strapi.db.query(PIN_RECORD_UID).findMany({
    select: ['entryDocumentId', 'entryLocale'],
    where: {
      contentType: uid,
      entryDocumentId: { $in: [...new Set(refs.map((r) => r.documentId))] },
    },
  });
  for (const r of z.array(recordRefSchema).parse(records))
    handled.add(
      pinEntryJobKey({ contentType: uid, documentId: r.entryDocumentId, locale: r.entryLocale })
    );
  return handled;
}
