import type { JobRow, JobStore } from '../../server/src/queue/job-store';
import { createWorker, type JobHandler } from '../../server/src/queue/worker';
import { PinError } from '../../server/src/errors/pin-error';

/** An in-memory stand-in for the job table, recording what the worker asked of it. */
function memoryStore(jobs: JobRow[]) {
  const calls: string[] = [];
  let leaseHeld = true;
  const store = {
    calls,
    dropLease: () => (leaseHeld = false),
    claimNext(owner: string, leaseMs: number) {
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
      return Promise.resolve(leaseHeld);
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

async function run(store: ReturnType<typeof memoryStore>, handler: JobHandler, leaseMs = 90) {
  const worker = createWorker({
    store: store as unknown as JobStore,
    handlers: { k: handler },
    owner: 'w1',
    pollIntervalMs: 10,
    leaseMs,
    retry,
    logger,
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
});
