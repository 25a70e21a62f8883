/**
 * startEmulator(): the Pinterest API v5 emulator on loopback, with its in-process control handle.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { EmulatorCore } from './core';
import { createFaults, type FaultRule } from './faults';
import { createRateLimiter } from './rate-limits';
import type { RecordedRequest } from './request-log';
import { createRouter } from './router';
import { createState, type SeedInput } from './seed';
import type { EmulatorState } from './state';

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
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `url + '/v5'` */
  apiUrl: string;
  port: number;
  close(): Promise<void>;
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
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    reset: (seed) => core.reset(seed),
    setFault: (rule) => void core.faults.add(rule),
    clearFaults: () => core.faults.clear(),
    setClock: (value) => core.setClock(value),
    stats: () => core.limiter.stats(),
  };
}
