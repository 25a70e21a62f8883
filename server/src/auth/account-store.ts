import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { PinErrorDTO } from '../../../common/wire';
import { ACCOUNT_UID } from '../content-types';
import { dbNumber, dbNumberOrNull, dbPinError, dbText } from '../utils/db-columns';
import type { Account } from '../pinterest/schemas';
import type { TokenResponse } from './oauth-client';
import { parseScopes } from './scopes';
import { decryptToken, encryptToken, type TokenKeys } from './token-crypto';
import { createRecentReads } from '../utils/recent-reads';

/** How long the pin path may use an account row this instance read (see `recentById`). */
export const ACCOUNT_ROW_TTL_MS = 1000;

/** The account row as the store reads it; tokens stay sealed until `accessToken()` opens one. */
const accountRowSchema = z.object({
  id: dbNumber,
  environment: z.string(),
  /**
   * Stable name of the account in its environment: what its sealed tokens are bound to and what
   * its rate budget rows are named after. The single account of an install made before several
   * accounts has none until the migration: its environment, as it always had.
   */
  accountKey: dbText,
  isDefault: z
    .boolean()
    .nullish()
    .transform((v) => v === true),
  status: z.enum(['connected', 'reconnect_required', 'disconnected']),
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
export type AccountRow = Omit<z.infer<typeof accountRowSchema>, 'accountKey'> & {
  accountKey: string;
};
export type AccountStatus = AccountRow['status'];

const normalise = (row: unknown): AccountRow => {
  const parsed = accountRowSchema.parse(row);
  return { ...parsed, accountKey: parsed.accountKey ?? parsed.environment };
};

/**
 * The key of an account connected after the environment's first one: its environment and
 * Pinterest user id. The first account is named after its environment, as the single account of
 * an install made before several accounts always was (its tokens and budgets use that name).
 */
export const newAccountKey = (environment: string, pinterestUserId: string) =>
  `${environment}:${pinterestUserId}`;

type TokenField = 'accessToken' | 'refreshToken';

/**
 * Associated data of a sealed token: the row (its account key) and the field, so a value copied
 * into another row or field does not open.
 */
export const tokenPlace = (accountKey: string, field: TokenField) =>
  `${ACCOUNT_UID}:${accountKey}:${field}`;

function tokenFields(
  accountKey: string,
  tokens: TokenResponse,
  key: Buffer,
  now: number,
  previousRefresh: string | null
) {
  // a refresh answer always carries a new refresh token: keep it, it replaces the old one
  const refresh = tokens.refresh_token ?? previousRefresh;
  return {
    accessToken: encryptToken(tokens.access_token, key, tokenPlace(accountKey, 'accessToken')),
    refreshToken: refresh
      ? encryptToken(refresh, key, tokenPlace(accountKey, 'refreshToken'))
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

/**
 * The connected accounts of each environment, tokens encrypted at rest. An account is named by its
 * row id everywhere (pin records, jobs, posts, analytics); one account per environment is the
 * default (marked, else the first connected).
 */
export function createAccountStore(
  strapi: Core.Strapi,
  getKeys: () => TokenKeys,
  opts: { rowTtlMs?: number; now?: () => number } = {}
) {
  const q = () => strapi.db.query(ACCOUNT_UID);
  const byId = async (id: number): Promise<AccountRow | null> => {
    const row: unknown = await q().findOne({ where: { id } });
    return row ? normalise(row) : null;
  };
  const recent = createRecentReads<AccountRow | null>(
    opts.rowTtlMs ?? ACCOUNT_ROW_TTL_MS,
    opts.now
  );
  /** A write through this store: what was read before it is read again. */
  const changing = <T>(write: () => Promise<T>): Promise<T> => recent.writing(write);
  /** Every account of the environment, disconnected ones too, first connected first. */
  const list = async (environment: string): Promise<AccountRow[]> => {
    const rows: unknown[] = await q().findMany({ where: { environment }, orderBy: { id: 'asc' } });
    return rows.map(normalise);
  };
  /** The default account: the one marked, else the first one still connected (or waiting). */
  const defaultOf = async (environment: string): Promise<AccountRow | null> => {
    // one row when an account is marked (every pin asks: with 50 accounts, 50 rows read and
    // parsed each time); the whole list only when none is
    const marked: unknown = await q().findOne({
      where: { environment, isDefault: true, status: { $ne: 'disconnected' } },
      orderBy: { id: 'asc' },
    });
    if (marked) return normalise(marked);
    const live = (await list(environment)).filter((r) => r.status !== 'disconnected');
    return live.find((r) => r.isDefault) ?? live[0] ?? null;
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
    const place = tokenPlace(row.accountKey, field);
    const opened = decryptToken(sealed, keys, place);
    if (opened.stale) {
      await changing(() =>
        q().updateMany({
          where: { id: row.id, [field]: sealed },
          data: { [field]: encryptToken(opened.value, keys.current, place) },
        })
      );
    }
    return opened.value;
  }

  return {
    /** The default account of the environment (what a job without an account uses). */
    get: defaultOf,
    byId,
    list,

    /**
     * The pin path's reads (every request asks for its account's token): the row as read at most
     * ACCOUNT_ROW_TTL_MS ago by this instance, read again at once after any write through this
     * store. Another instance's change (a disconnect, a refresh) is seen within that time; a token
     * it replaced answers 401 meanwhile, and the refresh that follows reads the row afresh.
     */
    recentById: (id: number) => recent.read(`id:${id}`, () => byId(id)),
    /** Drops the recent reads (a token was refused: the row may have changed elsewhere). */
    forgetRecent: () => recent.forget(),
    recentDefault: (environment: string) =>
      recent.read(`default:${environment}`, () => defaultOf(environment)),

    /**
     * Stores a connection: the same Pinterest user again updates its account (a reconnect, its id
     * kept); another user adds an account. The first account of an environment is its default.
     */
    async saveConnection(
      environment: string,
      input: { tokens: TokenResponse; account: Account; adminUserId: number; now: number }
    ): Promise<AccountRow> {
      return changing(async () => {
        const key = getKeys().current;
        const all = await list(environment);
        const userId = input.account.id ?? null;
        const existing =
          all.find((r) => userId !== null && r.pinterestUserId === userId) ??
          // an account stored without its user id is the same one when the username matches
          all.find((r) => r.pinterestUserId === null && r.username === input.account.username);
        // the environment's first account is named after it (as the only account always was)
        const accountKey =
          existing?.accountKey ??
          (all.some((r) => r.accountKey === environment)
            ? newAccountKey(environment, userId ?? `@${input.account.username}`)
            : environment);
        const data = {
          environment,
          accountKey,
          status: 'connected' as const,
          pinterestUserId: userId,
          username: input.account.username,
          accountType: input.account.account_type ?? null,
          businessName: input.account.business_name ?? null,
          profileImage: input.account.profile_image ?? null,
          scopes: parseScopes(input.tokens.scope),
          ...tokenFields(accountKey, input.tokens, key, input.now, null),
          connectedAt: input.now,
          lastRefreshAt: input.now,
          lastError: null,
          connectedBy: input.adminUserId,
          refreshLeaseOwner: null,
          refreshLeaseUntil: null,
        };
        const hasDefault = all.some((r) => r.isDefault && r.status !== 'disconnected');
        const row: unknown = existing
          ? await q().update({ where: { id: existing.id }, data })
          : await q().create({ data: { ...data, isDefault: !hasDefault } });
        if (!hasDefault && existing)
          await q().update({ where: { id: existing.id }, data: { isDefault: true } });
        return (await byId(normalise(row).id))!;
      });
    },

    async saveRefresh(id: number, tokens: TokenResponse, now: number): Promise<AccountRow> {
      return changing(async () => {
        const key = getKeys().current;
        const existing = await byId(id);
        if (!existing) throw new Error('no account to refresh');
        const previousRefresh = tokens.refresh_token ? null : await open(existing, 'refreshToken');
        const row: unknown = await q().update({
          where: { id: existing.id },
          data: {
            ...tokenFields(existing.accountKey, tokens, key, now, previousRefresh),
            status: 'connected',
            lastRefreshAt: now,
            lastError: null,
          },
        });
        return normalise(row);
      });
    },

    async markReconnectRequired(id: number, error: PinErrorDTO): Promise<void> {
      return changing(async () => {
        await q().updateMany({
          where: { id, status: { $ne: 'disconnected' } },
          data: { status: 'reconnect_required', lastError: error },
        });
      });
    },

    async recordError(id: number, error: PinErrorDTO): Promise<void> {
      return changing(async () => {
        await q().updateMany({ where: { id }, data: { lastError: error } });
      });
    },

    /** Forgets an account and its tokens (an install's only account: today's disconnect). */
    async remove(id: number): Promise<void> {
      return changing(async () => {
        await q().deleteMany({ where: { id } });
      });
    },

    /**
     * Disconnects one account: its tokens are dropped, the row stays (its pins, stats and jobs
     * keep naming it); another account becomes the default when it was.
     */
    async disconnect(id: number): Promise<void> {
      return changing(async () => {
        await q().updateMany({
          where: { id },
          data: {
            status: 'disconnected',
            accessToken: null,
            refreshToken: null,
            isDefault: false,
            refreshLeaseOwner: null,
            refreshLeaseUntil: null,
          },
        });
      });
    },

    /** Makes one account the environment's default. */
    async setDefault(environment: string, id: number): Promise<boolean> {
      return changing(async () => {
        const target = await byId(id);
        if (!target || target.environment !== environment || target.status === 'disconnected')
          return false;
        await q().updateMany({
          where: { environment, id: { $ne: id } },
          data: { isDefault: false },
        });
        await q().updateMany({ where: { id }, data: { isDefault: true } });
        return true;
      });
    },

    /** One refresh of an account at a time across every Strapi instance: a lease on its row. */
    async acquireRefreshLease(
      id: number,
      owner: string,
      ttlMs: number,
      now: number
    ): Promise<boolean> {
      return changing(async () => {
        const { count } = await q().updateMany({
          where: {
            id,
            $or: [{ refreshLeaseUntil: { $null: true } }, { refreshLeaseUntil: { $lt: now } }],
          },
          data: { refreshLeaseOwner: owner, refreshLeaseUntil: now + ttlMs },
        });
        return count === 1;
      });
    },

    async releaseRefreshLease(id: number, owner: string): Promise<void> {
      return changing(async () => {
        await q().updateMany({
          where: { id, refreshLeaseOwner: owner },
          data: { refreshLeaseOwner: null, refreshLeaseUntil: null },
        });
      });
    },

    /** The access token, opened (re-sealed first when stale). Throws `TokenKeyError`. */
    accessTokenOf: (row: AccountRow): Promise<string | null> => open(row, 'accessToken'),

    /** The refresh token, opened (re-sealed first when stale). Throws `TokenKeyError`. */
    refreshTokenOf: (row: AccountRow): Promise<string | null> => open(row, 'refreshToken'),
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;
