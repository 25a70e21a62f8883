/** The Pinterest API v5 emulator: see emulator/README.md. */
export { startEmulator, type Emulator, type EmulatorOptions } from './server';
export type { FaultRule } from './faults';
export type { RecordedRequest } from './request-log';
export { metricsFor, lifetimeMetricsFor, dataStatusFor } from './analytics';
export {
  DEFAULT_SEED,
  DEFAULT_SCOPE,
  STATIC_TOKEN,
  type SeedInput,
  type SeedBoard,
  type SeedPin,
  type SeedToken,
  type SeedUser,
} from './seed';
export type {
  EmulatorState,
  EmulatorFlags,
  RateLimits,
  UserAccount,
  BoardRec,
  SectionRec,
  PinRec,
  MediaRec,
} from './state';
