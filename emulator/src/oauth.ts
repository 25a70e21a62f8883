/**
 * POST /v5/oauth/token (Basic client auth, form body; grants authorization_code, refresh_token,
 * client_credentials) and POST /v5/oauth/token/revoke, plus token issuing shared with the control
 * API.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, authFailed, invalid, notPermitted } from './api-error';
import type { Answer, HandlerContext } from './handlers/context';
import { parseScopeList, type EmulatorState, type OAuthApp } from './state';

export const CODE_TTL_MS = 10 * 60 * 1000;

const secret = (prefix: string) => `${prefix}_${randomBytes(24).toString('base64url')}`;

export interface IssueOptions {
  userId: string;
  clientId: string | null;
  scopes: string[];
  now: number;
  responseType: 'authorization_code' | 'refresh_token' | 'client_credentials';
  /** Use this access token string instead of a random one. */
  accessToken?: string;
  accessTtlSeconds?: number;
  withRefresh?: boolean;
}

/** Issues an access token (and a refresh token) and answers Pinterest's token JSON. */
export function issueTokens(state: EmulatorState, o: IssueOptions) {
  const ttl = o.accessTtlSeconds ?? state.flags.accessTokenTtlSeconds;
  const access = o.accessToken ?? secret(o.responseType === 'client_credentials' ? 'pinc' : 'pina');
  state.tokens.set(access, {
    token: access,
    kind: 'access',
    userId: o.userId,
    clientId: o.clientId,
    scopes: o.scopes,
    expiresAt: o.now + ttl * 1000,
    revoked: false,
  });
  const base = {
    access_token: access,
    token_type: 'bearer',
    expires_in: ttl,
    scope: o.scopes.join(' '),
    response_type: o.responseType,
  };
  if (o.withRefresh === false) return base;
  const refresh = secret('pinr');
  const refreshTtl = state.flags.refreshTokenTtlSeconds;
  const refreshExpires = o.now + refreshTtl * 1000;
  state.tokens.set(refresh, {
    token: refresh,
    kind: 'refresh',
    userId: o.userId,
    clientId: o.clientId,
    scopes: o.scopes,
    expiresAt: refreshExpires,
    revoked: false,
  });
  return {
    ...base,
    refresh_token: refresh,
    refresh_token_expires_in: refreshTtl,
    refresh_token_expires_at: Math.floor(refreshExpires / 1000),
  };
}

/**
 * The app named by a strict `Authorization: Basic base64(client_id:client_secret)` header, or 401
 * code 2.
 */
export function basicClient(state: EmulatorState, header: string | string[] | undefined): OAuthApp {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(value ?? '');
  if (!match) throw authFailed();
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (
    i < 0 ||
    decoded.slice(0, i) !== state.app.client_id ||
    decoded.slice(i + 1) !== state.app.client_secret
  )
    throw authFailed();
  return state.app;
}

/**
 * POST /v5/oauth/token. The pipeline has already checked the Basic header and the form body's
 * shape.
 */
export function tokenEndpoint(ctx: HandlerContext): Answer {
  const { state, body } = ctx;
  const app = state.app;
  // client credentials belong in the Basic header, never in the body
  if ('client_id' in body || 'client_secret' in body) throw authFailed();
  const now = ctx.now().getTime();
  switch (body.grant_type) {
    case 'authorization_code': {
      const code = state.codes.get(String(body.code));
      if (
        !code ||
        code.used ||
        code.expiresAt <= now ||
        code.clientId !== app.client_id ||
        code.redirectUri !== body.redirect_uri
      )
        throw authFailed();
      code.used = true;
      return {
        status: 200,
        body: issueTokens(state, {
          userId: code.userId,
          clientId: app.client_id,
          scopes: code.scopes,
          now,
          responseType: 'authorization_code',
        }),
      };
    }
    case 'refresh_token': {
      const old = state.tokens.get(String(body.refresh_token));
      if (
        !old ||
        old.kind !== 'refresh' ||
        old.revoked ||
        old.clientId !== app.client_id ||
        (old.expiresAt !== null && old.expiresAt <= now)
      )
        throw authFailed();
      const scopes = body.scope !== undefined ? parseScopeList(body.scope) : old.scopes;
      if (!scopes.length || scopes.some((s) => !old.scopes.includes(s)))
        throw invalid('scope must be a subset of the scopes granted');
      // continuous refresh: every refresh returns a new refresh token, the old one stops working
      old.revoked = true;
      return {
        status: 200,
        body: issueTokens(state, {
          userId: old.userId,
          clientId: app.client_id,
          scopes,
          now,
          responseType: 'refresh_token',
        }),
      };
    }
    case 'client_credentials': {
      const scopes = parseScopeList(body.scope);
      if (!scopes.length) throw invalid('scope is required');
      return {
        status: 200,
        body: issueTokens(state, {
          userId: state.user.id,
          clientId: app.client_id,
          scopes,
          now,
          responseType: 'client_credentials',
          withRefresh: false,
        }),
      };
    }
    default:
      throw invalid(
        'grant_type must be equal to one of the allowed values: authorization_code, refresh_token, client_credentials'
      );
  }
}

/**
 * POST /v5/oauth/token/revoke: "Only tokens issued for system users are currently supported"
 * (client credentials here).
 */
export function revokeEndpoint(ctx: HandlerContext): Answer {
  const rec = ctx.state.tokens.get(String(ctx.body.token));
  if (!rec || rec.clientId !== ctx.state.app.client_id || !rec.token.startsWith('pinc')) {
    if (rec && rec.clientId === ctx.state.app.client_id) throw notPermitted();
    throw new ApiError(401, 2, 'Authentication failed.');
  }
  rec.revoked = true;
  return { status: 200 };
}
