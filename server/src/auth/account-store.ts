import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { PinErrorDTO } from '../../../common/wire';
import { ACCOUNT_UID } from '../content-types';
import { dbNumber, dbNumberOrNull, dbPinError, dbText } from '../utils/db-columns';
import type { Account } from '../pinterest/schemas';
import type { TokenResponse } from './oauth-client';
import { parseScopes } from './scopes';
import { decryptToken, encryptToken } from './token-crypto';

/** The account row as the store reads it; tokens stay sealed until `accessToken()` opens one. */
const accountRowSchema = z.object({
  id: dbNumber,
  environment: z.string(),
  status: z.enum(['connected', 'reconnect_required']),
  pinterestUserId: dbText,
  username: dbText,
  accountType: dbText,
  businessName: dbText,
  profileImage: dbText,
  scopes: z
    .array(z.string())
    .nullish()
    .catch(null)
    .transform((v) => v ?? []),
  accessToken: dbText,
  refreshToken: dbText,
  accessTokenExpiresAt: dbNumberOrNull,
  refreshTokenExpiresAt: dbNumberOrNull,
  connectedAt: dbNumberOrNull,
  lastRefreshAt: dbNumberOrNull,
  lastError: dbPinError,
  connectedBy: dbNumberOrNull,
});
export type AccountRow = z.infer<typeof accountRowSchema>;
export type AccountStatus = AccountRow['status'];

const normalise = (row: unknown): AccountRow => accountRowSchema.parse(row);

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
  const find = async (environment: string): Promise<AccountRow | null> => {
    const row: unknown = await q().findOne({ where: { environment } });
    return row ? normalise(row) : null;
  };

  return {
    get: find,

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
      const existing = await find(environment);
      const row: unknown = existing
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
      const existing = await find(environment);
      if (!existing) throw new Error('no account to refresh');
      const row: unknown = await q().update({
        where: { id: existing.id },
        data: {
          ...tokenFields(tokens, key, now, existing.refreshToken),
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
