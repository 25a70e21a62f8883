import { PinError } from '../errors/pin-error';
import type { AccountRow, AccountStore } from './account-store';
import { OAuthError, type OAuthClient } from './oauth-client';
import { needsRefresh } from './refresh-schedule';

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

  async function refresh(force: boolean): Promise<RefreshOutcome> {
    const row = await opts.accounts.get(opts.environment);
    if (!row || !row.refreshToken) return 'no-account';
    if (row.status === 'reconnect_required') return 'failed';
    if (!force && !needsRefresh(row, now())) return 'not-needed';
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
      if (current.lastRefreshAt !== row.lastRefreshAt && !force) return 'other-instance';
      if (force && current.lastRefreshAt !== row.lastRefreshAt) return 'other-instance';
      const tokens = await oauth.refresh(opts.accounts.refreshTokenOf(current)!);
      await opts.accounts.saveRefresh(opts.environment, tokens, now());
      opts.log.info(
        `[pinterest] refreshed the ${opts.environment} token${current.username ? ` of @${current.username}` : ''}`
      );
      return 'refreshed';
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const error = {
        code: 'UNAUTHORIZED',
        message: `Refreshing the token failed. ${message}`,
        advice: 'Reconnect the Pinterest account in Settings → Pinterest.',
        retryable: false,
      };
      if (e instanceof OAuthError && e.needsReconnect) {
        await opts.accounts.markReconnectRequired(opts.environment, error);
        opts.log.warn(
          `[pinterest] the ${opts.environment} account must be reconnected: ${message}`
        );
      } else {
        await opts.accounts.recordError(opts.environment, {
          ...error,
          retryable: true,
          advice: 'The refresh will be tried again by the schedule.',
        });
        opts.log.warn(`[pinterest] token refresh failed, will try again: ${message}`);
      }
      return 'failed';
    } finally {
      await opts.accounts.releaseRefreshLease(opts.environment, opts.owner);
    }
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
            throw reconnectError(after);
          return opts.accounts.accessTokenOf(after)!;
        }
        return opts.accounts.accessTokenOf(row)!;
      }
      if (opts.staticToken) return opts.staticToken;
      throw new PinError('NOT_CONNECTED', 'No Pinterest account is connected.');
    },

    /** Called after a 401 code 2: refresh once; true when the request is worth one more try. */
    async onUnauthorized(): Promise<boolean> {
      const row = await opts.accounts.get(opts.environment);
      if (!row) return false;
      const outcome = await refresh(true);
      if (outcome === 'refreshed' || outcome === 'other-instance') {
        const after = await opts.accounts.get(opts.environment);
        return after?.status === 'connected';
      }
      if (outcome === 'failed') {
        const after = await opts.accounts.get(opts.environment);
        if (after?.status === 'connected') {
          await opts.accounts.markReconnectRequired(opts.environment, {
            code: 'UNAUTHORIZED',
            message: 'Pinterest refused the token and it could not be refreshed.',
            advice: 'Reconnect the Pinterest account in Settings → Pinterest.',
            retryable: false,
          });
        }
      }
      return false;
    },

    /** The scheduled refresh. */
    refreshIfDue: () => refresh(false),
    refreshNow: () => refresh(true),
  };
}

export type TokenProvider = ReturnType<typeof createTokenProvider>;
