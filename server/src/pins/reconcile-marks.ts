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
  /** Records `now` as the enabling time of every type given that has none yet. */
  ensureEnabled(uids: readonly string[], now?: number): Promise<void>;
  /**
   * A type enabled again after it was off: entries published meanwhile are archive too, so its
   * enabling time becomes `now` (and its scan starts again from there).
   */
  reenable(uid: string, now?: number): Promise<void>;
  /**
   * Saves marks, merged into what is stored: an enabling time already stored wins (the earliest
   * instance to see the type), and `scannedTo` only moves forward.
   */
  save(marks: Record<string, ReconcileMark>): Promise<void>;
}

/** Two sets of marks as one: the earliest enabling time, the latest scan. Pure. */
export function mergeMarks(
  stored: Record<string, ReconcileMark>,
  next: Record<string, ReconcileMark>
): Record<string, ReconcileMark> {
  const merged = { ...stored };
  for (const [uid, mark] of Object.entries(next)) {
    const old = stored[uid];
    merged[uid] = old
      ? {
          enabledAt: Math.min(old.enabledAt, mark.enabledAt),
          scannedTo:
            old.scannedTo === null || mark.scannedTo === null
              ? (old.scannedTo ?? mark.scannedTo)
              : Math.max(old.scannedTo, mark.scannedTo),
        }
      : mark;
  }
  return merged;
}

export function createReconcileMarks(strapi: Core.Strapi): ReconcileMarks {
  const store = () => strapi.store({ type: 'plugin', name: 'pinterest' });
  const read = async (): Promise<Record<string, ReconcileMark>> => {
    const parsed = marksSchema.safeParse((await store().get({ key: KEY })) ?? {});
    return parsed.success ? parsed.data : {};
  };
  const save = async (marks: Record<string, ReconcileMark>) => {
    await store().set({ key: KEY, value: mergeMarks(await read(), marks) });
  };
  return {
    all: read,
    save,
    async reenable(uid, now = Date.now()) {
      // written as is: merging would keep the earlier enabling time
      await store().set({
        key: KEY,
        value: { ...(await read()), [uid]: { enabledAt: now, scannedTo: null } },
      });
    },
    async ensureEnabled(uids, now = Date.now()) {
      const marks = await read();
      const missing = uids.filter((uid) => !marks[uid]);
      if (!missing.length) return;
      await save(
        Object.fromEntries(missing.map((uid) => [uid, { enabledAt: now, scannedTo: null }]))
      );
    },
  };
}
