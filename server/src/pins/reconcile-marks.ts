import type { Core } from '@strapi/strapi';
import { z } from 'zod';

/**
 * Per content type, what the reconcile pass remembers between passes (in the plugin's store):
 * - `enabledAt`: when the plugin first saw the type mapped. Entries published before it are the
 *   site's archive: they never pin by themselves (a re-pin campaign pins them when someone asks).
 * - `scannedTo`: when the last complete pass started; the next pass reads only entries published
 *   since then (less a margin for publishes still being committed), so its cost follows what
 *   changed, not the size of the site.
 */
export interface ReconcileMark {
  enabledAt: number;
  scannedTo: number | null;
}

const markSchema = z.object({
  enabledAt: z.number(),
  scannedTo: z.number().nullable().default(null),
});
const marksSchema = z.record(z.string(), markSchema);

const KEY = 'reconcile-marks';

/** How far back of the last pass's start the next pass reads (publishes still committing). */
export const RESCAN_MARGIN_MS = 10 * 60_000;

/** The first publish time a pass must read for a type. Pure. */
export function readFrom(mark: ReconcileMark): number {
  return mark.scannedTo === null
    ? mark.enabledAt
    : Math.max(mark.enabledAt, mark.scannedTo - RESCAN_MARGIN_MS);
}

export interface ReconcileMarks {
  all(): Promise<Record<string, ReconcileMark>>;
  get(uid: string): Promise<ReconcileMark | null>;
  /** Records `now` as the enabling time of every type given that has none yet. */
  ensureEnabled(uids: readonly string[], now?: number): Promise<void>;
  setScannedTo(uid: string, at: number): Promise<void>;
}

export function createReconcileMarks(strapi: Core.Strapi): ReconcileMarks {
  const store = () => strapi.store({ type: 'plugin', name: 'pinterest' });
  const read = async (): Promise<Record<string, ReconcileMark>> => {
    const parsed = marksSchema.safeParse((await store().get({ key: KEY })) ?? {});
    return parsed.success ? parsed.data : {};
  };
  const write = (marks: Record<string, ReconcileMark>) => store().set({ key: KEY, value: marks });
  return {
    all: read,
    async get(uid) {
      return (await read())[uid] ?? null;
    },
    async ensureEnabled(uids, now = Date.now()) {
      const marks = await read();
      const missing = uids.filter((uid) => !marks[uid]);
      if (!missing.length) return;
      for (const uid of missing) marks[uid] = { enabledAt: now, scannedTo: null };
      await write(marks);
    },
    async setScannedTo(uid, at) {
      const marks = await read();
      const mark = marks[uid];
      if (!mark) return;
      marks[uid] = { ...mark, scannedTo: Math.max(mark.scannedTo ?? 0, at) };
      await write(marks);
    },
  };
}
