/**
 * What the router and the control API share: the live state, the clock, the request log, faults and
 * limits.
 */
import type { Faults } from './faults';
import type { RateLimiter } from './rate-limits';
import type { RecordedRequest, SpecMismatch } from './request-log';
import type { SeedInput } from './seed';
import type { EmulatorState } from './state';

export interface EmulatorCore {
  state: EmulatorState;
  now(): Date;
  /** `http://127.0.0.1:PORT` once listening. */
  baseUrl: string;
  requests: RecordedRequest[];
  /**
   * Strict answers: an answer of the emulator's own that breaks the spec is sent as a 500 (and
   * `close()` fails) instead of being sent anyway with a warning.
   */
  strictAnswers: boolean;
  /** Every answer that broke the spec, oldest first; `reset()` keeps them. */
  specMismatches: SpecMismatch[];
  faults: Faults;
  limiter: RateLimiter;
  /** The seed `reset()` without an argument goes back to. */
  seed: SeedInput;
  /** Gets one line per API/upload request; null: no request lines. */
  logRequest: ((line: string) => void) | null;
  reset(seed?: SeedInput): void;
  setClock(now: Date | null): void;
}
