import type { JobRow, JobStore } from '../../server/src/queue/job-store';
import { createWorker, type JobHandler } from '../../server/src/queue/worker';
import { PinError } from '../../server/src/errors/pin-error';

/** An in-memory stand-in for the job table, recording what the worker asked of it. */
function memoryStore(jobs: JobRow[]) {
  const calls: string[] = [];
  let leaseHeld = true;
  let heartbeatsFail = false;
  let heartbeatsHang = false;
  const store = {
    calls,
    dropLease: () => (leaseHeld = false),
    failHeartbeats: () => (heartbeatsFail = true),
    /** The database stops answering: renewals never come back. */
    stallHeartbeats: () => (heartbeatsHang = true),
    claimNext(owner: string, leaseMs: number): Promise<JobRow | null> {
      const job = jobs.find((j) => j.state === 'waiting');
      if (!job) return Promise.resolve(null);
      Object.assign(job, {
        state: 'running',
        leaseOwner: owner,
        leaseUntil: Date.now() + leaseMs,
        attempts: job.attempts + 1,
      });
      calls.push(`claim ${job.key}`);
      return Promise.resolve({ ...job });
    },
    renewLease(job: JobRow) {
      calls.push(`renew ${job.key}`);
      if (heartbeatsFail) return Promise.reject(new Error('database stalled'));
      if (heartbeatsHang) return new Promise<boolean>(() => undefined);
      return Promise.resolve(leaseHeld);
    },
    async fenced<T>(job: JobRow, leaseMs: number, write: () => Promise<T>) {
      calls.push(`fenced ${job.key}`);
      if (!leaseHeld) return { held: false as const };
      return { held: true as const, value: await write(), leaseUntil: Date.now() + leaseMs };
    },
    finish(job: JobRow, outcome: { state: string }) {
      calls.push(`finish ${job.key} ${outcome.state}`);
      Object.assign(
        jobs.find((j) => j.id === job.id)!,
        { state: outcome.state }
      );
      return Promise.resolve();
    },
    retryLater(
      job: JobRow,
      _runAt: number,
      error: { code: string },
      opts: { refundAttempt?: boolean } = {}
    ) {
      calls.push(`retry ${job.key} ${error.code}${opts.refundAttempt ? ' refund' : ''}`);
      Object.assign(
        jobs.find((j) => j.id === job.id)!,
        { state: 'later' }
      );
      return Promise.resolve();
    },
  };
  return store;
}

const job = (key: string): JobRow => ({
  id: key.length,
  key,
  kind: 'k',
  state: 'waiting',
  payload: {},
  attempts: 0,
  runAt: 0,
  leaseOwner: null,
  leaseUntil: null,
  requeue: false,
  lastError: null,
  result: null,
});
const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const retry = { baseDelayMs: 10, maxDelayMs: 100, maxAttempts: 3 };

async function run(
  store: ReturnType<typeof memoryStore>,
  handler: JobHandler,
  leaseMs = 90,
  extra: { takeoverSettleMs?: number; sleep?: (ms: number) => Promise<void> } = {}
) {
  const worker = createWorker({
    store: store as unknown as JobStore,
    handlers: { k: handler },
    owner: 'w1',
    pollIntervalMs: 10,
    leaseMs,
    retry,
    logger,
    ...extra,
  });
  worker.start();
  await new Promise((r) => setTimeout(r, leaseMs * 3));
  await worker.stop();
}

describe('queue worker', () => {
  it('keeps the lease of a long job alive with heartbeats', async () => {
    const store = memoryStore([job('long')]);
    await run(store, async () => {
      await new Promise((r) => setTimeout(r, 400)); // eight heartbeat periods (50 ms)
      return {};
    });
    expect(store.calls.filter((c) => c === 'renew long').length).toBeGreaterThanOrEqual(3);
    expect(store.calls).toContain('finish long done');
  });

  it('fences: a worker that lost its lease does not create, and leaves the job to its new owner', async () => {
    const store = memoryStore([job('fenced')]);
    let created = false;
    await run(store, async (_job, ctx) => {
      store.dropLease();
      await ctx.ensureLease();
      created = true;
      return {};
    });
    expect(created).toBe(false);
    expect(store.calls.some((c) => c.startsWith('finish fenced'))).toBe(false);
    expect(store.calls.some((c) => c.startsWith('retry fenced'))).toBe(false);
  });

  it('reschedules waits (rate limit) without using up an attempt, and fails permanent errors at once', async () => {
    const store = memoryStore([job('wait'), job('broken!')]);
    await run(store, (j) =>
      Promise.reject(
        j.key === 'wait'
          ? new PinError('RATE_LIMITED', 'later', { retryAfterSeconds: 1 })
          : new PinError('BOARD_REQUIRED', 'no board')
      )
    );
    expect(store.calls).toContain('retry wait RATE_LIMITED refund');
    expect(store.calls).toContain('finish broken! failed');
  });

  it('retries retryable errors with backoff until the attempts run out', async () => {
    const store = memoryStore([job('flaky')]);
    await run(store, () => Promise.reject(new PinError('PINTEREST_ERROR', '503')));
    expect(store.calls).toContain('retry flaky PINTEREST_ERROR');
  });

  it('fenced writes: a worker that lost its lease writes nothing and does not go on', async () => {
    const store = memoryStore([job('stale')]);
    const written: string[] = [];
    await run(store, async (_job, ctx) => {
      store.dropLease();
      await ctx.fenced(() => {
        written.push('attempt recorded');
        return Promise.resolve();
      });
      written.push('created');
      return {};
    });
    expect(written).toEqual([]);
    expect(store.calls).toContain('fenced stale');
    expect(store.calls.some((c) => c.startsWith('finish stale'))).toBe(false);
  });

  it('a failed heartbeat stops the create before it is sent', async () => {
    const store = memoryStore([job('beat')]);
    let sent = false;
    let stopped: unknown = null;
    await run(store, async (_job, ctx) => {
      await ctx.fenced(() => Promise.resolve());
      store.failHeartbeats();
      await new Promise((r) => setTimeout(r, 80)); // a heartbeat (every 30 ms) fails meanwhile
      try {
        ctx.assertSendable();
        sent = true;
      } catch (e) {
        stopped = e;
        throw e;
      }
      return {};
    });
    expect(sent).toBe(false);
    expect((stopped as Error).name).toBe('LeaseLostError');
  });

  it('a create is not sent once the lease confirmed last has run out', async () => {
    const store = memoryStore([job('late')]);
    const checks: string[] = [];
    const check = (ctx: { assertSendable(): void }) => {
      try {
        ctx.assertSendable();
        checks.push('sendable');
      } catch (e) {
        checks.push((e as Error).name);
      }
    };
    await run(
      store,
      async (_job, ctx) => {
        await ctx.fenced(() => Promise.resolve());
        check(ctx); // within the lease just confirmed
        store.stallHeartbeats(); // no renewal answers from now on
        await new Promise((r) => setTimeout(r, 1_100)); // longer than the 1 s lease
        check(ctx);
        return {};
      },
      1_000
    );
    expect(checks).toEqual(['sendable', 'LeaseLostError']);
  });

  it('a job taken over waits until the lost holder’s last request has ended, then runs', async () => {
    const taken = job('taken');
    const previousLeaseUntil = Date.now() + 40;
    const store = memoryStore([taken]);
    const claim = store.claimNext.bind(store);
    store.claimNext = async (owner: string, leaseMs: number) => {
      const row = await claim(owner, leaseMs);
      return row && { ...row, takenOverFrom: { previousLeaseUntil } };
    };
    const slept: number[] = [];
    let ranAt = 0;
    let seen: unknown = null;
    await run(
      store,
      (_job, ctx) => {
        ranAt = Date.now();
        seen = ctx.takenOver;
        return Promise.resolve({});
      },
      90,
      {
        takeoverSettleMs: 100,
        sleep: async (ms) => {
          slept.push(ms);
          await new Promise((r) => setTimeout(r, ms));
        },
      }
    );
    expect(seen).toEqual({ previousLeaseUntil });
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThan(100);
    expect(slept[0]).toBeLessThanOrEqual(140);
    expect(ranAt).toBeGreaterThanOrEqual(previousLeaseUntil + 100 - 5);
  });
});
