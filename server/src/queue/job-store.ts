import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { jobStateSchema, type PinErrorDTO } from '../../../common/wire';
import { JOB_UID } from '../content-types';
import { groupCommit } from '../utils/group-commit';
import {
  dbBoolean,
  dbDate,
  dbJsonObject,
  dbNumber,
  dbNumberOrNull,
  dbPinError,
  dbText,
} from '../utils/db-columns';

/** A job row as the queue reads it (parsed: the drivers answer numbers and booleans variously). */
export const jobRowSchema = z.object({
  id: dbNumber,
  key: z.string(),
  kind: z.string(),
  state: jobStateSchema,
  /** What the job works on; each handler parses its own kind's payload (pins/job-keys.ts). */
  payload: dbJsonObject,
  attempts: dbNumberOrNull.transform((v) => v ?? 0),
  runAt: dbNumber,
  leaseOwner: dbText,
  leaseUntil: dbNumberOrNull,
  requeue: dbBoolean,
  lastError: dbPinError,
  result: dbJsonObject,
  updatedAt: dbDate.optional(),
});
export type JobRow = z.infer<typeof jobRowSchema> & {
  /**
   * Set on a row returned by a claim that took a running job over after its lease ran out (not a
   * column: the claim fills it in). See `JobContext.takenOver`.
   */
  takenOverFrom?: { previousLeaseUntil: number } | null;
};

const normalise = (row: unknown): JobRow => jobRowSchema.parse(row);

type JobState = z.infer<typeof jobStateSchema>;

/** An integer written into SQL as a literal; anything else is refused. */
const sqlInteger = (n: number): string => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer for SQL: ${n}`);
  return String(n);
};

/**
 * Which jobs an operation touches: one exact key, or every key under a prefix. A prefix must end
 * with the key separator `:`, so that `…:fr` never takes `…:fr-CA` and board `123` never `1234`.
 */
export type KeyMatch = { key: string } | { prefix: string };

/** The `where` on the key column for a match. Pure; throws on a prefix that could overreach. */
export function keyWhere(match: KeyMatch): string | { $startsWith: string } {
  if ('key' in match) return match.key;
  if (!match.prefix.endsWith(':'))
    throw new Error(`a job key prefix must end with “:”, not “${match.prefix}”`);
  return { $startsWith: match.prefix };
}

/** The id a SKIP LOCKED claim selected. */
const claimedIdSchema = z.object({
  id: dbNumber,
  state: z.string(),
  lease_until: dbNumberOrNull,
});

/**
 * The lease owner written by one claim: the process's name plus a token of its own, so two lanes
 * of one process (or a process that claims the same job again) never pass each other's fences.
 */
const claimToken = (owner: string) => `${owner}:${randomUUID().slice(0, 8)}`;

/** A running job whose lease had run out when it was claimed: its last holder may have sent. */
const takeoverOf = (state: string, leaseUntil: number | null) =>
  state === 'running' && leaseUntil !== null ? { previousLeaseUntil: leaseUntil } : null;

const TABLE = 'pinterest_jobs';
/** Due jobs a SQLite claim reads at once (the next is tried when another instance took one). */
const CANDIDATES = 5;

type Knex = Core.Strapi['db']['connection'];

/** The columns a claim reads, and the row they make (a JSON column is text in SQLite). */
const JOB_COLUMNS = [
  'id',
  'key',
  'kind',
  'state',
  'payload',
  'attempts',
  'run_at',
  'lease_owner',
  'lease_until',
  'requeue',
  'last_error',
  'result',
];

/**
 * When a job is due, in its two ways: waiting and its time has come, or running with its lease run
 * out (its worker died or stalled). The claims (SQLite's candidate read and compare-and-set,
 * PostgreSQL's SKIP LOCKED read) all say it from here.
 */
const DUE = [
  { state: 'waiting', column: 'run_at', op: '<=' },
  { state: 'running', column: 'lease_until', op: '<' },
] as const;

/** What a `where` callback is handed: enough of knex's builder for DUE. */
interface WhereBuilder {
  where(
    values: Record<string, unknown> | ((w: WhereBuilder) => void)
  ): WhereBuilder & { andWhere(c: string, op: string, v: number): unknown };
  orWhere(callback: (w: WhereBuilder) => void): unknown;
}

/** One way of being due at `now`, as a knex `where` callback. */
const dueBranch = (due: (typeof DUE)[number], now: number) => (w: WhereBuilder) => {
  void w.where({ state: due.state }).andWhere(due.column, due.op, now);
};

/** Due at `now` in either way, as one parenthesised knex `where` callback. */
const anyDue = (now: number) => (w: WhereBuilder) => {
  void w.where(dueBranch(DUE[0], now)).orWhere(dueBranch(DUE[1], now));
};

/**
 * SQLite: the first `limit` due jobs, oldest `run_at` first (then id), as two index-ordered reads
 * joined by UNION ALL: the waiting jobs already due, and the running jobs whose lease ran out.
 * One `WHERE … OR …` over both made SQLite collect every due job and sort them all before the
 * LIMIT (about 1 ms a claim with 9,000 jobs due); each branch here walks `pinterest_jobs_due_idx`
 * (state, run_at, then the rowid) and stops after `limit` rows.
 */
export function dueCandidates(
  knex: Knex,
  now: number,
  limit: number,
  /** Jobs left out (those this process's other lanes are taking right now). */
  skip: readonly number[] = []
) {
  const order = [{ column: 'run_at' }, { column: 'id' }];
  const [waiting, expired] = DUE.map((due) => {
    const branch = knex(TABLE).select(JOB_COLUMNS).where(dueBranch(due, now));
    if (skip.length) void branch.whereNotIn('id', skip);
    return branch.orderBy(order).limit(limit);
  });
  return knex
    .select('*')
    .from(waiting.as('waiting'))
    .unionAll(knex.select('*').from(expired.as('expired')))
    .orderBy(order)
    .limit(limit);
}

const jsonColumn = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const fromColumns = (r: Record<string, unknown>): JobRow =>
  normalise({
    id: r.id,
    key: r.key,
    kind: r.kind,
    state: r.state,
    payload: jsonColumn(r.payload),
    attempts: r.attempts,
    runAt: r.run_at,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    requeue: r.requeue,
    lastError: jsonColumn(r.last_error),
    result: jsonColumn(r.result),
  });

/** The database client's name: `sqlite`, `postgres`, `mysql`. */
const dialectOf = (strapi: Core.Strapi): string => strapi.db.dialect.client;

const isUniqueViolation = (e: unknown) =>
  /unique|duplicate/i.test(String((e as Error)?.message ?? e));

/**
 * The durable queue, as rows in Strapi's own database. Claims are compare-and-set updates, so two
 * workers can never both hold the same job; a job whose lease ran out (its worker died) is
 * claimable again.
 */
export function createJobStore(strapi: Core.Strapi) {
  const q = () => strapi.db.query(JOB_UID);
  /** The worker's small transactions, committed together when several lanes ask at once. */
  const group = groupCommit(strapi);
  /**
   * SQLite: the jobs this process's lanes are claiming right now. Each lane's candidate read
   * leaves them out, so many lanes do not all race for the same first rows (nor read and parse
   * every row the others are taking) — a lane that finds none free stops until the next poll.
   */
  const trying = new Set<number>();

  /**
   * Ends a claim in one UPDATE whose values depend on the row's `requeue` as the database holds it
   * at that moment (a CASE in the statement, not a read before it), so an editor's or a publish's
   * "run it again" that lands while the job finishes is never lost. Only the claim's holder ends
   * it.
   */
  async function endClaim(
    job: JobRow,
    set: { state: JobState; runAt: number | null; attempts: number | null },
    columns: { lastError: PinErrorDTO | null; result?: Record<string, unknown> | null },
    knex: Knex = strapi.db.connection
  ): Promise<void> {
    const now = Date.now();
    const asked = `${TABLE}.requeue`;
    // literals only in the CASEs (PostgreSQL types bound parameters there as text): the state is
    // one of the enum's names and the numbers are checked integers
    const state = jobStateSchema.parse(set.state);
    const runAt = set.runAt === null ? `${TABLE}.run_at` : sqlInteger(set.runAt);
    const attempts = set.attempts === null ? `${TABLE}.attempts` : sqlInteger(set.attempts);
    await knex(TABLE)
      .where({ id: job.id, lease_owner: job.leaseOwner })
      .update({
        state: knex.raw(`CASE WHEN ${asked} THEN 'waiting' ELSE '${state}' END`),
        run_at: knex.raw(`CASE WHEN ${asked} THEN ${sqlInteger(now)} ELSE ${runAt} END`),
        attempts: knex.raw(`CASE WHEN ${asked} THEN 0 ELSE ${attempts} END`),
        requeue: knex.raw('FALSE'),
        lease_owner: null,
        lease_until: null,
        last_error: columns.lastError === null ? null : JSON.stringify(columns.lastError),
        ...(columns.result !== undefined && {
          result: columns.result === null ? null : JSON.stringify(columns.result),
        }),
        updated_at: new Date(now),
      });
  }

  const claiming = {
    /**
     * Records that `key` needs doing. One row per key: a finished or failed job is reset to
     * waiting,
     * a running one is marked to run once more when it finishes.
     */
    async enqueue(input: {
      key: string;
      kind: string;
      payload: Record<string, unknown>;
      runAt?: number;
    }): Promise<void> {
      const client = dialectOf(strapi);
      if (client === 'sqlite' || client === 'postgres') return upsert(input);
      await enqueueInSteps(input);
    },

    async findByKey(key: string): Promise<JobRow | null> {
      const row: unknown = await q().findOne({ where: { key } });
      return row ? normalise(row) : null;
    },

    /** Takes the next due job for `owner`, or null. */
    async claimNext(owner: string, leaseMs: number, now = Date.now()): Promise<JobRow | null> {
      const client = dialectOf(strapi);
      if (client === 'postgres' || client === 'mysql') return claimSkipLocked(owner, leaseMs, now);
      return claimCompareAndSet(owner, leaseMs, now);
    },
  };

  /**
   * The publish path's one statement: insert the job, or reset the existing row for that key — a
   * running job is only marked to run once more when it finishes.
   */
  async function upsert(input: {
    key: string;
    kind: string;
    payload: Record<string, unknown>;
    runAt?: number;
  }): Promise<void> {
    const knex = strapi.db.connection;
    const now = new Date();
    const runAt = input.runAt ?? now.getTime();
    const running = `${TABLE}.state = 'running'`;
    const write = (db: Knex) =>
      db(TABLE)
        .insert({
          document_id: randomUUID().replace(/-/g, '').slice(0, 24),
          key: input.key,
          kind: input.kind,
          state: 'waiting',
          payload: JSON.stringify(input.payload),
          attempts: 0,
          run_at: runAt,
          requeue: false,
          created_at: now,
          updated_at: now,
          published_at: now,
        })
        .onConflict('key')
        .merge({
          // literals and `excluded` only: PostgreSQL types bound parameters in a CASE as text
          state: knex.raw(`CASE WHEN ${running} THEN 'running' ELSE 'waiting' END`),
          requeue: knex.raw(`CASE WHEN ${running} THEN TRUE ELSE FALSE END`),
          attempts: knex.raw(`CASE WHEN ${running} THEN ${TABLE}.attempts ELSE 0 END`),
          run_at: knex.raw(`CASE WHEN ${running} THEN ${TABLE}.run_at ELSE excluded.run_at END`),
          last_error: knex.raw(`CASE WHEN ${running} THEN ${TABLE}.last_error ELSE NULL END`),
          lease_owner: knex.raw(`CASE WHEN ${running} THEN ${TABLE}.lease_owner ELSE NULL END`),
          lease_until: knex.raw(`CASE WHEN ${running} THEN ${TABLE}.lease_until ELSE NULL END`),
          payload: knex.raw('excluded.payload'),
          updated_at: now,
        });
    // inside the caller's transaction when there is one (the publish hook opens one; SQLite has a
    // single connection), and a failure here never aborts the caller's work: SQLite undoes a failed
    // statement alone and keeps its transaction, PostgreSQL aborts the whole transaction on any
    // error, so there the write goes in a savepoint (two statements more)
    await strapi.db.transaction(({ trx }: { trx: Knex }) =>
      dialectOf(strapi) === 'sqlite' ? write(trx) : trx.transaction((savepoint) => write(savepoint))
    );
  }

  /** Other databases: find the row, then update or insert it. */
  async function enqueueInSteps(input: {
    key: string;
    kind: string;
    payload: Record<string, unknown>;
    runAt?: number;
  }): Promise<void> {
    const runAt = input.runAt ?? Date.now();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const existing: unknown = await q().findOne({ where: { key: input.key } });
      if (existing) {
        const row = normalise(existing);
        if (row.state === 'running') {
          await q().update({
            where: { id: row.id },
            data: { requeue: true, payload: input.payload },
          });
          return;
        }
        await q().update({
          where: { id: row.id },
          data: {
            state: 'waiting',
            attempts: 0,
            runAt,
            payload: input.payload,
            lastError: null,
            leaseOwner: null,
            leaseUntil: null,
            requeue: false,
          },
        });
        return;
      }
      try {
        await q().create({
          data: {
            key: input.key,
            kind: input.kind,
            state: 'waiting',
            attempts: 0,
            runAt,
            payload: input.payload,
            requeue: false,
          },
        });
        return;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        // another instance inserted the same key first: loop and update it instead
      }
    }
    throw new Error(`could not enqueue job ${input.key}`);
  }

  /**
   * PostgreSQL and MySQL 8: lock one due row, skipping rows other workers hold, and take it —
   * several instances claim different jobs at once without waiting on each other.
   */
  async function claimSkipLocked(
    owner: string,
    leaseMs: number,
    now: number
  ): Promise<JobRow | null> {
    const knex = strapi.db.connection;
    const token = claimToken(owner);
    const claim = await knex.transaction(async (trx) => {
      const found: unknown = await trx(TABLE)
        .select('id', 'state', 'lease_until')
        .where(anyDue(now))
        .orderBy([{ column: 'run_at' }, { column: 'id' }])
        .limit(1)
        .forUpdate()
        .skipLocked()
        .first();
      if (!found) return null;
      const row = claimedIdSchema.parse(found);
      await trx(TABLE)
        .where({ id: row.id })
        .update({
          state: 'running',
          lease_owner: token,
          lease_until: now + leaseMs,
          attempts: knex.raw('attempts + 1'),
          requeue: false,
          updated_at: new Date(),
        });
      return row;
    });
    if (claim === null) return null;
    const claimed: unknown = await q().findOne({ where: { id: claim.id, leaseOwner: token } });
    return claimed
      ? { ...normalise(claimed), takenOverFrom: takeoverOf(claim.state, claim.lease_until) }
      : null;
  }

  /**
   * SQLite: the due candidates, read once for every lane of this process that asks while the read
   * runs (each then takes a different one, see `trying`); the read asks for enough rows for the
   * lanes waiting on it when it starts.
   */
  let candidateRead: Promise<{ rows: unknown[]; limit: number }> | null = null;
  let claimers = 0;
  function sharedCandidates(now: number): Promise<{ rows: unknown[]; limit: number }> {
    if (candidateRead) return candidateRead;
    const limit = CANDIDATES + claimers - 1;
    const read = (async () => {
      const rows: unknown[] = await dueCandidates(strapi.db.connection, now, limit, [...trying]);
      return { rows, limit };
    })().finally(() => {
      if (candidateRead === read) candidateRead = null;
    });
    candidateRead = read;
    return read;
  }

  /**
   * SQLite (one writer at a time): a compare-and-set update on the candidate row. Two statements
   * straight through knex (the query engine's parsing of the same two cost more than the rest of
   * a claim): the due candidates' columns, then the update that takes one if it is still due.
   */
  async function claimCompareAndSet(
    owner: string,
    leaseMs: number,
    now: number
  ): Promise<JobRow | null> {
    claimers += 1;
    try {
      return await claimOnce(owner, leaseMs, now);
    } finally {
      claimers -= 1;
    }
  }

  async function claimOnce(owner: string, leaseMs: number, now: number): Promise<JobRow | null> {
    // a lane that found only rows other lanes are taking looks again (they are taken by then)
    for (let round = 0; round < 16; round += 1) {
      const { rows: candidates, limit } = await sharedCandidates(now);
      let skipped = 0;
      for (const raw of candidates) {
        // another lane of this process started taking it since the read: the next one
        if (trying.has(Number((raw as { id: unknown }).id))) {
          skipped += 1;
          continue;
        }
        const candidate = fromColumns(raw as Record<string, unknown>);
        trying.add(candidate.id);
        const token = claimToken(owner);
        const count = await group(
          (trx) =>
            trx(TABLE)
              .where({ id: candidate.id })
              .andWhere(anyDue(now))
              .update({
                state: 'running',
                lease_owner: token,
                lease_until: now + leaseMs,
                attempts: candidate.attempts + 1,
                requeue: false,
              }),
          { oneStatement: true }
        ).finally(() => trying.delete(candidate.id));
        if (count === 1) {
          return {
            ...candidate,
            takenOverFrom: takeoverOf(candidate.state, candidate.leaseUntil),
            state: 'running',
            leaseOwner: token,
            leaseUntil: now + leaseMs,
            attempts: candidate.attempts + 1,
            requeue: false,
          };
        }
      }
      if (!skipped || candidates.length < limit) break;
    }
    return null;
  }

  return {
    ...claiming,

    /**
     * Ends a job the worker held. A job asked for again while it ran goes back to waiting. With
     * `writes` (the handler's last writes, see `JobContext.atFinish`), they and the end are one
     * transaction; a null outcome makes the writes alone (the job ends otherwise).
     */
    async finish(
      job: JobRow,
      outcome: {
        state: 'done' | 'failed' | 'cancelled';
        result?: Record<string, unknown>;
        error?: PinErrorDTO | null;
      } | null,
      writes: Array<() => Promise<unknown>> = []
    ) {
      // asked for again while it ran: back to waiting, now, with a fresh count
      const end = (knex?: Knex) =>
        outcome
          ? endClaim(
              job,
              { state: outcome.state, runAt: null, attempts: null },
              { lastError: outcome.error ?? null, result: outcome.result ?? null },
              knex
            )
          : Promise.resolve();
      await group(
        async (trx) => {
          for (const write of writes) await write();
          await end(trx);
        },
        { oneStatement: !writes.length }
      );
    },

    /** Extends the lease of a job this worker still holds; false when it no longer does. */
    async renewLease(job: JobRow, leaseMs: number): Promise<boolean> {
      const { count } = await q().updateMany({
        where: { id: job.id, state: 'running', leaseOwner: job.leaseOwner },
        data: { leaseUntil: Date.now() + leaseMs },
      });
      return count === 1;
    },

    /**
     * Fencing for a write that must come from the job's holder only: in one transaction, extends
     * the lease of this claim (locking the row, so no claim can take it meanwhile) and runs
     * `write` — or, when the claim no longer holds the job, runs nothing. Queries `write` makes
     * through `strapi.db` join the transaction. Returns when the extended lease ends.
     */
    async fenced<T>(
      job: JobRow,
      leaseMs: number,
      write: () => Promise<T>
    ): Promise<{ held: false } | { held: true; value: T; leaseUntil: number }> {
      return group(async (trx) => {
        const leaseUntil = Date.now() + leaseMs;
        const count = await trx(TABLE)
          .where({ id: job.id, state: 'running', lease_owner: job.leaseOwner })
          .update({ lease_until: leaseUntil });
        if (count !== 1) return { held: false as const };
        const value = await write();
        return { held: true as const, value, leaseUntil };
      });
    },

    /** Puts a job back to wait until `runAt`, keeping its attempts count and last error. */
    async retryLater(
      job: JobRow,
      runAt: number,
      error: PinErrorDTO,
      opts: { refundAttempt?: boolean } = {}
    ) {
      // asked for again while it ran: try again now, with a fresh count
      await group(
        (trx) =>
          endClaim(
            job,
            {
              state: 'waiting',
              runAt,
              attempts: opts.refundAttempt ? Math.max(0, job.attempts - 1) : job.attempts,
            },
            { lastError: error },
            trx
          ),
        { oneStatement: true }
      );
    },

    /**
     * An editor asked to try again now. A job that is not running waits again from now with a
     * fresh count; a running one is marked to run once more when it ends (its holder keeps it:
     * taking it from under a worker that may be sending would risk a second create). Each step is
     * one conditional UPDATE, so a claim or an end landing in between is never overwritten.
     */
    async retryNow(id: number): Promise<JobRow | null> {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const { count } = await q().updateMany({
          where: { id, state: { $ne: 'running' } },
          data: {
            state: 'waiting',
            attempts: 0,
            runAt: Date.now(),
            requeue: false,
            leaseOwner: null,
            leaseUntil: null,
          },
        });
        if (count === 0) {
          const marked = await q().updateMany({
            where: { id, state: 'running' },
            data: { requeue: true },
          });
          if (marked.count === 0) {
            // gone, or it ended between the two statements: look again
            if (!(await q().findOne({ where: { id } }))) return null;
            continue;
          }
        }
        break;
      }
      const row: unknown = await q().findOne({ where: { id } });
      return row ? normalise(row) : null;
    },

    /**
     * Cancels the jobs matched (one exact key, or every key under a prefix) that have not started;
     * a running one is not asked to run again. Returns how many waiting jobs were cancelled.
     */
    async cancelWaiting(match: KeyMatch): Promise<number> {
      const key = keyWhere(match);
      await q().updateMany({
        where: { key, state: 'running' },
        data: { requeue: false },
      });
      const { count } = await q().updateMany({
        where: { key, state: 'waiting' },
        data: { state: 'cancelled', leaseOwner: null, leaseUntil: null },
      });
      return count;
    },

    /** Moves a job that has not started to another time (a scheduled pin an editor rescheduled). */
    async reschedule(id: number, runAt: number): Promise<JobRow | null> {
      const { count } = await q().updateMany({
        where: { id, state: { $in: ['waiting', 'cancelled'] } },
        data: { state: 'waiting', runAt, attempts: 0, lastError: null },
      });
      return count ? this.findById(id) : null;
    },

    async findByKeyPrefix(prefix: string): Promise<JobRow[]> {
      const rows = await q().findMany({
        where: { key: keyWhere({ prefix }) },
        orderBy: { id: 'asc' },
      });
      return rows.map(normalise);
    },

    /** Jobs waiting to run (due or not), oldest first. */
    async findWaiting(limit = 1000): Promise<JobRow[]> {
      const rows = await q().findMany({
        where: { state: 'waiting' },
        orderBy: { id: 'asc' },
        limit,
      });
      return rows.map(normalise);
    },

    async findById(id: number): Promise<JobRow | null> {
      const row: unknown = await q().findOne({ where: { id } });
      return row ? normalise(row) : null;
    },

    async count(where: Record<string, unknown> = {}): Promise<number> {
      return q().count({ where });
    },
  };
}

export type JobStore = ReturnType<typeof createJobStore>;
