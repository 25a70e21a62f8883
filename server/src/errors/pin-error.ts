import type { PinErrorDTO } from '../../../common/wire';

/**
 * Every failure the plugin can meet while pinning, as one typed error with a stable code,
 * a plain-words message, advice an editor can act on, and whether trying again can help.
 */
export type PinErrorCode =
  // the entry or its settings
  | 'BOARD_REQUIRED'
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
    'Always provide the board_id field: choose a board in the Pinterest field of this entry (or set a default board for the content type), then publish again.',
  MEDIA_REQUIRED:
    'Pinterest has no text-only pins: add a hero image or video to this entry, then publish again.',
  MEDIA_UNSUPPORTED:
    'Use a JPEG, PNG, WebP or GIF image (or an MP4/MOV video) as the hero media, then publish again.',
  MEDIA_TOO_LARGE:
    'Use an image of at most 20 MB (or a video of at most 2 GB), then publish again.',
  MEDIA_TOO_SMALL:
    'Use an image of at least 100×100 pixels (1000×1500 works best), then publish again.',
  MEDIA_NOT_PUBLIC:
    'Serve your media from a public HTTPS address (an upload provider or PUBLIC_URL), or use a JPEG/PNG image, then retry.',
  MEDIA_UNREADABLE: 'Check that the media file still exists in the media library, then retry.',
  MEDIA_URL_REFUSED:
    'Use media from a public http(s) address; private, loopback and link-local addresses are refused unless the plugin’s mediaHostAllowlist names them.',
  VIDEO_DURATION: 'Use a video between 4 seconds and 15 minutes long, then publish again.',
  VIDEO_PROCESSING_FAILED:
    'Pinterest could not process this video: check it plays (H.264/H.265 in MP4 or MOV), then retry or use another video.',
  VIDEO_PROCESSING_TIMEOUT:
    'Pinterest is still processing the video; the pin will be retried automatically.',
  EDIT_UNSUPPORTED:
    'This Pinterest app cannot edit pins (the update endpoint is in beta). Use “Re-pin” to create a new pin with the changes, or keep the current one.',
  TEXT_REQUIRED: 'Give the entry a title or a description, then publish again.',
  ENTRY_NOT_FOUND: 'The entry was deleted or unpublished; nothing to pin.',
  NOT_CONFIGURED: 'Check the plugin configuration (config/plugins) for this content type.',
  NOT_CONNECTED:
    'Connect a Pinterest account in Settings → Pinterest; waiting pins will then go out by themselves.',
  UNAUTHORIZED:
    'Reconnect the Pinterest account in Settings → Pinterest; waiting pins will then go out by themselves.',
  FORBIDDEN:
    'The connected Pinterest account or app is not allowed to do this: check the granted scopes and the board’s owner.',
  INVALID_REQUEST:
    'Verify the URL is a publicly accessible HTTPS link returning actual media bytes, and the fields are within limits.',
  MEDIA_UNREACHABLE:
    'Verify the URL is a publicly accessible HTTPS link returning actual media bytes, then retry.',
  BOARD_NOT_FOUND: 'The board no longer exists or is not yours: choose another board, then retry.',
  SECTION_NOT_FOUND:
    'The board section no longer exists: choose another section (or none), then retry.',
  PIN_NOT_FOUND: 'The pin was deleted on Pinterest; pin the entry again to create a new one.',
  RATE_LIMITED: 'Pinterest asked us to slow down; the pin will be retried automatically.',
  SPAM_BLOCKED:
    'Pinterest flagged recent activity as spam: pinning is paused. Wait, review recent pins, then retry.',
  WRITES_PAUSED:
    'Pinning is paused after a spam block; this pin goes out by itself when the pause ends (or an administrator resumes it).',
  BOARD_LOCKED: 'Pinterest was busy writing to this board; the pin will be retried automatically.',
  PINTEREST_ERROR: 'Pinterest had a problem; the pin will be retried automatically.',
  PINTEREST_UNREACHABLE: 'Pinterest could not be reached; the pin will be retried automatically.',
  TIMEOUT: 'Pinterest did not answer in time; the pin will be retried automatically.',
  UNEXPECTED_RESPONSE:
    'Pinterest answered in an unexpected way; the pin will be retried automatically.',
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

  constructor(
    code: PinErrorCode,
    message: string,
    extra: {
      httpStatus?: number;
      pinterestCode?: number;
      retryAfterSeconds?: number;
      advice?: string;
      outcomeUnknown?: boolean;
    } = {}
  ) {
    super(message);
    this.name = 'PinError';
    this.code = code;
    this.advice = extra.advice ?? ADVICE[code];
    this.retryable = RETRYABLE.has(code);
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
    };
  }
}

export const isPinError = (e: unknown): e is PinError => e instanceof PinError;

/** Any thrown value as a PinError (unknown ones become a retryable unexpected failure). */
export function toPinError(e: unknown): PinError {
  if (isPinError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new PinError('UNEXPECTED_RESPONSE', message);
}
