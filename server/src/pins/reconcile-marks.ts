import type { Core } from '@strapi/strapi';
import { z } from 'zod';

/**
 * A row id the type's table had reached at a time: every row inserted after `at` has a greater id
 * (a publish inserts a new published row, and ids are never reused: SQLite AUTOINCREMENT, Postgres
 * sequences, MySQL 8's persisted counter). So a pass that reads entries published since `at` or
 * later may read only ids above `maxId`, which the database finds through its primary key instead
 * of scanning the table. Like the dates themselves, this trusts the instances' clocks to agree.
 */
export interface IdFloor {
  at: number;
  maxId: number;
}

/**
 * Per content type, what the reconcile pass remembers between passes (in the plugin's store):
 * - `enabledAt`: when the plugin first saw the type mapped. Entries published before it are the
 *   site's archive: they never pin by themselves (a re-pin campaign pins them when someone asks).
 * - `scannedTo`: when the last complete pass started; the next pass reads only entries published
 *   since then (less a margin for publishes still being committed).
 * - `floors`: recent id floors (the enabling time's and each pass's), so that read goes through
 *   the primary key: its cost follows what changed, not the size of the site.
 */
export interface ReconcileMark {
  enabledAt: number;
  scannedTo: number | null;
  floors?: IdFloor[];
}

const floorSchema = z.object({ at: z.number(), maxId: z.number() });
const markSchema = z.object({
  enabledAt: z.number(),
  scannedTo: z.number().nullable().default(null),
  floors: z.array(floorSchema).optional(),
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

/** A pass adds a floor when the newest is older than this, so a few cover the margin. */
export const FLOOR_SPACING_MS = 60_000;
/** At most this many floors per type are kept (the usable one and the newest after it). */
export const MAX_FLOORS = 20;

/**
 * The id below which no entry the next pass must read can lie: the newest floor taken at or before
 * the time the pass reads from, or null when there is none (the pass then filters by date alone).
 * Pure.
 */
export function idFloor(mark: ReconcileMark): number | null {
  const from = readFrom(mark);
  let best: IdFloor | null = null;
  for (const f of mark.floors ?? []) if (f.at <= from && (!best || f.at > best.at)) best = f;
  return best ? best.maxId : null;
}

/**
 * The floors worth keeping once passes read from `from` or later, oldest first: the newest one at
 * or before it and the later ones (the newest MAX_FLOORS - 1 of them). Pure.
 */
export function pruneFloors(floors: readonly IdFloor[], from: number): IdFloor[] {
  const sorted = [...floors].sort((a, b) => a.at - b.at || a.maxId - b.maxId);
  const unique = sorted.filter(
    (f, i) => i === 0 || f.at !== sorted[i - 1].at || f.maxId !== sorted[i - 1].maxId
  );
  const usable = unique.filter((f) => f.at <= from).slice(-1);
  const later = unique.filter((f) => f.at > from).slice(-(MAX_FLOORS - usable.length));
  return [...usable, ...later];
}

/**
 * The floors after a pass that read up to id `maxId` (or saw nothing above it) and finished
 * reading at `at`, pruned for passes reading from `from`. Pure.
 */
export function withFloor(floors: readonly IdFloor[], floor: IdFloor, from: number): IdFloor[] {
  const newest = floors.reduce((t, f) => Math.max(t, f.at), -Infinity);
  return pruneFloors(floor.at - newest >= FLOOR_SPACING_MS ? [...floors, floor] : floors, from);
}

export interface ReconcileMarks {
  all(): Promise<Record<string, ReconcileMark>>;
  /**
   * Records `now` as the enabling time of every type given that has none yet, with the id its
   * table has reached (one query per newly enabled type).
   */
  ensureEnabled(uids: readonly string[], now?: number): Promise<void>;
  /**
   * A type enabled again after it was off: entries published meanwhile are archive too, so its
   * enabling time becomes `now` (and its scan starts again from there, above the id its table has
   * reached).
   */
  reenable(uid: string, now?: number): Promise<void>;
  /**
   * Saves marks, merged into what is stored: an enabling time already stored wins (the earliest
   * instance to see the type), `scannedTo` only moves forward, and the floors are pooled.
   */
  save(marks: Record<string, ReconcileMark>): Promise<void>;
  /** The id a type's table has reached now (one query): for a type that has no floor yet. */
  floorNow(uid: string): Promise<IdFloor>;
}

/** Two sets of marks as one: the earliest enabling time, the latest scan. Pure. */
export function mergeMarks(
  stored: Record<string, ReconcileMark>,
  next: Record<string, ReconcileMark>
): Record<string, ReconcileMark> {
  const merged = { ...stored };
  for (const [uid, mark] of Object.entries(next)) {
    const old = stored[uid];
    if (!old) {
      merged[uid] = mark;
      continue;
    }
    const next: ReconcileMark = {
      enabledAt: Math.min(old.enabledAt, mark.enabledAt),
      scannedTo:
        old.scannedTo === null || mark.scannedTo === null
          ? (old.scannedTo ?? mark.scannedTo)
          : Math.max(old.scannedTo, mark.scannedTo),
    };
    const floors = pruneFloors([...(old.floors ?? []), ...(mark.floors ?? [])], readFrom(next));
    merged[uid] = floors.length ? { ...next, floors } : next;
  }
  return merged;
}

/**
 * The highest row id of a type's table, and the time just after it was read: a floor for entries
 * published from then on.
 */
async function floorNow(strapi: Core.Strapi, uid: string): Promise<IdFloor> {
  const top: unknown = await strapi.db
    .query(uid)
    .findOne({ select: ['id'], orderBy: { id: 'desc' } });
  const maxId =
    z
      .object({ id: z.number() })
      .nullable()
      .parse(top ?? null)?.id ?? 0;
  return { at: Date.now(), maxId };
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
    floorNow: (uid) => floorNow(strapi, uid),
    async reenable(uid, now) {
      const floor = await floorNow(strapi, uid);
      // written as is: merging would keep the earlier enabling time
      await store().set({
        key: KEY,
        value: {
          ...(await read()),
          [uid]: { enabledAt: now ?? floor.at, scannedTo: null, floors: [floor] },
        },
      });
    },
    async ensureEnabled(uids, now) {
      const marks = await read();
      const missing = uids.filter((uid) => !marks[uid]);
      if (!missing.length) return;
      const enabled: Record<string, ReconcileMark> = {};
      for (const uid of missing) {
        const floor = await floorNow(strapi, uid);
        enabled[uid] = { enabledAt: now ?? floor.at, scannedTo: null, floors: [floor] };
      }
      await save(enabled);
    },
  };
}
