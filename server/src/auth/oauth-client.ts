import { request } from 'undici';
import { z } from 'zod';
import { USER_AGENT } from '../pinterest/user-agent';

/**
 * Token endpoint answers (OauthAccessTokenResponse*): refresh answers always carry a new refresh
 * token.
 */
export const tokenResponseSchema = z
  .object({
    access_token: z.string().min(1),
    refresh_token: z.string().min(1).optional(),
    token_type: z.string(),
    expires_in: z.number().int().positive(),
    refresh_token_expires_in: z.number().int().positive().optional(),
    refresh_token_expires_at: z.number().int().positive().optional(),
    scope: z.string().default(''),
  })
  .loose();
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export class OAuthError extends Error {
  constructor(
    message: string,
    readonly httpStatus?: number,
    readonly pinterestCode?: number,
    /** True when the refresh token itself is rejected: only a reconnect helps. */
    readonly needsReconnect = false
  ) {
    super(message);
    this.name = 'OAuthError';
  }
}

export interface OAuthClientOptions {
  apiUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
  /** Send `continuous_refresh=true` with the code exchange (apps created before 2025-09-25). */
  continuousRefresh?: boolean;
}

/**
 * `POST /v5/oauth/token` exactly as Pinterest specifies: HTTP Basic auth with the app id and
 * secret,
 * a form-encoded body, never the credentials in the body (PINTEREST.md §1.2).
 */
export function createOAuthClient(opts: OAuthClientOptions) {
  const tokenUrl = new URL(
    'oauth/token',
    opts.apiUrl.endsWith('/') ? opts.apiUrl : `${opts.apiUrl}/`
  );
  const basic = Buffer.from(`${opts.appId}:${opts.appSecret}`, 'utf8').toString('base64');

  async function post(form: Record<string, string>): Promise<TokenResponse> {
    let res;
    try {
      res = await request(tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'user-agent': USER_AGENT,
        },
        body: new URLSearchParams(form).toString(),
        headersTimeout: opts.timeoutMs ?? 15_000,
        bodyTimeout: opts.timeoutMs ?? 15_000,
      });
    } catch (e) {
      throw new OAuthError(
        `Pinterest could not be reached to exchange tokens (${(e as { code?: string }).code ?? 'network error'}).`
      );
    }
    const text = await res.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const body = (json ?? {}) as { code?: number; message?: string };
      const said = body.message
        ? `Pinterest said: “${body.message}”`
        : `Pinterest answered HTTP ${res.statusCode}`;
      throw new OAuthError(
        said,
        res.statusCode,
        body.code,
        res.statusCode === 400 || res.statusCode === 401
      );
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success)
      throw new OAuthError(
        'Pinterest’s token answer did not have the expected shape.',
        res.statusCode
      );
    return parsed.data;
  }

  return {
    /**
     * The spec's request schema (OauthAccessTokenRequestCode) has `grant_type`, `code` and
     * `redirect_uri` only; `continuous_refresh=true` is sent only when configured, for apps created
     * before 2025-09-25 (which the operation's description tells to send it).
     */
    exchangeCode(code: string, redirectUri: string) {
      return post({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        ...(opts.continuousRefresh && { continuous_refresh: 'true' }),
      });
    },
    refresh(refreshToken: string) {
      return post({ grant_type: 'refresh_token', refresh_token: refreshToken });
    },
  };
}

export type OAuthClient = ReturnType<typeof createOAuthClient>;
