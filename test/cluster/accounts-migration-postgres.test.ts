/**
 * The several-accounts migration on PostgreSQL: a database holding what the single-account release
 * wrote (an account without a key nor the default mark; pin records, campaign items, posts, pin
 * analytics and daily stats without an account; a campaign whose input names none) is migrated by
 * two owners at once, as two instances starting together would. Every row ends on the first
 * account, each change is made exactly once (one owner does it all under the lease, the other
 * finds nothing left), and running it again changes nothing. (SQLite: the integration suite's
 * accounts-migration test, on a fixture made by that release.)
 */
import type { Core } from '@strapi/strapi';
import { createAccountStore } from '../../server/src/auth/account-store';
import { migrateToAccounts } from '../../server/src/pins/account-migration';
import { createLeaseStore } from '../../server/src/queue/lease-store';
import { getService } from '../../server/src/utils/get-service';
import { createDatabase, dropDatabase, postgresEnv, query } from '../helpers/postgres';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

const DB = `pinterest_accounts_migration_${process.pid}`;
const ARTICLE = 'api::article.article';
const BOARD = '100000000000000001';
/** The tables whose rows name their account (account_id), and how many old rows each gets. */
const OWNED: Array<[uid: string, table: string, rows: number]> = [
  ['plugin::pinterest.pin-record', 'pinterest_pin_records', 3],
  ['plugin::pinterest.campaign-item', 'pinterest_campaign_items', 2],
  ['plugin::pinterest.post', 'pinterest_posts', 2],
  ['plugin::pinterest.pin-analytics', 'pinterest_pin_analytics', 3],
  ['plugin::pinterest.pin-daily-stat', 'pinterest_pin_daily_stats', 6],
];
let booted: BootedStrapi;
let strapi: Core.Strapi;
let environment: string;

const migrate = (owner: string) =>
  migrateToAccounts({
    strapi,
    accounts: createAccountStore(strapi, () => {
      throw new Error('the migration opens no token');
    }),
    leases: createLeaseStore(strapi),
    environment,
    owner,
  });

/** Rows as the single-account release left them: no account named anywhere. */
async function seedSingleAccountRows(): Promise<number> {
  const q = (uid: string) => strapi.db.query(uid);
  const account = await q('plugin::pinterest.account').create({
    data: {
      environment,
      accountKey: null,
      isDefault: false,
      status: 'connected',
      username: 'strapi_demo',
      pinterestUserId: '1234',
    },
  });
  const pinIds = ['900001', '900002', '900003'];
  for (const [i, pinId] of pinIds.entries()) {
    await q('plugin::pinterest.pin-record').create({
      data: {
        contentType: ARTICLE,
        entryDocumentId: `doc${i}`,
        entryLocale: 'default',
        boardId: BOARD,
        marker: `strapi-old${i}`.padEnd(22, '0'),
        pinId,
        status: 'pinned',
        pinnedAt: new Date(),
      },
    });
    await q('plugin::pinterest.pin-analytics').create({
      data: {
        pinId,
        contentType: ARTICLE,
        entryDocumentId: `doc${i}`,
        entryLocale: 'default',
        boardId: BOARD,
        createdDay: '2026-11-01',
        impressions: 10,
      },
    });
    for (const day of ['2026-11-01', '2026-11-02'])
      await q('plugin::pinterest.pin-daily-stat').create({
        data: {
          pinId,
          day,
          contentType: ARTICLE,
          entryDocumentId: `doc${i}`,
          entryLocale: 'default',
          boardId: BOARD,
          impressions: 5,
        },
      });
  }
  const campaign = await q('plugin::pinterest.campaign').create({
    data: {
      name: 'Old campaign',
      status: 'done',
      startAt: Date.now(),
      planningDone: true,
      input: {
        name: 'Old campaign',
        selection: { contentType: ARTICLE },
        boards: [{ boardId: BOARD }],
        pacing: { intervalMinutes: 60, timeZone: 'UTC', minDaysBetweenSameLink: 7 },
        freshness: { titleTemplates: [], descriptionTemplates: [] },
      },
    },
  });
  for (const n of [0, 1])
    await q('plugin::pinterest.campaign-item').create({
      data: {
        campaignId: campaign.id,
        contentType: ARTICLE,
        entryDocumentId: `doc${n}`,
        entryLocale: 'default',
        boardId: BOARD,
        state: 'pinned',
        pinId: pinIds[n],
      },
    });
  for (const n of [0, 1])
    await q('plugin::pinterest.post').create({
      data: {
        postId: `post_old_${n}`,
        status: 'published',
        scheduledAt: new Date(),
        request: { input: { content: `Old post ${n}` }, pin: { boardId: BOARD } },
        boardId: BOARD,
        marker: `strapi-oldpost${n}`.padEnd(22, '0'),
      },
    });
  return account.id as number;
}

beforeAll(async () => {
  await createDatabase(DB);
  booted = await bootStrapi({
    ...postgresEnv(DB),
    PINTEREST_WORKER_ENABLED: 'false',
    PINTEREST_API_URL: 'http://127.0.0.1:9/v5',
    PINTEREST_CAMPAIGN_TICK_RULE: '0 0 0 1 1 *',
    PINTEREST_ANALYTICS_RULE: '0 0 0 1 1 *',
  });
  strapi = booted.strapi;
  environment = getService(strapi, 'connection').environment();
}, 120_000);

afterAll(async () => {
  await booted?.destroy();
  await dropDatabase(DB);
});

it('two owners at once: every row on the first account, each change made exactly once', async () => {
  const accountId = await seedSingleAccountRows();
  for (const [, table, rows] of OWNED) {
    const [{ n }] = await query<{ n: string }>(
      DB,
      `SELECT COUNT(*) AS n FROM ${table} WHERE account_id IS NULL`
    );
    expect([table, Number(n)]).toEqual([table, rows]);
  }

  const results = await Promise.all([migrate('instance-a'), migrate('instance-b')]);
  // the key and the default mark, every old row, and the campaign's input
  const expected = 2 + OWNED.reduce((sum, [, , rows]) => sum + rows, 0) + 1;
  expect(results.sort((a, b) => a - b)).toEqual([0, expected]);

  for (const [, table, rows] of OWNED) {
    const byAccount = await query<{ account_id: number | null; n: string }>(
      DB,
      `SELECT account_id, COUNT(*) AS n FROM ${table} GROUP BY account_id`
    );
    expect([table, byAccount.map((r) => [r.account_id, Number(r.n)])]).toEqual([
      table,
      [[accountId, rows]],
    ]);
  }
  const [account] = await query<{ account_key: string; is_default: boolean }>(
    DB,
    'SELECT account_key, is_default FROM pinterest_accounts WHERE id = $1',
    [accountId]
  );
  expect(account).toEqual({ account_key: environment, is_default: true });
  // (Strapi, in this process, has pg hand jsonb over as text)
  const [campaign] = await query<{ input: string | object }>(
    DB,
    'SELECT input FROM pinterest_campaigns'
  );
  expect(
    typeof campaign.input === 'string' ? JSON.parse(campaign.input) : campaign.input
  ).toMatchObject({ name: 'Old campaign', accountId });
  // the lease was given back
  expect(
    await query(DB, "SELECT * FROM pinterest_leases WHERE name = 'accounts-migration'")
  ).toEqual([expect.objectContaining({ owner: null })]);
});

it('a rerun, by either owner or both at once, changes nothing', async () => {
  const before = await Promise.all(
    OWNED.map(([, table]) => query(DB, `SELECT id, account_id FROM ${table} ORDER BY id`))
  );
  expect(await Promise.all([migrate('instance-a'), migrate('instance-b')])).toEqual([0, 0]);
  expect(await migrate('instance-c')).toBe(0);
  const after = await Promise.all(
    OWNED.map(([, table]) => query(DB, `SELECT id, account_id FROM ${table} ORDER BY id`))
  );
  expect(after).toEqual(before);
});
