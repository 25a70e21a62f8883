import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

interface Pending {
  run: (trx: Knex) => Promise<unknown>;
  /** One statement: alone, it needs no transaction of its own. */
  oneStatement: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Writes grouped into one transaction at most. */
const MAX_GROUP = 64;

type Group = <T>(write: (trx: Knex) => Promise<T>, opts?: { oneStatement?: boolean }) => Promise<T>;
const groups = new WeakMap<object, Group>();
/** Per Strapi instance: how long the first write of a group waits for others (ms). */
const windows = new WeakMap<object, number>();

/** The window the worker's config asks for: 0 with a few lanes, 10 ms with many. */
export function groupCommitWindowOf(worker: {
  concurrency: number;
  groupCommitWindowMs?: number;
}): number {
  return worker.groupCommitWindowMs ?? (worker.concurrency > 4 ? 10 : 0);
}

/**
 * How long a write waits for others to join its group before it is committed (default 0: at
 * once, grouped only with those that arrive while a commit runs). With many worker lanes (many
 * accounts), a few milliseconds put the claims, fenced writes, rate-limit turns and job ends of
 * several lanes in one transaction: one BEGIN and one COMMIT for all of them instead of each.
 */
export function setGroupCommitWindow(strapi: Core.Strapi, ms: number): void {
  windows.set(strapi, Math.max(0, ms));
}

/**
 * Group commit for the worker's small transactions (a claim, a fenced write, a job's end, a
 * rate-limit turn, the entry's Document Service read): each is run in a transaction of its own,
 * except that those asked for while one is being committed (or, with `setGroupCommitWindow`,
 * within a few milliseconds of the first) wait for it and then go together in the next one. Each
 * commit of SQLite's rollback journal (and each of PostgreSQL's WAL flushes) costs far more than
 * the few statements it holds, and many lanes (many accounts) ask at once.
 *
 * Each write keeps its own outcome: when one of a group throws, the group is rolled back and each
 * of its writes is run again alone, so only that one fails. A write must therefore be safe to run
 * again after a rollback (a compare-and-set, an insert of what was decided before), and must make
 * its queries through `trx` or `strapi.db` (which join the transaction), never a connection of its
 * own. One group per Strapi instance.
 */
export function groupCommit(strapi: Core.Strapi) {
  const known = groups.get(strapi);
  if (known) return known;
  const queue: Pending[] = [];
  let flushing = false;
  let waiting: NodeJS.Timeout | null = null;

  const joined = async <T>(write: (trx: Knex) => Promise<T>): Promise<T> => {
    let value!: T;
    await strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
      value = await write(trx);
    });
    return value;
  };
  const alone = (p: Pending) =>
    (p.oneStatement
      ? p.run(strapi.db.connection)
      : strapi.db.transaction(({ trx }: { trx: Knex }) => p.run(trx))
    ).then(p.resolve, p.reject);

  async function flush() {
    flushing = true;
    try {
      while (queue.length) {
        const group = queue.splice(0, MAX_GROUP);
        if (group.length === 1) {
          await alone(group[0]);
          continue;
        }
        const values: unknown[] = [];
        try {
          await strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
            for (const p of group) values.push(await p.run(trx));
          });
        } catch {
          for (const p of group) await alone(p);
          continue;
        }
        group.forEach((p, i) => p.resolve(values[i]));
      }
    } finally {
      flushing = false;
    }
  }

  const run: Group = <T>(
    write: (trx: Knex) => Promise<T>,
    opts: { oneStatement?: boolean } = {}
  ): Promise<T> => {
    // already inside a transaction (the caller's): join it, as a plain write would
    if (strapi.db.inTransaction()) return joined(write);
    return new Promise<T>((resolve, reject) => {
      queue.push({
        run: write,
        oneStatement: opts.oneStatement ?? false,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      if (flushing || waiting) return;
      const windowMs = windows.get(strapi) ?? 0;
      if (windowMs === 0) {
        void flush();
        return;
      }
      // (a write asked for while a group commits goes in the next group at once: it has waited)
      waiting = setTimeout(() => {
        waiting = null;
        if (!flushing) void flush();
      }, windowMs);
    });
  };
  groups.set(strapi, run);
  return run;
}
