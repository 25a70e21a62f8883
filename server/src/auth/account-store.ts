import type { Core } from '@strapi/strapi';
import type { PinErrorDTO } from '../../../common/wire';
import { ACCOUNT_UID } from '../content-types';
import type { Account } from '../pinterest/schemas';
import type { TokenResponse } from './oauth-client';
import { parseScopes } from './scopes';
import { decryptToken, encryptToken } from './token-crypto';

export type AccountStatus = 'connected' | 'reconnect_required';

export interface AccountRow {
  id: number;
  environment: string;
  status: AccountStatus;
  pinterestUserId: string | null;
  username: string | null;
  accountType: string | null;
  businessName: string | null;
  profileImage: string | null;
  scopes: string[];
  accessToken: string | null;
  refreshToken: string | null;
  accessTokenExpiresAt: number | null;
  refreshTokenExpiresAt: number | null;
  connectedAt: number | null;
  lastRefreshAt: number | null;
  lastError: PinErrorDTO | null;
  connectedBy: number | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function normalise(row: Record<string, unknown>): AccountRow {
  return {
    ...(row as unknown as AccountRow),
    scopes: Array.isArray(row.scopes) ? (row.scopes as string[]) : [],
    accessTokenExpiresAt: num(row.accessTokenExpiresAt),
    refreshTokenExpiresAt: num(row.refreshTokenExpiresAt),
    connectedAt: num(row.connectedAt),
    lastRefreshAt: num(row.lastRefreshAt),
    connectedBy: num(row.connectedBy),
  };
}

function tokenFields(
  tokens: TokenResponse,
  key: Buffer,
  now: number,
  previousRefresh: string | null
) {
  return {
    accessToken: encryptToken(tokens.access_token, key),
    // a refresh answer always carries a new refresh token: keep it, it replaces the old one
    refreshToken: tokens.refresh_token ? encryptToken(tokens.refresh_token, key) : previousRefresh,
    accessTokenExpiresAt: now + tokens.expires_in * 1000,
    ...(tokens.refresh_token_expires_at
      ? { refreshTokenExpiresAt: tokens.refresh_token_expires_at * 1000 }
      : tokens.refresh_token_expires_in
        ? { refreshTokenExpiresAt: now + tokens.refresh_token_expires_in * 1000 }
        : {}),
    ...(tokens.scope && { scopes: parseScopes(tokens.scope) }),
  };
}

/** The connected account per environment, tokens encrypted at rest. */
export function createAccountStore(strapi: Core.Strapi, getKey: () => Buffer) {
  const q = () => strapi.db.query(ACCOUNT_UID);

  return {
    async get(environment: string): Promise<AccountRow | null> {
      const row = await q().findOne({ where: { environment } });
      return row ? normalise(row) : null;
    },

    /** Stores a new connection (replacing any previous one for the environment). */
    async saveConnection(
      environment: string,
      input: { tokens: TokenResponse; account: Account; adminUserId: number; now: number }
    ): Promise<AccountRow> {
      const key = getKey();
      const data = {
        environment,
        status: 'connected' as const,
        pinterestUserId: input.account.id ?? null,
        username: input.account.username,
        accountType: input.account.account_type ?? null,
        businessName: input.account.business_name ?? null,
        profileImage: input.account.profile_image ?? null,
        scopes: parseScopes(input.tokens.scope),
        ...tokenFields(input.tokens, key, input.now, null),
        connectedAt: input.now,
        lastRefreshAt: input.now,
        lastError: null,
        connectedBy: input.adminUserId,
        refreshLeaseOwner: null,
        refreshLeaseUntil: null,
      };
      const existing = await q().findOne({ where: { environment } });
      const row = existing
        ? await q().update({ where: { id: existing.id }, data })
        : await q().create({ data });
      return normalise(row);
    },

    async saveRefresh(
      environment: string,
      tokens: TokenResponse,
      now: number
    ): Promise<AccountRow> {
      const key = getKey();
      const existing = await q().findOne({ where: { environment } });
      if (!existing) throw new Error('no account to refresh');
      const row = await q().update({
        where: { id: existing.id },
        data: {
          ...tokenFields(tokens, key, now, existing.refreshToken ?? null),
          status: 'connected',
          lastRefreshAt: now,
          lastError: null,
        },
      });
      return normalise(row);
    },

    async markReconnectRequired(environment: string, error: PinErrorDTO): Promise<void> {
      await q().updateMany({
        where: { environment },
        data: { status: 'reconnect_required', lastError: error },
      });
    },

    async recordError(environment: string, error: PinErrorDTO): Promise<void> {
      await q().updateMany({ where: { environment }, data: { lastError: error } });
    },

    async disconnect(environment: string): Promise<void> {
      await q().deleteMany({ where: { environment } });
    },

    /** One refresh at a time across every Strapi instance: a lease on the account row. */
    async acquireRefreshLease(
      environment: string,
      owner: string,
      ttlMs: number,
      now: number
    ): Promise<boolean> {
      const { count } = await q().updateMany({
        where: {
          environment,
          $or: [{ refreshLeaseUntil: { $null: true } }, { refreshLeaseUntil: { $lt: now } }],
        },
        data: { refreshLeaseOwner: owner, refreshLeaseUntil: now + ttlMs },
      });
      return count === 1;
    },

    async releaseRefreshLease(environment: string, owner: string): Promise<void> {
      await q().updateMany({
        where: { environment, refreshLeaseOwner: owner },
        data: { refreshLeaseOwner: null, refreshLeaseUntil: null },
      });
    },

    accessTokenOf(row: AccountRow): string | null {
      return row.accessToken ? decryptToken(row.accessToken, getKey()) : null;
    },

    refreshTokenOf(row: AccountRow): string | null {
      return row.refreshToken ? decryptToken(row.refreshToken, getKey()) : null;
    },
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;
