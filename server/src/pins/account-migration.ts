import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { AccountStore } from '../auth/account-store';
import {
  ACCOUNT_UID,
  CAMPAIGN_ITEM_UID,
  CAMPAIGN_UID,
  PIN_ANALYTICS_UID,
  PIN_DAILY_STAT_UID,
  PIN_RECORD_UID,
  POST_UID,
} from '../content-types';
import type { LeaseStore } from '../queue/lease-store';
import { dbNumber } from '../utils/db-columns';

export const ACCOUNTS_MIGRATION_LEASE = 'accounts-migration';

const unnamedRows = z.array(z.object({ id: dbNumber, environment: z.string() }));
const campaignInputs = z.array(z.object({ id: dbNumber, input: z.unknown() }));

/**
 * The rows that name their account in an `accountId` column: a row left without one by a release
 * with a single account belongs to that account (the first).
 */
export const ACCOUNT_OWNED_UIDS = [
  PIN_RECORD_UID,
  CAMPAIGN_ITEM_UID,
  POST_UID,
  PIN_ANALYTICS_UID,
  PIN_DAILY_STAT_UID,
] as const;

/** A campaign stored before several accounts: its input names no account (nor one per locale). */
const namesNoAccount = (input: unknown): input is Record<string, unknown> =>
  typeof input === 'object' &&
  input !== null &&
  !('accountId' in input) &&
  !('accountsByLocale' in input);

export interface AccountsMigrationDeps {
  strapi: Core.Strapi;
  accounts: AccountStore;
  leases: LeaseStore;
  environment: string;
  owner: string;
  /** How long to wait for another instance doing it (default 60 s). */
  waitMs?: number;
}

/**
 * Several accounts: an install made with one account per environment gets its account named
 * (key = the environment, as its sealed tokens and rate budgets already are), made the default,
 * and owning every pin record that names no account. Jobs, posts and analytics name no account
 * and so belong to the default one. Campaign items, posts, and the analytics rows (per pin and per
 * day) left without an account get the first one too, and so does a campaign whose input names no
 * account (its pins were planned on that account's boards). Pin jobs name no account and need
 * none: an entry's job is routed when it runs, a campaign's or a post's pin runs with its item's or
 * post's account. Safe on several instances at once: one holds a named lease
 * while the others wait for it; every step only fills what is empty, so running it again changes
 * nothing. Returns the number of rows it changed.
 */
export async function migrateToAccounts(deps: AccountsMigrationDeps): Promise<number> {
  const deadline = Date.now() + (deps.waitMs ?? 60_000);
  while (!(await deps.leases.acquire(ACCOUNTS_MIGRATION_LEASE, deps.owner, 120_000))) {
    if (Date.now() > deadline)
      throw new Error('[pinterest] another instance has been migrating the accounts too long');
    await new Promise((r) => setTimeout(r, 250));
  }
  try {
    const accounts = deps.strapi.db.query(ACCOUNT_UID);
    let changed = 0;
    const unnamed = unnamedRows.parse(
      await accounts.findMany({ where: { accountKey: { $null: true } }, orderBy: { id: 'asc' } })
    );
    for (const row of unnamed) {
      const taken = await accounts.count({ where: { accountKey: row.environment } });
      const { count } = await accounts.updateMany({
        where: { id: row.id, accountKey: { $null: true } },
        data: { accountKey: taken ? `${row.environment}:#${row.id}` : row.environment },
      });
      changed += count;
    }
    const first = await deps.accounts.get(deps.environment);
    if (first && !first.isDefault) {
      const marked = await accounts.count({
        where: { environment: deps.environment, isDefault: true },
      });
      if (!marked) {
        await accounts.updateMany({ where: { id: first.id }, data: { isDefault: true } });
        changed += 1;
      }
    }
    if (first) {
      for (const uid of ACCOUNT_OWNED_UIDS) {
        const { count } = await deps.strapi.db
          .query(uid)
          .updateMany({ where: { accountId: { $null: true } }, data: { accountId: first.id } });
        changed += count;
      }
      const campaigns = campaignInputs.parse(
        await deps.strapi.db.query(CAMPAIGN_UID).findMany({ select: ['id', 'input'] })
      );
      for (const c of campaigns) {
        if (!namesNoAccount(c.input)) continue;
        await deps.strapi.db.query(CAMPAIGN_UID).updateMany({
          where: { id: c.id },
          data: { input: { ...c.input, accountId: first.id } },
        });
        changed += 1;
      }
    }
    return changed;
  } finally {
    await deps.leases.release(ACCOUNTS_MIGRATION_LEASE, deps.owner);
  }
}
