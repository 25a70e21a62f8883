import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { PinErrorDTO } from '../../../common/wire';
import { ACCOUNT_UID } from '../content-types';
import { dbNumber, dbNumberOrNull, dbPinError, dbText } from '../utils/db-columns';
import type { Account } from '../pinterest/schemas';
import type { TokenResponse } from './oauth-client';
import { parseScopes } from './scopes';
import { decryptToken, encryptToken, type TokenKeys } from './token-crypto';

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

type TokenField = 'accessToken' | 'refreshToken';

/**
 * Associated data of a sealed token: the row (its environment: one account per environment) and
 * the field, so a value copied into another row or field does not open.
 */
export const tokenPlace = (environment: string, field: TokenField) =>
  `${ACCOUNT_UID}:${environment}:${field}`;

function tokenFields(
  environment: string,
  tokens: TokenResponse,
  key: Buffer,
  now: number,
  previousRefresh: string | null
) {
  // a refresh answer always carries a new refresh token: keep it, it replaces the old one
  const refresh = tokens.refresh_token ?? previousRefresh;
  return {
    accessToken: encryptToken(tokens.access_token, key, tokenPlace(environment, 'accessToken')),
    refreshToken: refresh
      ? encryptToken(refresh, key, tokenPlace(environment, 'refreshToken'))
      : null,
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
export function createAccountStore(strapi: Core.Strapi, getKeys: () => TokenKeys) {
  const q = () => strapi.db.query(ACCOUNT_UID);
  const find = async (environment: string): Promise<AccountRow | null> => {
    const row: unknown = await q().findOne({ where: { environment } });
    return row ? normalise(row) : null;
  };

  /**
   * Opens one sealed field. A value in the old format or under the previous key is sealed again
   * with the current key (only if the row still holds that value: a concurrent refresh wins).
   * Throws `TokenKeyError` when no configured key opens it.
   */
  async function open(row: AccountRow, field: TokenField): Promise<string | null> {
    const sealed = row[field];
    if (!sealed) return null;
    const keys = getKeys();
    const place = tokenPlace(row.environment, field);
    const opened = decryptToken(sealed, keys, place);
    if (opened.stale) {
      await q().updateMany({
        where: { id: row.id, [field]: sealed },
        data: { [field]: encryptToken(opened.value, keys.current, place) },
      });
    }
    return opened.value;
  }

  return {
    get: find,

    /** Stores a new connection (replacing any previous one for the environment). */
    async saveConnection(
      environment: string,
      input: { tokens: TokenResponse; account: Account; adminUserId: number; now: number }
    ): Promise<AccountRow> {
      const key = getKeys().current;
      const data = {
        environment,
        status: 'connected' as const,
        pinterestUserId: input.account.id ?? null,
        username: input.account.username,
        accountType: input.account.account_type ?? null,
        businessName: input.account.business_name ?? null,
        profileImage: input.account.profile_image ?? null,
        scopes: parseScopes(input.tokens.scope),
        ...tokenFields(environment, input.tokens, key, input.now, null),
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
      const key = getKeys().current;
      const existing = await find(environment);
      if (!existing) throw new Error('no account to refresh');
      const previousRefresh = tokens.refresh_token ? null : await open(existing, 'refreshToken');
      const row: unknown = await q().update({
        where: { id: existing.id },
        data: {
          ...tokenFields(environment, tokens, key, now, previousRefresh),
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

    /** The access token, opened (re-sealed first when stale). Throws `TokenKeyError`. */
    accessTokenOf: (row: AccountRow): Promise<string | null> => open(row, 'accessToken'),

    /** The refresh token, opened (re-sealed first when stale). Throws `TokenKeyError`. */
    refreshTokenOf: (row: AccountRow): Promise<string | null> => open(row, 'refreshToken'),
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;
