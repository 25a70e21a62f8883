import { Agent, errors as undiciErrors, request } from 'undici';
import { z } from 'zod';
import { classifyPinterestError } from './classify-error';
import { PinError } from '../errors/pin-error';
import { USER_AGENT } from './user-agent';
import {
  accountSchema,
  boardSchema,
  boardSectionSchema,
  mediaStatusSchema,
  mediaUploadSchema,
  paginated,
  pinSchema,
  type Account,
  type Board,
  type BoardSection,
  type MediaStatus,
  type MediaUpload,
  type Pin,
  type PinCreateBody,
  type PinUpdateBody,
} from './schemas';
import {
  relatedTermsSchema,
  suggestedTermsSchema,
  trendingKeywordsSchema,
  type RelatedTerms,
  type TrendingKeywords,
} from './schemas';
import {
  multiPinAnalyticsSchema,
  pinAnalyticsSchema,
  type MultiPinAnalytics,
  type PinAnalytics,
} from './schemas';

export interface PinterestClientOptions {
  /** Base URL including `/v5`, e.g. `https://api.pinterest.com/v5`. */
  apiUrl: string;
  /**
   * Returns the access token to use; called for every request so a refreshed token is picked up.
   */
  getAccessToken: () => Promise<string>;
  timeoutMs?: number;
  connections?: number;
  /**
   * Called before every request with its method and path (the rate limiter waits for a turn here).
   */
  beforeRequest?: (method: string, path: string) => Promise<void>;
  /**
   * Called once after a 401 with code 2 (expired or revoked token): resolve true to try the request
   * once more.
   */
  onUnauthorized?: () => Promise<boolean>;
  /**
   * Called for each answer (never with the token): request id and rate-limit headers, for logs and
   * limits.
   */
  onResponse?: (info: {
    method: string;
    path: string;
    status: number;
    requestId?: string;
    durationMs: number;
  }) => void;
}

/** Query values; an array is sent as the parameter repeated (OpenAPI `form`, `explode: true`). */
type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** Errors that mean the request never left this machine: the write certainly did not happen. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * A typed client for the parts of Pinterest API v5 the plugin uses. Knows nothing of Strapi.
 * Every answer is checked with zod; every failure is a `PinError`.
 */
interface SendOptions {
  query?: Query;
  body?: unknown;
  /** Runs right before the request leaves; throwing stops it (nothing is sent). */
  beforeSend?: () => void;
}

export class PinterestClient {
  private readonly base: URL;
  private readonly agent: Agent;

  constructor(private readonly options: PinterestClientOptions) {
    this.base = new URL(options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
    const timeout = options.timeoutMs ?? 15_000;
    this.agent = new Agent({
      connections: options.connections ?? 8,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connectTimeout: Math.min(timeout, 10_000),
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  getUserAccount(): Promise<Account> {
    return this.call('GET', 'user_account', accountSchema);
  }

  /** `GET /v5/pins/{id}/analytics` (org_analytics), not split: the answer's key is `all`. */
  getPinAnalytics(
    pinId: string,
    q: { start: string; end: string; metricTypes: readonly string[] }
  ): Promise<PinAnalytics> {
    return this.call('GET', `pins/${encodeURIComponent(pinId)}/analytics`, pinAnalyticsSchema, {
      query: { start_date: q.start, end_date: q.end, metric_types: q.metricTypes.join(',') },
    });
  }

  /**
   * `GET /v5/pins/analytics` (org_analytics, a beta not every app has): 1–100 pins in one call,
   * keyed by pin id.
   */
  getMultiPinAnalytics(
    pinIds: readonly string[],
    q: { start: string; end: string; metricTypes: readonly string[] }
  ): Promise<MultiPinAnalytics> {
    return this.call('GET', 'pins/analytics', multiPinAnalyticsSchema, {
      query: {
        pin_ids: pinIds,
        start_date: q.start,
        end_date: q.end,
        metric_types: q.metricTypes.join(','),
      },
    });
  }

  /** `GET /v5/terms/suggested` (ads:read, ads_read): popular searches beginning with `term`. */
  suggestedTerms(term: string, limit = 10): Promise<string[]> {
    return this.call('GET', 'terms/suggested', suggestedTermsSchema, { query: { term, limit } });
  }

  /** `GET /v5/terms/related` (ads:read, ads_read): terms related to each of `terms`. */
  relatedTerms(terms: readonly string[]): Promise<RelatedTerms> {
    return this.call('GET', 'terms/related', relatedTermsSchema, { query: { terms } });
  }

  /**
   * `GET /v5/trends/keywords/{region}/top/{trend_type}` (user_accounts:read, trends_read; Pinterest
   * may refuse it to apps without partner access).
   */
  trendingKeywords(
    region: string,
    trendType: 'growing' | 'monthly' | 'yearly' | 'seasonal',
    q: { includeKeywords?: readonly string[]; limit?: number } = {}
  ): Promise<TrendingKeywords> {
    return this.call(
      'GET',
      `trends/keywords/${encodeURIComponent(region)}/top/${trendType}`,
      trendingKeywordsSchema,
      {
        query: {
          ...(q.includeKeywords?.length && { include_keywords: q.includeKeywords }),
          limit: q.limit,
        },
      }
    );
  }

  listBoards(bookmark?: string, pageSize = 250) {
    return this.call('GET', 'boards', paginated(boardSchema), {
      query: { bookmark, page_size: pageSize },
    });
  }

  /** Every board, following the bookmark until Pinterest says there is no next page. */
  async listAllBoards(): Promise<Board[]> {
    return this.collect((bookmark) => this.listBoards(bookmark));
  }

  createBoard(body: {
    name: string;
    description?: string;
    privacy?: 'PUBLIC' | 'SECRET';
  }): Promise<Board> {
    return this.call('POST', 'boards', boardSchema, { body });
  }

  listBoardSections(boardId: string, bookmark?: string) {
    return this.call(
      'GET',
      `boards/${encodeURIComponent(boardId)}/sections`,
      paginated(boardSectionSchema),
      {
        query: { bookmark, page_size: 250 },
      }
    );
  }

  async listAllBoardSections(boardId: string): Promise<BoardSection[]> {
    return this.collect((bookmark) => this.listBoardSections(boardId, bookmark));
  }

  /**
   * One page of a board's pins, used to find a pin whose creation outcome was unknown. The spec
   * documents no order, nor whether pins in the board's sections are included.
   */
  listBoardPins(boardId: string, pageSize = 100, bookmark?: string) {
    return this.call('GET', `boards/${encodeURIComponent(boardId)}/pins`, paginated(pinSchema), {
      query: { page_size: pageSize, bookmark },
    });
  }

  /** One page of a board section's pins (order undocumented, like the board's). */
  listBoardSectionPins(boardId: string, sectionId: string, pageSize = 100, bookmark?: string) {
    return this.call(
      'GET',
      `boards/${encodeURIComponent(boardId)}/sections/${encodeURIComponent(sectionId)}/pins`,
      paginated(pinSchema),
      { query: { page_size: pageSize, bookmark } }
    );
  }

  /**
   * `POST /v5/pins`. `beforeSend` runs right before the request leaves (after any wait for a
   * rate-limit turn or a token refresh) and may throw to stop it: the job's fence.
   */
  createPin(body: PinCreateBody, opts: { beforeSend?: () => void } = {}): Promise<Pin> {
    return this.call('POST', 'pins', pinSchema, { body, beforeSend: opts.beforeSend });
  }

  getPin(pinId: string): Promise<Pin> {
    return this.call('GET', `pins/${encodeURIComponent(pinId)}`, pinSchema);
  }

  /** `PATCH /v5/pins/{id}` (beta: some apps are refused, see classify-error). */
  updatePin(pinId: string, body: PinUpdateBody): Promise<Pin> {
    return this.call('PATCH', `pins/${encodeURIComponent(pinId)}`, pinSchema, { body });
  }

  /** `DELETE /v5/pins/{id}`: resolves true when deleted, false when it was already gone. */
  async deletePin(pinId: string): Promise<boolean> {
    try {
      await this.call('DELETE', `pins/${encodeURIComponent(pinId)}`, z.unknown());
      return true;
    } catch (e) {
      if (e instanceof PinError && e.code === 'PIN_NOT_FOUND') return false;
      throw e;
    }
  }

  /** `POST /v5/media`: registers a video upload and returns the upload URL and its parameters. */
  registerMedia(): Promise<MediaUpload> {
    return this.call('POST', 'media', mediaUploadSchema, { body: { media_type: 'video' } });
  }

  getMedia(mediaId: string): Promise<MediaStatus> {
    return this.call('GET', `media/${encodeURIComponent(mediaId)}`, mediaStatusSchema);
  }

  private async collect<T>(
    page: (bookmark?: string) => Promise<{ items: T[]; bookmark?: string | null }>
  ): Promise<T[]> {
    const all: T[] = [];
    let bookmark: string | undefined;
    for (let guard = 0; guard < 1000; guard += 1) {
      const res = await page(bookmark);
      all.push(...res.items);
      if (!res.bookmark) return all;
      bookmark = res.bookmark;
    }
    return all;
  }

  private async call<S extends z.ZodTypeAny>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    schema: S,
    opts: SendOptions = {}
  ): Promise<z.infer<S>> {
    try {
      return await this.send(method, path, schema, opts);
    } catch (e) {
      const unauthorized =
        e instanceof PinError && e.code === 'UNAUTHORIZED' && e.pinterestCode === 2;
      if (unauthorized && this.options.onUnauthorized && (await this.options.onUnauthorized())) {
        return this.send(method, path, schema, opts);
      }
      throw e;
    }
  }

  private async send<S extends z.ZodTypeAny>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    schema: S,
    opts: SendOptions
  ): Promise<z.infer<S>> {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (Array.isArray(v))
        for (const item of v as readonly string[]) url.searchParams.append(k, item);
      else if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const token = await this.options.getAccessToken();
    await this.options.beforeRequest?.(method, url.pathname);
    opts.beforeSend?.();
    const started = Date.now();
    let res;
    try {
      res = await request(url, {
        method,
        dispatcher: this.agent,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'user-agent': USER_AGENT,
          ...(opts.body !== undefined && { 'content-type': 'application/json' }),
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      });
    } catch (e) {
      throw networkError(e, method);
    }
    const text = await res.body.text().catch(() => '');
    const requestId = firstHeader(res.headers['x-pinterest-rid']);
    this.options.onResponse?.({
      method,
      path: url.pathname,
      status: res.statusCode,
      requestId,
      durationMs: Date.now() - started,
    });
    const json = parseJson(text);
    if (res.statusCode < 200 || res.statusCode >= 300) {
      throw classifyPinterestError(res.statusCode, json, res.headers);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new PinError(
        'UNEXPECTED_RESPONSE',
        `Pinterest's answer to ${method} /${path} did not have the expected shape.`,
        {
          httpStatus: res.statusCode,
        }
      );
    }
    return parsed.data;
  }
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function networkError(e: unknown, method: string): PinError {
  const code = (e as { code?: string })?.code ?? '';
  const cause = (e as { cause?: { code?: string } })?.cause?.code ?? '';
  if (e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.BodyTimeoutError) {
    return new PinError('TIMEOUT', 'Pinterest did not answer in time.', {
      outcomeUnknown: method !== 'GET',
    });
  }
  if (e instanceof undiciErrors.ConnectTimeoutError) {
    return new PinError('TIMEOUT', 'Could not connect to Pinterest in time.', {
      outcomeUnknown: false,
    });
  }
  const notSent = NOT_SENT_CODES.has(code) || NOT_SENT_CODES.has(cause);
  return new PinError(
    'PINTEREST_UNREACHABLE',
    `Pinterest could not be reached (${code || cause || 'network error'}).`,
    {
      outcomeUnknown: !notSent && method !== 'GET',
    }
  );
}
