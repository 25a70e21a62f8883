import { PinError } from '../errors/pin-error';

/**
 * Time limits of one download, on top of the idle timeout (`timeoutMs`, time without a byte):
 * - `deadlineMs`: the whole download — redirects, headers and body — ends within this;
 * - `minBytesPerSecond`: each `rateWindowMs` of body must bring at least this rate on average,
 *   unless the body ends first (0 turns the check off). A host that trickles a byte every few
 *   seconds never trips the idle timeout; it trips this.
 */
export interface DownloadLimits {
  deadlineMs: number;
  minBytesPerSecond: number;
  rateWindowMs: number;
}

export const DOWNLOAD_DEFAULTS: DownloadLimits = {
  // as long as a video upload may take (`video.uploadTimeoutMs`): a 2 GB video streams through
  deadlineMs: 30 * 60_000,
  minBytesPerSecond: 8 * 1024,
  rateWindowMs: 30_000,
};

export interface DownloadClock {
  /** Aborts the request when a limit is passed. */
  signal: AbortSignal;
  /** The limit that was passed, if one was. */
  failure(): PinError | null;
  /** The body started: from now on, its rate is watched. `onFail` stops the consumer. */
  watchBody(onFail: (e: PinError) => void): (bytes: number) => void;
  /** The download ended (read, failed or dropped): no more timers. */
  stop(): void;
}

/** Starts the clock of one download; `where` names the media in messages (redacted). */
export function startDownloadClock(limits: DownloadLimits, where: () => string): DownloadClock {
  const controller = new AbortController();
  let failed: PinError | null = null;
  let onFail: ((e: PinError) => void) | undefined;
  let rateTimer: NodeJS.Timeout | undefined;

  const fail = (e: PinError) => {
    if (failed) return;
    failed = e;
    stop();
    onFail?.(e);
    controller.abort(e);
  };
  const deadline = setTimeout(
    () =>
      fail(
        new PinError(
          'MEDIA_UNREACHABLE',
          `The media at ${where()} was not downloaded within ${seconds(limits.deadlineMs)}.`
        )
      ),
    limits.deadlineMs
  );
  deadline.unref();

  function stop() {
    clearTimeout(deadline);
    if (rateTimer) clearInterval(rateTimer);
  }

  return {
    signal: controller.signal,
    failure: () => failed,
    watchBody(handler) {
      onFail = handler;
      if (failed) handler(failed);
      let inWindow = 0;
      const needed = (limits.minBytesPerSecond * limits.rateWindowMs) / 1000;
      if (needed > 0 && !failed) {
        rateTimer = setInterval(() => {
          if (inWindow < needed) {
            fail(
              new PinError(
                'MEDIA_UNREACHABLE',
                `The media at ${where()} is sending too slowly (${inWindow} bytes in ${seconds(limits.rateWindowMs)}; at least ${limits.minBytesPerSecond} bytes/s are needed).`
              )
            );
          }
          inWindow = 0;
        }, limits.rateWindowMs);
        rateTimer.unref();
      }
      return (bytes) => {
        inWindow += bytes;
      };
    },
    stop,
  };
}

const seconds = (ms: number) =>
  ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 100) / 10} s`;
