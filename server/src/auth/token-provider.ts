import { PinError } from '../errors/pin-error';
import type { AccountRow, AccountStore } from './account-store';
import { OAuthError, type OAuthClient } from './oauth-client';
import { needsRefresh } from './refresh-schedule';
import { TokenKeyError } from './token-crypto';

export interface TokenProviderOptions {
  accounts: AccountStore;
  environment: string;
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

  const reconnectError = (row: AccountRow | null) =>
    new PinError(
      'UNAUTHORIZED',
      `The Pinterest account${row?.username ? ` @${row.username}` : ''} must be reconnected: ${row?.lastError?.message ?? 'its token was refused.'}`,
      {
        advice:
          'Reconnect the Pinterest account in Settings → Pinterest; waiting pins will then go out by themselves.',
      }
    );

  async function waitForOtherRefresh(before: number | null): Promise<void> {
    for (let i = 0; i < 50; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      const row = await opts.accounts.get(opts.environment);
      if (!row || row.lastRefreshAt !== before || row.status !== 'connected') return;
    }
  }

  /** The last refresh failure that was not a refusal (an outage): jobs retry, not reconnect. */
  let lastTransient: string | null = null;

  /** The stored tokens no key opens (the encryption key changed): only a reconnect helps. */
  async function markUnreadable(e: TokenKeyError): Promise<void> {
    await opts.accounts.markReconnectRequired(opts.environment, {
      code: 'RECONNECT_REQUIRED',
      message: e.message,
      advice:
        'Set the old key as PINTEREST_ENCRYPTION_KEY_PREVIOUS and restart, or reconnect the Pinterest account in Settings → Pinterest.',
      retryable: false,
    });
    opts.log.warn(`[pinterest] the ${opts.environment} account must be reconnected: ${e.message}`);
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
      await markUnreadable(e);
      throw reconnectError(await opts.accounts.get(opts.environment).catch(() => row));
    }
  }

  async function refresh(force: boolean): Promise<RefreshOutcome> {
    const row = await opts.accounts.get(opts.environment);
    if (!row || !row.refreshToken) return 'no-account';
    if (row.status === 'reconnect_required') return 'failed';
    if (!force && !needsRefresh(row, now())) {
      // a stale seal (old format, previous key) is renewed by the hourly check too
      await opened(() => opts.accounts.refreshTokenOf(row), row).catch(() => undefined);
      await opened(() => opts.accounts.accessTokenOf(row), row).catch(() => undefined);
      return 'not-needed';
    }
    const oauth = opts.oauth();
    if (!oauth) {
      await opts.accounts.recordError(opts.environment, {
        code: 'NOT_CONFIGURED',
        message:
          'The token cannot be refreshed: the Pinterest app id and secret are not configured.',
        advice: 'Set PINTEREST_APP_ID and PINTEREST_APP_SECRET.',
        retryable: false,
      });
      return 'failed';
    }
    if (!(await opts.accounts.acquireRefreshLease(opts.environment, opts.owner, leaseMs, now()))) {
      await waitForOtherRefresh(row.lastRefreshAt);
      return 'other-instance';
    }
    try {
      // re-read under the lease: another instance may have refreshed just before we took it
      const current = (await opts.accounts.get(opts.environment))!;
      if (current.lastRefreshAt !== row.lastRefreshAt) return 'other-instance';
      const tokens = await oauth.refresh((await opts.accounts.refreshTokenOf(current))!);
      await opts.accounts.saveRefresh(opts.environment, tokens, now());
      lastTransient = null;
      opts.log.info(
        `[pinterest] refreshed the ${opts.environment} token${current.username ? ` of @${current.username}` : ''}`
      );
      return 'refreshed';
    } catch (e) {
      if (e instanceof TokenKeyError) {
        await markUnreadable(e);
        return 'failed';
      }
      const message = e instanceof Error ? e.message : String(e);
      if (isDefiniteRefusal(e)) {
        await opts.accounts.markReconnectRequired(opts.environment, {
          code: 'UNAUTHORIZED',
          message: `Refreshing the token failed. ${message}`,
          advice: 'Reconnect the Pinterest account in Settings → Pinterest.',
          retryable: false,
        });
        opts.log.warn(
          `[pinterest] the ${opts.environment} account must be reconnected: ${message}`
        );
      } else {
        lastTransient = message;
        await opts.accounts.recordError(opts.environment, {
          code: 'PINTEREST_UNREACHABLE',
          message: `Refreshing the token failed for now. ${message}`,
          advice: 'The account stays connected; the refresh is tried again by itself.',
          retryable: true,
        });
        opts.log.warn(`[pinterest] token refresh failed, will try again: ${message}`);
      }
      return 'failed';
    } finally {
      await opts.accounts.releaseRefreshLease(opts.environment, opts.owner);
    }
  }

  /**
   * After a refresh that did not work: a retryable error while the account stays connected (the
   * job waits with backoff), the reconnect error once the account needs a reconnect.
   */
  async function afterFailedRefresh(): Promise<never> {
    const after = await opts.accounts.get(opts.environment);
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
      const row = await opts.accounts.get(opts.environment);
      if (row) {
        if (row.status === 'reconnect_required') throw reconnectError(row);
        if (row.accessTokenExpiresAt !== null && row.accessTokenExpiresAt <= now()) {
          const outcome = await refresh(true);
          const after = await opts.accounts.get(opts.environment);
          if (outcome === 'failed' || !after || after.status !== 'connected')
            return afterFailedRefresh();
          return (await opened(() => opts.accounts.accessTokenOf(after), after))!;
        }
        return (await opened(() => opts.accounts.accessTokenOf(row), row))!;
      }
      if (opts.staticToken) return opts.staticToken;
      throw new PinError('NOT_CONNECTED', 'No Pinterest account is connected.');
    },

    /**
     * Called after a 401 code 2: refresh once; true when the request is worth one more try. A
     * refresh that failed for now (an outage) throws a retryable error: the account stays
     * connected and the job tries again later; only a refused refresh means "reconnect required".
     */
    async onUnauthorized(): Promise<boolean> {
      const row = await opts.accounts.get(opts.environment);
      if (!row) return false;
      const outcome = await refresh(true);
      if (outcome === 'refreshed' || outcome === 'other-instance') {
        const after = await opts.accounts.get(opts.environment);
        return after?.status === 'connected';
      }
      if (outcome === 'failed') return afterFailedRefresh();
      return false;
    },

    /** The scheduled refresh. */
    refreshIfDue: () => refresh(false),
    refreshNow: () => refresh(true),
  };
}

export type TokenProvider = ReturnType<typeof createTokenProvider>;
