/**
 * startEmulator(): the Pinterest API v5 emulator on loopback, with its in-process control handle.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { EmulatorCore } from './core';
import { createFaults, type FaultRule } from './faults';
import { createRateLimiter } from './rate-limits';
import type { RecordedRequest, SpecMismatch } from './request-log';
import { createRouter } from './router';
import { createState, type SeedInput } from './seed';
import { checkFlags, type EmulatorFlags, type EmulatorState } from './state';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The emulator's clock (default: the system clock); `setClock` overrides it. */
  now?: () => Date;
  seed?: SeedInput;
  /**
   * Gets one line per API/upload request (main.ts passes console.log with --verbose); the emulator
   * itself prints nothing.
   */
  logRequest?: (line: string) => void;
  /**
   * Strict answers (default: on under Jest, i.e. when JEST_WORKER_ID is set; off otherwise, as for
   * `npm run emulator` and the demo). An answer of the emulator's own that breaks the spec's
   * response schema is then sent as a 500 `[emulator] answer breaks the spec: …`, and `close()`
   * rejects naming every such answer, so the test that caused it fails. Off: the answer is sent
   * anyway and a warning logged. Either way it is listed by `specMismatches()`.
   */
  strictAnswers?: boolean;
}

/** Strict answers unless told otherwise when running under Jest. */
export const strictByDefault = () => process.env.JEST_WORKER_ID !== undefined;

export interface Emulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `url + '/v5'` */
  apiUrl: string;
  port: number;
  /**
   * Stops listening and drops open connections. In strict mode it then rejects when any answer
   * broke the spec (see `specMismatches()`), so a test's teardown fails.
   */
  close(): Promise<void>;
  /** Whether an off-spec answer is a 500 and fails `close()` (see `EmulatorOptions`). */
  readonly strictAnswers: boolean;
  /** Every answer of the emulator's own that broke the spec, oldest first (`reset` keeps them). */
  specMismatches(): SpecMismatch[];
  /** Forgets the recorded spec mismatches (for a test that provoked one on purpose). */
  clearSpecMismatches(): void;
  /**
   * Changes flags of the live state (validated; the same as POST /_emulator/flags), e.g.
   * `{boardPinsOrder: 'shuffled'}`; returns all flags. `reset` goes back to the seed's.
   */
  setFlags(flags: Partial<EmulatorFlags>): EmulatorFlags;
  /** The live in-memory state (a fresh object after `reset`). */
  readonly state: EmulatorState;
  /**
   * A fresh state from `seed` (or the start seed); also clears the request log, faults, rate
   * counters and clock.
   */
  reset(seed?: SeedInput): void;
  /** Every /v5 and upload request, oldest first (the same array for the emulator's lifetime). */
  requests: RecordedRequest[];
  setFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Freezes the emulator's clock at `now`; null goes back to the real (or `opts.now`) clock. */
  setClock(now: Date | null): void;
  /** The same JSON as GET /_emulator/stats. */
  stats(): ReturnType<EmulatorCore['limiter']['stats']>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  let frozen: Date | null = null;
  const now = () => (frozen ? new Date(frozen) : (opts.now?.() ?? new Date()));
  const startSeed = opts.seed ?? {};
  const core: EmulatorCore = {
    state: createState(startSeed, now().getTime()),
    now,
    baseUrl: '',
    requests: [],
    strictAnswers: opts.strictAnswers ?? strictByDefault(),
    specMismatches: [],
    faults: createFaults(),
    limiter: createRateLimiter(() => now().getTime()),
    seed: startSeed,
    logRequest: opts.logRequest ?? null,
    reset(seed) {
      frozen = null;
      core.state = createState(seed ?? core.seed, now().getTime());
      core.requests.length = 0;
      core.faults.clear();
      core.limiter.reset();
    },
    setClock(value) {
      frozen = value ? new Date(value) : null;
    },
  };

  const handle = createRouter(core);
  const server = http.createServer((req, res) => {
    // the router answers its own errors with a 500; this catches a failure to send that answer
    handle(req, res).catch((e: unknown) => {
      console.error('[emulator] error', e);
      res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  core.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: core.baseUrl,
    apiUrl: `${core.baseUrl}/v5`,
    port,
    get state() {
      return core.state;
    },
    requests: core.requests,
    strictAnswers: core.strictAnswers,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
      if (core.strictAnswers && core.specMismatches.length) {
        const list = core.specMismatches.map(
          (m) => `  ${m.method} ${m.path} (${m.status}): ${m.problem}`
        );
        throw new Error(`[emulator] ${list.length} answer(s) broke the spec:\n${list.join('\n')}`);
      }
    },
    specMismatches: () => core.specMismatches.map((m) => ({ ...m })),
    clearSpecMismatches: () => void (core.specMismatches.length = 0),
    setFlags: (flags) => {
      core.state.flags = { ...core.state.flags, ...checkFlags(flags) };
      return { ...core.state.flags };
    },
    reset: (seed) => core.reset(seed),
    setFault: (rule) => void core.faults.add(rule),
    clearFaults: () => core.faults.clear(),
    setClock: (value) => core.setClock(value),
    stats: () => core.limiter.stats(),
  };
}
