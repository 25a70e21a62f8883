import { PinError } from '../errors/pin-error';
import { pinterestErrorBodySchema } from './schemas';

/**
 * Seconds to wait, read from `Retry-After` (seconds or HTTP date) or `X-RateLimit-Reset` (seconds).
 */
export function readRetryAfterSeconds(
  headers: Record<string, string | string[] | undefined>,
  now = Date.now()
): number | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const retryAfter = first(headers['retry-after']);
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  const reset = Number(first(headers['x-ratelimit-reset']));
  if (Number.isFinite(reset) && reset >= 0) return reset;
  return undefined;
}

/**
 * Maps a non-2xx Pinterest answer to a typed error. Pinterest's `code` is not always the HTTP
 * status,
 * so both are looked at (PINTEREST.md §7).
 */
export function classifyPinterestError(
  status: number,
  rawBody: unknown,
  headers: Record<string, string | string[] | undefined> = {}
): PinError {
  const parsed = pinterestErrorBodySchema.safeParse(rawBody);
  const body = parsed.success ? parsed.data : undefined;
  const code = body?.code;
  const said = body?.message
    ? `Pinterest said: “${body.message}”`
    : `Pinterest answered HTTP ${status}`;
  const extra = { httpStatus: status, pinterestCode: code };
  const detail = `${body?.message ?? ''} ${body?.message_detail ?? ''}`.toLowerCase();

  if (status === 429) {
    if (detail.includes('spam'))
      return new PinError('SPAM_BLOCKED', `${said} (spam block).`, {
        ...extra,
        outcomeUnknown: false,
      });
    return new PinError('RATE_LIMITED', `${said} (rate limit).`, {
      ...extra,
      retryAfterSeconds: readRetryAfterSeconds(headers),
      outcomeUnknown: false,
    });
  }
  if (status === 401)
    return new PinError(
      'UNAUTHORIZED',
      `${said} The Pinterest token is expired, revoked or invalid.`,
      extra
    );
  if (status === 409)
    return new PinError('BOARD_LOCKED', `${said}`, { ...extra, outcomeUnknown: false });
  if (status === 404) {
    if (code === 40) return new PinError('BOARD_NOT_FOUND', said, extra);
    if (code === 2031) return new PinError('SECTION_NOT_FOUND', said, extra);
    if (code === 50) return new PinError('PIN_NOT_FOUND', said, extra);
    return new PinError('INVALID_REQUEST', said, extra);
  }
  if (status === 403) {
    if (code === 233) return new PinError('MEDIA_TOO_SMALL', said, extra);
    if (code === 235) return new PinError('MEDIA_UNREACHABLE', said, extra);
    return new PinError('FORBIDDEN', said, extra);
  }
  if (status === 400) {
    const mediaProblem = /url|image|media|fetch/.test(detail);
    return new PinError(mediaProblem ? 'MEDIA_UNREACHABLE' : 'INVALID_REQUEST', said, extra);
  }
  if (status >= 500) return new PinError('PINTEREST_ERROR', said, extra);
  return new PinError('UNEXPECTED_RESPONSE', said, extra);
}
