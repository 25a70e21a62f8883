/**
 * An error answered the way Pinterest answers: `{code, message}` (plus `message_detail` for spam).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly detail?: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }

  body(): { code: number; message: string; message_detail?: string } {
    return {
      code: this.code,
      message: this.message,
      ...(this.detail && { message_detail: this.detail }),
    };
  }
}

export const invalid = (message: string) =>
  new ApiError(
    400,
    1,
    message.startsWith('Invalid request') ? message : `Invalid request: ${message}`
  );
export const authFailed = () => new ApiError(401, 2, 'Authentication failed.');
export const notPermitted = () =>
  new ApiError(403, 29, 'You are not permitted to access that resource.');
export const boardNotFound = () => new ApiError(404, 40, 'Board not found.');
export const sectionNotFound = () => new ApiError(404, 2031, 'Board section not found.');
export const pinNotFound = () => new ApiError(404, 50, 'Pin not found.');
export const mediaNotFound = () => new ApiError(404, 404, 'Media upload not found.');
export const rateLimited = (headers: Record<string, string>) =>
  new ApiError(429, 8, 'You have exceeded your rate limit. Try again later.', undefined, headers);
/** Pinterest's words for media it could not use (the spec's `InvalidPinUrl` example). */
export const invalidUrl = () =>
  new ApiError(
    400,
    1,
    'Whoops! It looks like you entered an invalid URL. Try creating a Pin again with a valid URL.'
  );
export const imageUnfetchable = () => new ApiError(400, 1, 'Sorry we could not fetch the image.');
export const imageTooSmall = () =>
  new ApiError(
    403,
    233,
    'Your image is too small. Please use an image that is at least 100 x 100 pixels.'
  );
export const analyticsForbidden = () =>
  new ApiError(403, 403, 'Not authorized to access the user account analytics.');
