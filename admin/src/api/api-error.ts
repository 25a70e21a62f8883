/**
 * Why a call to the plugin's admin API failed: the server refused it (`http`, with Strapi's error
 * message when it sent one), or its answer did not have the expected shape (`answer`, with the
 * first mismatch). Components turn it into text with `useApiErrorText`.
 */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly kind: 'http' | 'answer',
    message: string,
    /** `GET /pinterest/boards`: which call failed. */
    readonly request: string,
    details: {
      /** The server's own words for a refusal (400, 409…), when it gave them. */
      serverMessage?: string | null;
      status?: number | null;
      /** For an unreadable answer: the first field that did not match, as `path: problem`. */
      detail?: string | null;
      /** A refused input (400): what is wrong with each field, as the server listed it. */
      fieldErrors?: FieldError[];
    } = {}
  ) {
    super(message);
    this.serverMessage = details.serverMessage ?? null;
    this.status = details.status ?? null;
    this.detail = details.detail ?? null;
    this.fieldErrors = details.fieldErrors ?? [];
  }

  readonly serverMessage: string | null;
  readonly status: number | null;
  readonly detail: string | null;
  readonly fieldErrors: FieldError[];
}

/** One problem of a refused input: the field's path (`['title', '0']`) and what is wrong. */
export interface FieldError {
  path: string[];
  message: string;
}

type TransportError = {
  message?: unknown;
  status?: unknown;
  response?: {
    status?: unknown;
    data?: { error?: { message?: unknown; status?: unknown; details?: { errors?: unknown } } };
  };
};

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
const number = (v: unknown) => (typeof v === 'number' ? v : null);

/** The `details.errors` of Strapi's ValidationError, keeping only well-formed entries. */
function fieldErrorsOf(errors: unknown): FieldError[] {
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: unknown) => {
    const { path, message } = (typeof e === 'object' && e !== null ? e : {}) as {
      path?: unknown;
      message?: unknown;
    };
    return Array.isArray(path) && typeof message === 'string'
      ? [{ path: path.map(String), message }]
      : [];
  });
}

/** A transport failure (Strapi's `FetchError`, or anything thrown) as an `ApiError`. */
export function httpError(e: unknown, request: string): ApiError {
  if (e instanceof ApiError) return e;
  const err = (typeof e === 'object' && e !== null ? e : {}) as TransportError;
  const serverMessage = text(err.response?.data?.error?.message);
  const status =
    number(err.status) ?? number(err.response?.data?.error?.status) ?? number(err.response?.status);
  const message = serverMessage ?? text(err.message) ?? `${request} failed`;
  const fieldErrors = fieldErrorsOf(err.response?.data?.error?.details?.errors);
  return new ApiError('http', message, request, { serverMessage, status, fieldErrors });
}

/** An answer that does not match its schema. `detail` names the first mismatching field. */
export function answerError(request: string, detail: string): ApiError {
  return new ApiError('answer', `Unexpected answer to ${request}: ${detail}`, request, { detail });
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
