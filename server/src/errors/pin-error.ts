import type { PinErrorDTO } from '../../../common/wire';

/**
 * Every failure the plugin can meet while pinning, as one typed error with a stable code,
 * a plain-words message, advice an editor can act on, and whether trying again can help.
 */
export type PinErrorCode =
  // the entry or its settings
  | 'BOARD_REQUIRED'
  | 'LINK_REQUIRED'
  /** The pin's link does not answer 2xx (after redirects), or not at all (server/src/links). */
  | 'LINK_UNREACHABLE'
  | 'MEDIA_REQUIRED'
  | 'MEDIA_UNSUPPORTED'
  | 'MEDIA_TOO_LARGE'
  | 'MEDIA_TOO_SMALL'
  | 'MEDIA_NOT_PUBLIC'
  | 'MEDIA_UNREADABLE'
  | 'MEDIA_URL_REFUSED'
  | 'VIDEO_DURATION'
  | 'VIDEO_PROCESSING_FAILED'
  | 'VIDEO_PROCESSING_TIMEOUT'
  | 'EDIT_UNSUPPORTED'
  | 'TEXT_REQUIRED'
  /** A create was sent, Pinterest never confirmed it, and the board search cannot settle it. */
  | 'OUTCOME_UNKNOWN'
  | 'ENTRY_NOT_FOUND'
  | 'NOT_CONFIGURED'
  // the account
  | 'NOT_CONNECTED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  // Pinterest's answers
  | 'INVALID_REQUEST'
  | 'MEDIA_UNREACHABLE'
  | 'BOARD_NOT_FOUND'
  | 'SECTION_NOT_FOUND'
  | 'PIN_NOT_FOUND'
  | 'RATE_LIMITED'
  | 'SPAM_BLOCKED'
  | 'WRITES_PAUSED'
  | 'BOARD_LOCKED'
  | 'PINTEREST_ERROR'
  | 'PINTEREST_UNREACHABLE'
  | 'TIMEOUT'
  | 'UNEXPECTED_RESPONSE';

const ADVICE: Record<PinErrorCode, string> = {
  BOARD_REQUIRED:
    'Choose a board for this pin in the Pinterest field of this entry, or ask an administrator for a default board; then publish again.',
  LINK_REQUIRED:
    'Fill in what the link is built from (the slug, or the link field) and publish again; or ask an administrator to allow pins without a link for this content type.',
  LINK_UNREACHABLE:
    'Open the link in a browser: fix the page or the entry’s link (slug, URL pattern), then publish again. A page that is still deploying is tried again a few times automatically.',
  MEDIA_REQUIRED: 'Add an image or a video to this entry, then publish again.',
  MEDIA_UNSUPPORTED:
    'Use a JPEG, PNG, WebP or GIF image (or an MP4 or MOV video) for this entry, then publish again.',
  MEDIA_TOO_LARGE:
    'Use an image of at most 20 MB (or a video of at most 2 GB), then publish again.',
  MEDIA_TOO_SMALL:
    'Use an image of at least 100×100 pixels (1000×1500 works best), then publish again.',
  MEDIA_NOT_PUBLIC:
    'Use a JPEG or PNG image, or ask an administrator to serve media from a public address; then try again.',
  MEDIA_UNREADABLE: 'Check that the file still exists in the media library, then try again.',
  MEDIA_URL_REFUSED:
    'Use a file from the media library or a public web address, or ask an administrator to allow this address.',
  VIDEO_DURATION: 'Use a video between 4 seconds and 15 minutes long, then publish again.',
  VIDEO_PROCESSING_FAILED:
    'Pinterest could not process this video: check that it plays, then try again or use another video.',
  VIDEO_PROCESSING_TIMEOUT:
    'Pinterest is still processing the video; the pin will be tried again automatically.',
  EDIT_UNSUPPORTED:
    'This Pinterest account cannot update pins yet. Use “Re-pin” to create a new pin with the changes, or keep the current one.',
  TEXT_REQUIRED: 'Give the entry a title or a description, then publish again.',
  OUTCOME_UNKNOWN:
    'Pinterest did not confirm this pin and the plugin cannot tell whether it was made. Look at the board on Pinterest: if the pin is there, there is nothing to do; if not, press Retry.',
  ENTRY_NOT_FOUND: 'The entry was deleted or unpublished; nothing to pin.',
  NOT_CONFIGURED: 'Ask an administrator to set up pinning for this content type.',
  NOT_CONNECTED:
    'Connect a Pinterest account in Settings → Pinterest; waiting pins will then go out by themselves.',
  UNAUTHORIZED:
    'Reconnect the Pinterest account in Settings → Pinterest; waiting pins will then go out by themselves.',
  FORBIDDEN:
    'The connected Pinterest account is not allowed to do this: reconnect it with all permissions, or choose a board it owns.',
  INVALID_REQUEST:
    'Check that the image or video opens from a public web address and that the title and description are not too long, then try again.',
  MEDIA_UNREACHABLE:
    'Check that the image or video opens from a public web address, then try again.',
  BOARD_NOT_FOUND:
    'The board no longer exists or is not yours: choose another board, then try again.',
  SECTION_NOT_FOUND:
    'The board section no longer exists: choose another section (or none), then try again.',
  PIN_NOT_FOUND: 'The pin was deleted on Pinterest; pin the entry again to create a new one.',
  RATE_LIMITED: 'Pinterest asked us to slow down; the pin will be tried again automatically.',
  SPAM_BLOCKED:
    'Pinterest flagged recent activity as spam: pinning is paused. Wait, review recent pins, then try again.',
  WRITES_PAUSED:
    'Pinning is paused after a spam block; this pin goes out by itself when the pause ends (or an administrator resumes it).',
  BOARD_LOCKED:
    'Pinterest was busy writing to this board; the pin will be tried again automatically.',
  PINTEREST_ERROR: 'Pinterest had a problem; the pin will be tried again automatically.',
  PINTEREST_UNREACHABLE:
    'Pinterest could not be reached; the pin will be tried again automatically.',
  TIMEOUT: 'Pinterest did not answer in time; the pin will be tried again automatically.',
  UNEXPECTED_RESPONSE:
    'Pinterest answered in an unexpected way; the pin will be tried again automatically.',
};

const RETRYABLE: ReadonlySet<PinErrorCode> = new Set<PinErrorCode>([
  'RATE_LIMITED',
  'WRITES_PAUSED',
  'BOARD_LOCKED',
  'PINTEREST_ERROR',
  'PINTEREST_UNREACHABLE',
  'TIMEOUT',
  'UNEXPECTED_RESPONSE',
  'VIDEO_PROCESSING_TIMEOUT',
]);

/** Waiting for a turn is not a failed attempt: these never use up a job's attempts. */
export const WAIT_CODES: ReadonlySet<PinErrorCode> = new Set<PinErrorCode>([
  'RATE_LIMITED',
  'WRITES_PAUSED',
  'BOARD_LOCKED',
]);

/** Errors whose outcome on Pinterest's side is unknown: a create may have happened. */
const OUTCOME_UNKNOWN: ReadonlySet<PinErrorCode> = new Set<PinErrorCode>([
  'PINTEREST_ERROR',
  'TIMEOUT',
  'UNEXPECTED_RESPONSE',
]);

export class PinError extends Error {
  readonly code: PinErrorCode;
  readonly advice: string;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly pinterestCode?: number;
  /** Seconds Pinterest asked us to wait (Retry-After / X-RateLimit-Reset), when it said so. */
  readonly retryAfterSeconds?: number;
  /** True when a write may have reached Pinterest although we saw no success. */
  readonly outcomeUnknown: boolean;
  /** Several accounts: the account the failed work was for, once the job knows it. */
  accountId?: number;

  constructor(
    code: PinErrorCode,
    message: string,
    extra: {
      httpStatus?: number;
      pinterestCode?: number;
      retryAfterSeconds?: number;
      advice?: string;
      outcomeUnknown?: boolean;
      /** Overrides the code's rule (a dead link is retried a few times only). */
      retryable?: boolean;
    } = {}
  ) {
    super(message);
    this.name = 'PinError';
    this.code = code;
    this.advice = extra.advice ?? ADVICE[code];
    this.retryable = extra.retryable ?? RETRYABLE.has(code);
    this.httpStatus = extra.httpStatus;
    this.pinterestCode = extra.pinterestCode;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.outcomeUnknown = extra.outcomeUnknown ?? OUTCOME_UNKNOWN.has(code);
  }

  toJSON(): PinErrorDTO {
    return {
      code: this.code,
      message: this.message,
      advice: this.advice,
      retryable: this.retryable,
      ...(this.httpStatus !== undefined && { httpStatus: this.httpStatus }),
      ...(this.pinterestCode !== undefined && { pinterestCode: this.pinterestCode }),
      ...(this.accountId !== undefined && { accountId: this.accountId }),
    };
  }
}

export const isPinError = (e: unknown): e is PinError => e instanceof PinError;

/**
 * Names the account a failure belongs to (the first one named stays), so a job waiting for that
 * account's reconnect is counted and woken with it. Returns the error, for `throw`.
 */
export function withAccount(e: unknown, accountId: number | null): unknown {
  if (isPinError(e) && accountId !== null && e.accountId === undefined) e.accountId = accountId;
  return e;
}

/** Any thrown value as a PinError (unknown ones become a retryable unexpected failure). */
export function toPinError(e: unknown): PinError {
  if (isPinError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new PinError('UNEXPECTED_RESPONSE', message);
}
