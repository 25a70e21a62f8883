import type { Core } from '@strapi/strapi';
import type { ContentTypeMapping } from '../config/schema';
import type { JobStore } from '../queue/job-store';
import { entryKeyPrefix, NO_LOCALE, pinEntryJobKey, type EntryRef } from './job-keys';
import { readPinField } from './pin-entry-job';
import type { PinRecordStore } from './pin-record-store';
import { isLocalized } from '../utils/is-localized';

export interface ReconcileDeps {
  strapi: Core.Strapi;
  jobs: JobStore;
  records: PinRecordStore;
  contentTypes: () => string[];
  mappingFor: (uid: string) => Promise<ContentTypeMapping | null>;
  pinFieldOf: (uid: string, mapping: ContentTypeMapping) => string | null;
  enqueue: (ref: EntryRef) => Promise<unknown>;
  pageSize?: number;
}

/**
 * Nothing lost: finds published entries that should have a pin but have neither a job nor a pin
 * record (a crash between the publish and the enqueue), and records their job. Pages through the
 * entries; never loads a whole table.
 */
export async function reconcile(
  deps: ReconcileDeps
): Promise<{ scanned: number; enqueued: EntryRef[] }> {
  const pageSize = deps.pageSize ?? 200;
  const enqueued: EntryRef[] = [];
  let scanned = 0;
  for (const uid of deps.contentTypes()) {
    const mapping = await deps.mappingFor(uid);
    if (!mapping) continue;
    const field = deps.pinFieldOf(uid, mapping);
    const localized = isLocalized(deps.strapi, uid);
    for (let start = 0; ; start += pageSize) {
      const entries = (await deps.strapi.documents(uid as never).findMany({
        status: 'published',
        ...(localized && { locale: '*' }),
        fields: ['documentId', ...(field ? [field] : [])] as never,
        sort: 'id:asc',
        start,
        limit: pageSize,
      } as never)) as Array<Record<string, unknown>>;
      for (const entry of entries) {
        scanned += 1;
        const ref: EntryRef = {
          contentType: uid,
          documentId: String(entry.documentId),
          locale: (entry.locale as string) || NO_LOCALE,
        };
        const enabled = readPinField(entry, field)?.enabled ?? mapping.pinOnPublish;
        if (!enabled) continue;
        const jobs = await deps.jobs.findByKeyPrefix(entryKeyPrefix(uid, ref.documentId));
        if (jobs.some((j) => j.key === pinEntryJobKey(ref))) continue;
        const records = await deps.records.listForEntry(uid, ref.documentId, ref.locale);
        if (records.length) continue;
        await deps.enqueue(ref);
        enqueued.push(ref);
      }
      if (entries.length < pageSize) break;
    }
  }
  return { scanned, enqueued };
}
