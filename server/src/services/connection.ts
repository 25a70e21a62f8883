import type { AccountDTO, ConnectionDTO, Environment } from '../../../common/wire';
import { createConnection } from '../auth/connection';
import { migrateToAccounts } from '../pins/account-migration';
import type { RefreshOutcome } from '../auth/token-provider';
import type { JobRow } from '../queue/job-store';
import type { PluginCore } from './core';

/** Job errors that mean "waiting for the account", which a (re)connect resolves. */
const ACCOUNT_WAIT_CODES = ['NOT_CONNECTED', 'UNAUTHORIZED'];

/**
 * The site's Pinterest account: connecting it (OAuth), describing it, keeping its tokens fresh,
 * and the write pause a spam block puts on it.
 */
export interface ConnectionService {
  /** Which Pinterest the plugin talks to (production, sandbox or a custom API URL). */
  environment(): Environment;
  /** The connected account, token health and what the setup lacks. Never a token. */
  describe(): Promise<ConnectionDTO>;
  /**
   * Step 1 of the OAuth flow: the consent page URL, with a state bound to this admin and to the
   * browser that keeps `browserSecret` (in a cookie the callback reads).
   */
  authorizeUrl(adminUserId: number): Promise<{ url: string; browserSecret: string }>;
  /**
   * Step 2, the callback (with the cookie's secret): the account is stored and the jobs waiting
   * for it are woken.
   */
  complete(input: {
    code?: string;
    state?: string;
    error?: string;
    browserSecret?: string;
  }): Promise<{ username: string; missingScopes: string[]; woken: number }>;
  /** The redirect URI registered on the Pinterest app (the callback the cookie is scoped to). */
  redirectUri(): string;
  /**
   * Disconnects an account (the default one when none is named): its tokens go, its pins, stats
   * and jobs stay; its waiting jobs wait until it is connected again. False when there is none.
   */
  disconnect(accountId?: number): Promise<boolean>;
  /** The environment's accounts (the default first), with their health. Never a token. */
  accounts(): Promise<AccountDTO[]>;
  /** Makes an account the default one; false when it is unknown or disconnected. */
  setDefault(accountId: number): Promise<boolean>;
  /**
   * Bootstrap: an install made with one account becomes its first account, owning every pin
   * record (once, under a lease, whatever the number of instances). Rows changed.
   */
  migrateAccounts(): Promise<number>;
  /** Refreshes the access token now. */
  refreshNow(): Promise<RefreshOutcome>;
  /** The scheduled check: refreshes when the token is close to expiring. */
  refreshIfDue(): Promise<RefreshOutcome>;
  /** Ends a pause after a spam block: waiting pins go out again. */
  resumeWrites(): Promise<ConnectionDTO>;
}

/**
 * The account a job is for: the one its last failure names (where the entry was routed), else the
 * one its payload names; null: the default account.
 */
const jobAccount = (job: Pick<JobRow, 'payload' | 'lastError'>): number | null =>
  job.lastError?.accountId ??
  (typeof job.payload?.accountId === 'number' ? job.payload.accountId : null);

export function createConnectionService(core: PluginCore): ConnectionService {
  /**
   * Jobs waiting for an account: every one (undefined), or those of one account (a job naming no
   * account belongs to the default one).
   */
  const waitingForAccount = async (accountId?: number | null) => {
    const waiting = (await core.jobs.findWaiting()).filter(
      (j) => j.lastError && ACCOUNT_WAIT_CODES.includes(j.lastError.code)
    );
    if (accountId === undefined) return waiting;
    const defaultId = (await core.accounts.get(core.environment()))?.id ?? null;
    const target = accountId ?? defaultId;
    return waiting.filter((j) => (jobAccount(j) ?? defaultId) === target);
  };

  const connection = createConnection({
    config: core.getConfig,
    get environment() {
      return core.environment();
    },
    accounts: core.accounts,
    states: core.states,
    redirectUri: core.redirectUri,
    writesPaused: (accountId) => core.limiterFor(accountId ?? null).writePause(),
    waitingJobs: {
      count: async (accountId) => (await waitingForAccount(accountId)).length,
      wake: async (accountId) => {
        // a job that names no account is routed when it runs: any reconnect may be the one it
        // waits for (woken for nothing, it waits again)
        const waiting =
          accountId === undefined || accountId === null
            ? await waitingForAccount()
            : (await waitingForAccount()).filter((j) => {
                const named = jobAccount(j);
                return named === null || named === accountId;
              });
        for (const job of waiting) await core.jobs.retryNow(job.id);
        core.kick();
        return waiting.length;
      },
    },
  });

  return {
    environment: core.environment,
    describe: () => connection.describe(),
    authorizeUrl: (adminUserId) => connection.authorizeUrl(adminUserId),
    complete: (input) => connection.complete(input),
    redirectUri: () => core.redirectUri(),
    disconnect: (accountId) => connection.disconnect(accountId),
    accounts: () => connection.list(),
    setDefault: (accountId) => connection.setDefault(accountId),
    migrateAccounts: () =>
      migrateToAccounts({
        strapi: core.strapi,
        accounts: core.accounts,
        leases: core.leases,
        environment: core.environment(),
        owner: core.owner,
      }),
    refreshNow: () => core.tokens.refreshNow(),
    refreshIfDue: () => core.tokens.refreshIfDue(),

    async resumeWrites() {
      await core.limiter.resumeWrites();
      for (const job of await core.jobs.findWaiting()) {
        if (job.lastError?.code === 'WRITES_PAUSED') await core.jobs.retryNow(job.id);
      }
      core.kick();
      return connection.describe();
    },
  };
}
