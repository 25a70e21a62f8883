import type { AccountDTO, ConnectionDTO, Environment } from '../../../common/wire';
import type { PluginConfig } from '../config/schema';
import { PinterestClient } from '../pinterest/client';
import type { AccountRow, AccountStore } from './account-store';
import { buildAuthorizeUrl } from './authorize-url';
import { createOAuthClient } from './oauth-client';
import { STATE_TTL_MS, type OAuthStateStore } from './oauth-state-store';
import { daysLeft } from './refresh-schedule';
import { missingScopes } from './scopes';
import { parseEncryptionKey, parseTokenKeys } from './token-crypto';

/** How long a started connection (its state and its browser cookie) stays valid. */
export const FLOW_TTL_MS = STATE_TTL_MS;

export class ConnectError extends Error {
  constructor(
    /** Stable reason, used in the redirect back to the settings page. */
    readonly reason:
      | 'not-configured'
      | 'state-invalid'
      | 'state-expired'
      | 'state-other-browser'
      | 'denied'
      | 'exchange-failed'
      | 'account-failed',
    message: string
  ) {
    super(message);
    this.name = 'ConnectError';
  }
}

export interface ConnectionDeps {
  config: () => PluginConfig;
  environment: Environment;
  accounts: AccountStore;
  states: OAuthStateStore;
  /** The redirect URI registered on the Pinterest app (byte for byte). */
  redirectUri: () => string;
  /**
   * Jobs waiting for an account (null: for the default one, or any when counting for the page):
   * counted for the admin, woken after a (re)connect.
   */
  waitingJobs: {
    count: (accountId?: number | null) => Promise<number>;
    wake: (accountId?: number | null) => Promise<number>;
  };
  writesPaused: (accountId?: number | null) => Promise<{ until: string; reason: string } | null>;
  now?: () => number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Connecting, describing and disconnecting the site's Pinterest account. */
export function createConnection(deps: ConnectionDeps) {
  const now = deps.now ?? Date.now;

  /** What stops the OAuth flow from working, in words an administrator can act on. */
  function setupProblems(): string[] {
    const cfg = deps.config();
    const problems: string[] = [];
    if (!cfg.appId) problems.push('Set PINTEREST_APP_ID to your Pinterest app’s id.');
    if (!cfg.appSecret) problems.push('Set PINTEREST_APP_SECRET to your Pinterest app’s secret.');
    try {
      parseTokenKeys(cfg);
    } catch (e) {
      problems.push((e as Error).message);
    }
    return problems;
  }

  function hasEncryptionKey(): boolean {
    try {
      parseEncryptionKey(deps.config().encryptionKey);
      return true;
    } catch {
      return false;
    }
  }

  function accountDTO(row: AccountRow | null): ConnectionDTO['account'] {
    if (!row) return null;
    return {
      username: row.username,
      accountType: row.accountType,
      isBusiness: row.accountType === 'BUSINESS',
      businessName: row.businessName,
      profileImage: row.profileImage,
    };
  }

  return {
    setupProblems,

    async describe(): Promise<ConnectionDTO> {
      const cfg = deps.config();
      const row = await deps.accounts.get(deps.environment);
      const problems = setupProblems();
      const source: ConnectionDTO['source'] = row
        ? 'oauth'
        : cfg.accessToken
          ? 'static-token'
          : 'none';
      return {
        environment: deps.environment,
        apiUrl: cfg.apiUrl,
        setup: {
          hasAppId: Boolean(cfg.appId),
          hasAppSecret: Boolean(cfg.appSecret),
          hasEncryptionKey: hasEncryptionKey(),
          redirectUri: deps.redirectUri(),
          problems,
        },
        source,
        status: row
          ? row.status === 'disconnected'
            ? 'not_connected'
            : row.status
          : cfg.accessToken
            ? 'connected'
            : 'not_connected',
        account: accountDTO(row),
        scopes: row?.scopes ?? [],
        missingScopes: row ? missingScopes(row.scopes) : [],
        token: row
          ? {
              expiresAt: iso(row.accessTokenExpiresAt),
              expiresInDays: daysLeft(row.accessTokenExpiresAt, now()),
              refreshTokenExpiresAt: iso(row.refreshTokenExpiresAt),
              lastRefreshAt: iso(row.lastRefreshAt),
              connectedAt: iso(row.connectedAt),
            }
          : null,
        lastError: row?.lastError ?? null,
        waitingJobs: await deps.waitingJobs.count(),
        writesPaused: await deps.writesPaused(),
      };
    },

    /**
     * Step 1: a single-use state bound to this admin and this browser, and the consent page URL.
     * The caller keeps `browserSecret` in a cookie of the browser and hands it back to `complete`.
     */
    async authorizeUrl(adminUserId: number): Promise<{ url: string; browserSecret: string }> {
      const problems = setupProblems();
      if (problems.length) throw new ConnectError('not-configured', problems.join(' '));
      const cfg = deps.config();
      const { state, browserSecret } = await deps.states.issue(adminUserId, deps.environment);
      const url = buildAuthorizeUrl({
        oauthUrl: cfg.oauthUrl,
        appId: cfg.appId!,
        redirectUri: deps.redirectUri(),
        state,
      });
      return { url, browserSecret };
    },

    /**
     * Step 2, the callback: check the state, exchange the code, read the account, store it
     * encrypted.
     */
    async complete(input: {
      code?: string;
      state?: string;
      error?: string;
      /** The secret from the cookie of the browser that came back. */
      browserSecret?: string;
    }): Promise<{ username: string; missingScopes: string[]; woken: number }> {
      const check = await deps.states.consume(input.state ?? '', input.browserSecret);
      if (!check.ok) {
        if (check.reason === 'other-browser')
          throw new ConnectError(
            'state-other-browser',
            'This connection was not started in this browser (its connection cookie is missing or different). Start again from Settings → Pinterest, in the browser you finish it in.'
          );
        throw check.reason === 'expired'
          ? new ConnectError(
              'state-expired',
              'The connection took longer than 10 minutes. Start again from Settings → Pinterest.'
            )
          : new ConnectError(
              'state-invalid',
              'This connection link is invalid or was already used. Start again from Settings → Pinterest.'
            );
      }
      if (input.error || !input.code) {
        throw new ConnectError(
          'denied',
          input.error === 'access_denied'
            ? 'Access was not granted on Pinterest.'
            : `Pinterest did not return a code (${input.error ?? 'no code'}).`
        );
      }
      const cfg = deps.config();
      const oauth = createOAuthClient({
        apiUrl: cfg.apiUrl,
        appId: cfg.appId!,
        appSecret: cfg.appSecret!,
        timeoutMs: cfg.http.timeoutMs,
        continuousRefresh: cfg.continuousRefresh,
      });
      let tokens;
      try {
        tokens = await oauth.exchangeCode(input.code, deps.redirectUri());
      } catch (e) {
        throw new ConnectError(
          'exchange-failed',
          `Pinterest refused the connection: ${(e as Error).message}`
        );
      }
      const client = new PinterestClient({
        apiUrl: cfg.apiUrl,
        getAccessToken: () => Promise.resolve(tokens.access_token),
        timeoutMs: cfg.http.timeoutMs,
        connections: 1,
      });
      let account;
      try {
        account = await client.getUserAccount();
      } catch (e) {
        throw new ConnectError(
          'account-failed',
          `The Pinterest account could not be read: ${(e as Error).message}`
        );
      } finally {
        await client.close();
      }
      const row = await deps.accounts.saveConnection(deps.environment, {
        tokens,
        account,
        adminUserId: check.adminUserId,
        now: now(),
      });
      const woken = await deps.waitingJobs.wake(row.id);
      return {
        username: row.username ?? account.username,
        missingScopes: missingScopes(row.scopes),
        woken,
      };
    },

    /**
     * Disconnects one account (the default one when none is named): its tokens are dropped, its
     * pins, stats and jobs stay, and its waiting jobs wait until it is connected again.
     */
    async disconnect(accountId?: number): Promise<boolean> {
      const row =
        accountId === undefined
          ? await deps.accounts.get(deps.environment)
          : await deps.accounts.byId(accountId);
      if (!row || row.environment !== deps.environment) return false;
      await deps.accounts.disconnect(row.id);
      return true;
    },

    /** Makes an account the default one (what entries without an account pin to). */
    setDefault: (accountId: number): Promise<boolean> =>
      deps.accounts.setDefault(deps.environment, accountId),

    /**
     * The environment's accounts, the default first; the configured token as account 0 while no
     * account is connected.
     */
    async list(): Promise<AccountDTO[]> {
      const rows = await deps.accounts.list(deps.environment);
      const defaultRow = await deps.accounts.get(deps.environment);
      const out: AccountDTO[] = [];
      for (const row of rows) {
        const isDefault = row.id === defaultRow?.id;
        out.push({
          id: row.id,
          source: 'oauth',
          username: row.username,
          displayName: row.businessName ?? row.username,
          profileImage: row.profileImage,
          accountType: row.accountType,
          status: row.status,
          isDefault,
          lastError: row.lastError,
          connectedAt: iso(row.connectedAt),
          waitingJobs: await deps.waitingJobs.count(row.id),
          writesPaused: await deps.writesPaused(row.id),
        });
      }
      if (!defaultRow && deps.config().accessToken) {
        out.push({
          id: 0,
          source: 'static-token',
          username: null,
          displayName: null,
          profileImage: null,
          accountType: null,
          status: 'connected',
          isDefault: true,
          lastError: null,
          connectedAt: null,
          waitingJobs: await deps.waitingJobs.count(null),
          writesPaused: await deps.writesPaused(null),
        });
      }
      return out.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
    },
  };
}

export type Connection = ReturnType<typeof createConnection>;
