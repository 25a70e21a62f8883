import {
  classifyPinterestError,
  readRetryAfterSeconds,
} from '../../server/src/pinterest/classify-error';

describe('classifyPinterestError', () => {
  it.each([
    [401, { code: 2, message: 'Authentication failed.' }, 'UNAUTHORIZED', false],
    [404, { code: 40, message: 'Board not found.' }, 'BOARD_NOT_FOUND', false],
    [404, { code: 2031, message: 'Board section not found.' }, 'SECTION_NOT_FOUND', false],
    [404, { code: 50, message: 'Pin not found.' }, 'PIN_NOT_FOUND', false],
    [
      403,
      { code: 29, message: 'You are not permitted to access that resource.' },
      'FORBIDDEN',
      false,
    ],
    [403, { code: 233, message: 'Your image is too small' }, 'MEDIA_TOO_SMALL', false],
    [400, { code: 1, message: 'Sorry we could not fetch the image.' }, 'MEDIA_UNREACHABLE', false],
    [
      400,
      { code: 1, message: 'Invalid request: title must NOT have more than 100 characters' },
      'INVALID_REQUEST',
      false,
    ],
    [
      409,
      { code: 409, message: 'Could not get exclusive access to the board' },
      'BOARD_LOCKED',
      true,
    ],
    [
      429,
      { code: 8, message: 'You have exceeded your rate limit. Try again later.' },
      'RATE_LIMITED',
      true,
    ],
    [500, { code: 500, message: 'Internal error' }, 'PINTEREST_ERROR', true],
    [503, undefined, 'PINTEREST_ERROR', true],
  ])('HTTP %i %j → %s (retryable: %s)', (status, body, code, retryable) => {
    const e = classifyPinterestError(status, body);
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(retryable);
    expect(e.httpStatus).toBe(status);
    expect(e.advice.length).toBeGreaterThan(10);
  });

  it('tells a spam block from a rate limit and does not retry it', () => {
    const e = classifyPinterestError(429, {
      code: 8,
      message: 'Blocked',
      message_detail: 'This domain is blocked as spam',
    });
    expect(e.code).toBe('SPAM_BLOCKED');
    expect(e.retryable).toBe(false);
  });

  it('carries the wait Pinterest asked for', () => {
    expect(
      classifyPinterestError(429, { code: 8, message: 'x' }, { 'retry-after': '17' })
        .retryAfterSeconds
    ).toBe(17);
  });

  it('gives the seed advice for media problems', () => {
    expect(classifyPinterestError(400, { code: 1, message: 'invalid URL' }).advice).toMatch(
      /opens from a public web address/
    );
  });
});

describe('readRetryAfterSeconds', () => {
  it('reads seconds, HTTP dates and X-RateLimit-Reset', () => {
    expect(readRetryAfterSeconds({ 'retry-after': '5' })).toBe(5);
    expect(readRetryAfterSeconds({ 'retry-after': new Date(10_000).toUTCString() }, 0)).toBe(10);
    expect(readRetryAfterSeconds({ 'x-ratelimit-reset': '67150' })).toBe(67150);
    expect(readRetryAfterSeconds({})).toBeUndefined();
  });
});
