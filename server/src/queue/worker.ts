import type { PinErrorDTO } from '../../../common/wire';
import { toPinError, WAIT_CODES, type PinError } from '../errors/pin-error';
import type { JobRow, JobStore } from './job-store';
import { retryDelayMs, shouldRetry, type RetryPolicy } from './retry-schedule';

/** What a handler can ask of the worker while it runs. */
export interface JobContext {
  /**
   * Fencing: confirms (and extends) this claim's lease right before an irreversible step. Throws
   * `LeaseLostError` when another worker has taken the job over.
   */
  ensureLease(): Promise<void>;
  /**
   * Fencing for the job's own rows: runs `write` in one transaction with a lease check and
   * extension, so a worker that lost the job (its database stalled, say) cannot overwrite what
   * the new holder wrote. Throws `LeaseLostError` (nothing written) when the lease is gone.
   */
  fenced<T>(write: () => Promise<T>): Promise<T>;
  /**
   * Call right before a create leaves: throws `LeaseLostError` unless the lease confirmed last is
   * still running (with a margin) and no heartbeat failed. A create is then always sent within
   * a lease, which is what lets a worker taking the job over wait it out (see `takenOver`).
   */
  assertSendable(): void;
  /**
   * Set when this claim took the job over from a worker whose lease ran out while the job was
   * running: that worker may have sent a create whose outcome nobody recorded. `previousLeaseUntil`
   * is when its lease ended (ms since epoch). The worker waits until any request that worker sent
   * within its lease has ended before the handler runs. Null for a job claimed from `waiting`.
   */
  readonly takenOver: { readonly previousLeaseUntil: number } | null;
  /**
   * Hands the worker a write to make in the transaction that marks the job done (one commit for
   * the job's last writes and its end). Made even when the job then fails or loses its lease
   * (before the failure is recorded), as if it had been made at once.
   */
  atFinish?(write: () => Promise<unknown>): void;
}

export type JobHandler = (job: JobRow, ctx: JobContext) => Promise<Record<string, unknown> | void>;

export class LeaseLostError extends Error {
  constructor(key: string) {
    super(`lost the lease of job ${key}: another worker has it`);
    this.name = 'LeaseLostError';
  }
}

export interface WorkerLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface WorkerOptions {
  store: JobStore;
  handlers: Record<string, JobHandler>;
  owner: string;
  pollIntervalMs: number;
  leaseMs: number;
  retry: RetryPolicy;
  logger: WorkerLogger;
  /** Told of every failure (e.g. to pause writes after a spam block). */
  onFailure?: (job: JobRow, error: PinError) => Promise<void>;
  /**
   * Jobs this process works on at once (one while another waits for its rate-limit turn). Default
   * 1.
   */
  concurrency?: number;
  /** How soon after an enqueue the worker looks for work (default 100 ms). */
  kickDelayMs?: number;
  /** How long a job waits when the account must be (re)connected before it looks again. */
  accountWaitMs?: number;
  /**
   * How long after a lost holder's lease ends its last request may still be under way (the HTTP
   * client's time limits plus a margin). A job taken over waits this long past that lease before
   * its handler looks for what the request made. Default 0.
   */
  takeoverSettleMs?: number;
  /** Sleeps (tests pass a fake); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Errors that need the account fixed, not the entry: the job waits (without using up attempts). */
const WAITS_FOR_ACCOUNT = new Set(['NOT_CONNECTED', 'UNAUTHORIZED']);

/**
 * Works the queue in this process: claims due jobs one at a time, runs their handler, and records
 * the outcome — done, retry later with backoff, or failed with a reason an editor can read.
 */
export function createWorker(options: WorkerOptions) {
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let timer: NodeJS.Timeout | null = null;
  let timerAt = 0;
  let active: Promise<void> | null = null;
  let stopped = true;
  let again = false;

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timerAt = Date.now() + delay;
    timer = setTimeout(() => {
      timer = null;
      void tick();
    }, delay);
    timer.unref?.();
  };

  async function runOne(job: JobRow): Promise<void> {
    const handler = options.handlers[job.kind];
    if (!handler) {
      await options.store.finish(job, {
        state: 'failed',
        error: {
          code: 'UNKNOWN_JOB',
          message: `No handler for job kind “${job.kind}”.`,
          advice: 'Update the plugin.',
          retryable: false,
        },
      });
      return;
    }
    // heartbeat: a long job keeps its lease, so no other worker takes it over while it runs; a
    // heartbeat that fails or finds the lease gone stops every send that follows
    let lost = false;
    let leaseEnds = job.leaseUntil ?? 0;
    const renew = async (): Promise<boolean> => {
      const until = Date.now() + options.leaseMs;
      const held = await options.store.renewLease(job, options.leaseMs);
      if (held) leaseEnds = Math.max(leaseEnds, until);
      return held;
    };
    const beat = setInterval(
      () => {
        void renew().then(
          (held) => (lost ||= !held),
          () => (lost = true)
        );
      },
      Math.max(50, Math.floor(options.leaseMs / 3))
    );
    beat.unref?.();
    const margin = Math.min(1_000, Math.floor(options.leaseMs / 10));
    const finishing: Array<() => Promise<unknown>> = [];
    /** The writes handed over, made now (outside a finish): the job failed or was lost. */
    const flush = async () => {
      if (finishing.length) await options.store.finish(job, null, finishing.splice(0));
    };
    const ctx: JobContext = {
      takenOver: job.takenOverFrom ?? null,
      atFinish(write) {
        finishing.push(write);
      },
      async ensureLease() {
        if (lost || !(await renew())) {
          lost = true;
          throw new LeaseLostError(job.key);
        }
      },
      async fenced<T>(write: () => Promise<T>): Promise<T> {
        if (lost) throw new LeaseLostError(job.key);
        const res = await options.store.fenced(job, options.leaseMs, write);
        if (!res.held) {
          lost = true;
          throw new LeaseLostError(job.key);
        }
        leaseEnds = Math.max(leaseEnds, res.leaseUntil);
        return res.value;
      },
      assertSendable() {
        if (lost || Date.now() > leaseEnds - margin) throw new LeaseLostError(job.key);
      },
    };
    const settleUntil = job.takenOverFrom
      ? job.takenOverFrom.previousLeaseUntil + (options.takeoverSettleMs ?? 0)
      : 0;
    if (settleUntil > now()) await sleep(settleUntil - now());
    try {
      const result = await handler(job, ctx);
      if (lost) throw new LeaseLostError(job.key);
      await options.store.finish(job, { state: 'done', result: result || {} }, finishing);
    } catch (e) {
      await flush().catch((err: Error) =>
        options.logger.error(`[pinterest] job ${job.key}: its last writes failed: ${err.message}`)
      );
      if (e instanceof LeaseLostError) {
        options.logger.warn(`[pinterest] ${e.message}; leaving it to that worker`);
        return;
      }
      await recordFailure(job, toPinError(e));
    } finally {
      clearInterval(beat);
    }
  }

  async function recordFailure(job: JobRow, error: PinError) {
    const dto: PinErrorDTO = error.toJSON();
    await options
      .onFailure?.(job, error)
      .catch((e: Error) => options.logger.error(`[pinterest] failure hook: ${e.message}`));
    if (WAITS_FOR_ACCOUNT.has(error.code)) {
      await options.store.retryLater(job, now() + (options.accountWaitMs ?? 60_000), dto, {
        refundAttempt: true,
      });
      return;
    }
    if (WAIT_CODES.has(error.code)) {
      // waiting for a turn (our budget, a pause, Pinterest's Retry-After or a board lock) is not a
      // failed attempt
      const delay =
        error.retryAfterSeconds !== undefined
          ? error.retryAfterSeconds * 1000
          : retryDelayMs(Math.min(job.attempts, 6), options.retry);
      await options.store.retryLater(job, now() + Math.max(delay, 50), dto, {
        refundAttempt: true,
      });
      return;
    }
    if (error.retryable && shouldRetry(job.attempts, options.retry)) {
      const delay = retryDelayMs(job.attempts, options.retry, {
        retryAfterSeconds: error.retryAfterSeconds,
      });
      options.logger.warn(
        `[pinterest] job ${job.key} failed (${error.code}), attempt ${job.attempts}; retrying in ${Math.round(delay / 1000)} s`
      );
      await options.store.retryLater(job, now() + delay, dto);
      return;
    }
    options.logger.warn(`[pinterest] job ${job.key} failed: ${error.code} ${error.message}`);
    await options.store.finish(job, { state: 'failed', error: dto });
  }

  /** One lane: claim and run jobs until none is due. Several lanes run side by side. */
  async function lane() {
    for (;;) {
      if (stopped) return;
      const job = await options.store.claimNext(options.owner, options.leaseMs, now());
      if (!job) return;
      await runOne(job);
    }
  }

  async function drain() {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, () => lane()));
  }

  async function tick(): Promise<void> {
    if (active) {
      again = true;
      return active;
    }
    active = (async () => {
      do {
        again = false;
        try {
          await drain();
        } catch (e) {
          options.logger.error(`[pinterest] queue worker error: ${(e as Error).message}`);
        }
      } while (again && !stopped);
    })();
    try {
      await active;
    } finally {
      active = null;
      schedule(options.pollIntervalMs);
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    /**
     * Look for work soon (after an enqueue in this process). A short delay lets a burst of
     * publishes
     * finish before the worker competes with them; it never postpones a look already due sooner.
     */
    kick() {
      if (stopped) return;
      const delay = options.kickDelayMs ?? 100;
      if (!timer || timerAt > Date.now() + delay) schedule(delay);
    },
    /** Stop claiming; resolve once the job in hand is finished. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (active) await active;
    },
    /** Runs the queue until nothing is due (tests and the demo use this). */
    async drainNow() {
      await drain();
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
