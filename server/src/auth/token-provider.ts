import { PinError } from '../errors/pin-error';
import type { AccountRow, AccountStore } from './account-store';
import { OAuthError, type OAuthClient } from './oauth-client';
import { needsRefresh } from './refresh-schedule';
import { TokenKeyError } from './token-crypto';

export interface TokenProviderOptions {
  accounts: AccountStore;
  environment: string;
  /** The account's row id; null: the environment's default account (or the static token). */
  accountId?: number | null;
  /** Null when the app id/secret are not configured (then only a static token can work). */
  oauth: () => OAuthClient | null;
  /** A token from config/env (PINTEREST_ACCESS_TOKEN), used when no account is connected. */
  staticToken?: string;
  owner: string;
  now?: () => number;
  leaseMs?: number;
  log: { info(m: string): void; warn(m: string): void };
}

export type RefreshOutcome =
  'refreshed' | 'not-needed' | 'other-instance' | 'failed' | 'no-account';

/**
 * Only Pinterest refusing the grant itself (400/401 from the token endpoint, e.g. `invalid_grant`
 * or a revoked refresh token) means the account must be reconnected; an outage (5xx, 429, a
 * timeout, no network, an odd answer) is tried again later and the account stays connected.
 */
export const isDefiniteRefusal = (e: unknown): boolean =>
  e instanceof OAuthError && e.needsReconnect;

/**
 * Where pin jobs get their access token, and what keeps it fresh: the connected account's token
 * (decrypted on use), refreshed ahead of expiry by the schedule, once after a 401 code 2, and by
 * one
 * Strapi instance at a time. A refresh token Pinterest refuses marks the account "reconnect
 * required".
 */
export function createTokenProvider(opts: TokenProviderOptions) {
  const now = opts.now ?? Date.now;
  const leaseMs = opts.leaseMs ?? 60_000;
  const accountId = opts.accountId ?? null;
  /** The account's row (the default's when no account is named). */
  const load = (): Promise<AccountRow | null> =>
    accountId === null ? opts.accounts.get(opts.environment) : opts.accounts.byId(accountId);
  const reload = (row: AccountRow) => opts.accounts.byId(row.id);
  /** The pin path's read: the row as this instance read it a moment ago (see `recentById`). */
  const loadRecent = (): Promise<AccountRow | null> =>
    accountId === null
      ? opts.accounts.recentDefault(opts.environment)
      : opts.accounts.recentById(accountId);
  const named = (row: AccountRow | null) =>
    row?.username
      ? `the ${opts.environment} account @${row.username}`
      : `the ${opts.environment} account`;

  const reconnectError = (row: AccountRow | null) =>
    new PinError(
      'UNAUTHORIZED',
      `The Pinterest account${row?.username ? ` @${row.username}` : ''} must be reconnected: ${row?.lastError?.message ?? 'its token was refused.'}`,
      {
        advice:
          'Reconnect the Pinterest account in Settings → Pinterest; waiting pins will then go out by themselves.',
      }
    );

  const disconnectedError = (row: AccountRow) =>
    new PinError(
      'NOT_CONNECTED',
      `The Pinterest account @${row.username ?? row.accountKey} was disconnected; its pins wait until it is connected again.`,
      {
        advice:
          'Connect the account again in Settings → Pinterest, or choose another account for the entry.',
      }
    );

  async function waitForOtherRefresh(id: number, before: number | null): Promise<void> {
    for (let i = 0; i < 50; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      const row = await opts.accounts.byId(id);
      if (!row || row.lastRefreshAt !== before || row.status !== 'connected') return;
    }
  }

  /** The last refresh failure that was not a refusal (an outage): jobs retry, not reconnect. */
  let lastTransient: string | null = null;

  /** The stored tokens no key opens (the encryption key changed): only a reconnect helps. */
  async function markUnreadable(row: AccountRow, e: TokenKeyError): Promise<void> {
    await opts.accounts.markReconnectRequired(row.id, {
      code: 'RECONNECT_REQUIRED',
      message: e.message,
      advice:
        'Set the old key as PINTEREST_ENCRYPTION_KEY_PREVIOUS and restart, or reconnect the Pinterest account in Settings → Pinterest.',
      retryable: false,
    });
    opts.log.warn(`[pinterest] ${named(row)} must be reconnected: ${e.message}`);
  }

  /** Opens a stored token; unreadable tokens mark the account "reconnect required". */
  async function opened(
    read: () => Promise<string | null>,
    row: AccountRow
  ): Promise<string | null> {
    try {
      return await read();
    } catch (e) {
      if (!(e instanceof TokenKeyError)) throw e;
      await markUnreadable(row, e);
      throw reconnectError(await reload(row).catch(() => row));
    }
  }

  async function refresh(force: boolean, loaded?: AccountRow | null): Promise<RefreshOutcome> {
    const row = loaded === undefined ? await load() : loaded;
    if (!row || !row.refreshToken || row.status === 'disconnected') return 'no-account';
    if (row.status === 'reconnect_required') return 'failed';
    if (!force && !needsRefresh(row, now())) {
      // a stale seal (old format, previous key) is renewed by the hourly check too
      await opened(() => opts.accounts.refreshTokenOf(row), row).catch(() => undefined);
      await opened(() => opts.accounts.accessTokenOf(row), row).catch(() => undefined);
      return 'not-needed';
    }
    const oauth = opts.oauth();
    if (!oauth) {
      await opts.accounts.recordError(row.id, {
        code: 'NOT_CONFIGURED',
        message:
          'The token cannot be refreshed: the Pinterest app id and secret are not configured.',
        advice: 'Set PINTEREST_APP_ID and PINTEREST_APP_SECRET.',
        retryable: false,
      });
      return 'failed';
    }
    if (!(await opts.accounts.acquireRefreshLease(row.id, opts.owner, leaseMs, now()))) {
      await waitForOtherRefresh(row.id, row.lastRefreshAt);
      return 'other-instance';
    }
    try {
      // re-read under the lease: another instance may have refreshed just before we took it
      const current = await reload(row);
      if (!current || current.status === 'disconnected') return 'no-account';
      if (current.lastRefreshAt !== row.lastRefreshAt) return 'other-instance';
      const tokens = await oauth.refresh((await opts.accounts.refreshTokenOf(current))!);
      await opts.accounts.saveRefresh(row.id, tokens, now());
      lastTransient = null;
      opts.log.info(
        `[pinterest] refreshed the ${opts.environment} token${current.username ? ` of @${current.username}` : ''}`
      );
      return 'refreshed';
    } catch (e) {
      if (e instanceof TokenKeyError) {
        await markUnreadable(row, e);
        return 'failed';
      }
      const message = e instanceof Error ? e.message : String(e);
      if (isDefiniteRefusal(e)) {
        await opts.accounts.markReconnectRequired(row.id, {
          code: 'UNAUTHORIZED',
          message: `Refreshing the token failed. ${message}`,
          advice: 'Reconnect the Pinterest account in Settings → Pinterest.',
          retryable: false,
        });
        opts.log.warn(`[pinterest] ${named(row)} must be reconnected: ${message}`);
      } else {
        lastTransient = message;
        await opts.accounts.recordError(row.id, {
          code: 'PINTEREST_UNREACHABLE',
          message: `Refreshing the token failed for now. ${message}`,
          advice: 'The account stays connected; the refresh is tried again by itself.',
          retryable: true,
        });
        opts.log.warn(`[pinterest] token refresh failed, will try again: ${message}`);
      }
      return 'failed';
    } finally {
      await opts.accounts.releaseRefreshLease(row.id, opts.owner);
    }
  }

  /**
   * After a refresh that did not work: a retryable error while the account stays connected (the
   * job waits with backoff), the reconnect error once the account needs a reconnect.
   */
  async function afterFailedRefresh(row: AccountRow): Promise<never> {
    const after = await reload(row);
    if (after?.status === 'connected') {
      throw new PinError(
        'PINTEREST_UNREACHABLE',
        `The access token could not be refreshed for now${lastTransient ? `: ${lastTransient}` : '.'}`,
        {
          advice: 'The account stays connected; the pin will be tried again automatically.',
          outcomeUnknown: false,
        }
      );
    }
    throw reconnectError(after);
  }

  return {
    /** The token to call Pinterest with, or a PinError that makes the job wait. */
    async getAccessToken(): Promise<string> {
      const row = await loadRecent();
      if (row) {
        if (row.status === 'disconnected') throw disconnectedError(row);
        if (row.status === 'reconnect_required') throw reconnectError(row);
        if (row.accessTokenExpiresAt !== null && row.accessTokenExpiresAt <= now()) {
          const outcome = await refresh(true, row);
          const after = await reload(row);
          if (outcome === 'failed' || !after || after.status !== 'connected')
            return afterFailedRefresh(row);
          return (await opened(() => opts.accounts.accessTokenOf(after), after))!;
        }
        return (await opened(() => opts.accounts.accessTokenOf(row), row))!;
      }
      // the configured token is the default account while no account is connected
      if (opts.staticToken && accountId === null) return opts.staticToken;
      throw new PinError(
        'NOT_CONNECTED',
        accountId === null
          ? 'No Pinterest account is connected.'
          : 'The Pinterest account of this pin is no longer connected.'
      );
    },

    /**
     * Called after a 401 code 2: refresh once; true when the request is worth one more try. A
     * refresh that failed for now (an outage) throws a retryable error: the account stays
     * connected and the job tries again later; only a refused refresh means "reconnect required".
     */
    async onUnauthorized(): Promise<boolean> {
      // another instance may have refreshed (or disconnected) the account since this one read it:
      // the row is read afresh here, and so is the token used next, whatever the refresh decides
      opts.accounts.forgetRecent();
      const row = await load();
      if (!row) return false;
      const outcome = await refresh(true, row);
      if (outcome === 'refreshed' || outcome === 'other-instance') {
        const after = await reload(row);
        return after?.status === 'connected';
      }
      if (outcome === 'failed') return afterFailedRefresh(row);
      return false;
    },

    /** The scheduled refresh. */
    refreshIfDue: () => refresh(false),
    refreshNow: () => refresh(true),
  };
}

export type TokenProvider = ReturnType<typeof createTokenProvider>;
