/**
 * Several Pinterest accounts (issue 18): campaigns and analytics per account. Two emulator users
 * connected through OAuth. A campaign on the second account pins with that user's token onto its
 * own boards (another account's board is refused); the analytics sync asks for each pin with the
 * token of the account that made it (the emulator's request log names the caller); the analytics
 * API filters by account and groups totals by account; an account whose token Pinterest refuses is
 * skipped by the sync with a clear status while the other account's pins are synced, and a
 * disconnected account is left out without a call.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { getService } from '../../server/src/utils/get-service';
import { registerSuperAdmin } from '../helpers/admin';
import { uploadImage } from '../helpers/images';
import {
  boardOf as boardOfUser,
  connectAs as connect,
  emulatorUserId,
  seedMaisonFr,
} from '../helpers/accounts';
import { oauthEnv } from '../helpers/oauth';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
const RECORD = 'plugin::pinterest.pin-record';
const DAY = 86_400_000;
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;
/** The plugin's ids of the two accounts. */
let demoId: number;
let frId: number;
/** The analytics clock: pins were made now, the sync looks at them days later. */
let later: number;

const http = () => request(strapi.server.httpServer);
const get = (path: string) => http().get(path).set('Authorization', `Bearer ${jwt}`);
const post = (path: string, body: unknown) =>
  http()
    .post(path)
    .set('Authorization', `Bearer ${jwt}`)
    .send(body as object);
const userId = (username: string) => emulatorUserId(emulator, username);
const boardOf = (username: string, name: string) => boardOfUser(emulator, username, name);
const pinsOn = (boardId: string, title: string) =>
  [...emulator.state.pins.values()].filter((p) => p.board_id === boardId && p.title === title);
const analytics = () => getService(strapi, 'analytics');
const ymd = (t: number) => new Date(t).toISOString().slice(0, 10);
/** The pin analytics requests the emulator received, with the pin each asked for. */
const analyticsCalls = () =>
  emulator.requests
    .filter((r) => /^\/v5\/pins\/\d+\/analytics$/.test(r.path))
    .map((r) => ({ pinId: r.path.split('/')[3], userId: r.userId, status: r.status }));

const connectAs = (username: string) => connect(strapi, jwt, emulator, username);

async function publish(title: string, pinterest: Record<string, unknown>) {
  const hero = await uploadImage(strapi);
  // a campaign pins an entry's link again: the article has one
  const canonicalUrl = `https://blog.example.com/${encodeURIComponent(title)}`;
  const doc = await strapi
    .documents(ARTICLE)
    .create({ data: { title, hero: hero.id, canonicalUrl, pinterest } as never });
  await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
  return doc.documentId;
}

/** The entry's live pin record, once its pin is made. */
const liveRecord = (documentId: string) =>
  waitFor(async () => {
    const row = (await strapi.db
      .query(RECORD)
      .findOne({ where: { entryDocumentId: documentId, status: 'pinned' } })) as {
      pinId: string;
      accountId: number;
    } | null;
    return row?.pinId ? row : null;
  }, `the pin of ${documentId}`);

const campaignInput = (name: string, documentId: string, extra: Record<string, unknown>) => ({
  name,
  selection: { contentType: ARTICLE, documentIds: [documentId] },
  pacing: { intervalMinutes: 0, minDaysBetweenSameLink: 0, timeZone: 'UTC' },
  ...extra,
});

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  await seedMaisonFr(emulator);
  booted = await bootStrapi({
    ...oauthEnv(emulator),
    PINTEREST_MEDIA_HOST_ALLOWLIST: new URL(emulator.url).host,
    // the tests tick the campaigns and run the analytics sync themselves
    PINTEREST_CAMPAIGN_TICK_RULE: '0 0 0 1 1 *',
    PINTEREST_CAMPAIGN_LOOKAHEAD_MS: '0',
    PINTEREST_ANALYTICS_RULE: '0 0 0 1 1 *',
    PINTEREST_ANALYTICS_MULTI_PIN: 'never',
  });
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
  await connectAs('strapi_demo');
  await connectAs('maison_fr');
  const accounts = (await get('/pinterest/accounts').expect(200)).body.accounts as Array<{
    id: number;
    username: string;
  }>;
  demoId = accounts.find((a) => a.username === 'strapi_demo')!.id;
  frId = accounts.find((a) => a.username === 'maison_fr')!.id;
}, 90_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

describe('campaigns per account', () => {
  let tatin: string;

  it('refuses boards that are not the chosen account’s, and an unknown account', async () => {
    tatin = await publish('Tarte Tatin', { boardId: boardOf('strapi_demo', 'Recipes').id });
    const demoBoard = campaignInput('Wrong board', tatin, {
      accountId: frId,
      boards: [{ boardId: boardOf('strapi_demo', 'Travel').id }],
    });
    for (const path of ['/pinterest/campaigns', '/pinterest/campaigns/preview']) {
      const res = await post(path, demoBoard);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/is not one of the boards of account/);
    }
    const nobody = await post(
      '/pinterest/campaigns',
      campaignInput('Nobody', tatin, {
        accountId: 9999,
        boards: [{ boardId: boardOf('maison_fr', 'Recettes').id }],
      })
    );
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.message).toMatch(/no Pinterest account has the id 9999/);
    // and the default account's boards are not Maison FR's either
    const byDefault = await post(
      '/pinterest/campaigns',
      campaignInput('Default with a FR board', tatin, {
        boards: [{ boardId: boardOf('maison_fr', 'Recettes').id }],
      })
    );
    expect(byDefault.status).toBe(400);
  });

  it('a campaign on the second account pins with that user’s token onto its board', async () => {
    const recettes = boardOf('maison_fr', 'Recettes').id;
    const res = await post(
      '/pinterest/campaigns',
      campaignInput('Maison FR re-pins', tatin, {
        accountId: frId,
        boards: [{ boardId: recettes }],
      })
    );
    expect(res.status).toBe(201);
    const id = res.body.campaign.id as number;
    expect(res.body.campaign.input.accountId).toBe(frId);
    const [pin] = await waitFor(async () => {
      await getService(strapi, 'campaigns').tick();
      const found = pinsOn(recettes, 'Tarte Tatin');
      return found.length ? found : null;
    }, 'the campaign pin on Recettes');
    expect(pin.ownerId).toBe(userId('maison_fr'));
    const creates = emulator.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path === '/v5/pins' &&
        (r.body as { board_id?: string }).board_id === recettes
    );
    expect(creates.map((r) => [r.status, r.userId])).toEqual([[201, userId('maison_fr')]]);
    const items = await waitFor(async () => {
      const body = (await get(`/pinterest/campaigns/${id}/items`).expect(200)).body as {
        items: Array<{ accountId: number; state: string; pinId: string }>;
      };
      return body.items.every((i) => i.state === 'pinned') ? body.items : null;
    }, 'the campaign item pinned');
    expect(items.map((i) => [i.accountId, i.pinId])).toEqual([[frId, pin.id]]);
  });

  it('a campaign naming no account uses the default one (kept with the campaign)', async () => {
    const travel = boardOf('strapi_demo', 'Travel').id;
    const res = await post(
      '/pinterest/campaigns',
      campaignInput('Default re-pins', tatin, { boards: [{ boardId: travel }] })
    );
    expect(res.status).toBe(201);
    expect(res.body.campaign.input.accountId).toBe(demoId);
    const [pin] = await waitFor(async () => {
      await getService(strapi, 'campaigns').tick();
      const found = pinsOn(travel, 'Tarte Tatin');
      return found.length ? found : null;
    }, 'the campaign pin on Travel');
    expect(pin.ownerId).toBe(userId('strapi_demo'));
    const items = (await strapi.db
      .query('plugin::pinterest.campaign-item')
      .findMany({ where: { campaignId: res.body.campaign.id } })) as Array<{ accountId: number }>;
    expect(items.map((i) => i.accountId)).toEqual([demoId]);
  });
  it('a spam pause on one account stops only the campaigns pinning with it', async () => {
    const tomorrow = new Date(Date.now() + DAY).toISOString();
    const later = (name: string, extra: Record<string, unknown>) =>
      post('/pinterest/campaigns', {
        ...campaignInput(name, tatin, extra),
        pacing: {
          intervalMinutes: 60,
          minDaysBetweenSameLink: 0,
          timeZone: 'UTC',
          startAt: tomorrow,
        },
      });
    const fr = await later('Maison FR tomorrow', {
      accountId: frId,
      boards: [{ boardId: boardOf('maison_fr', 'Voyages').id }],
    });
    const demo = await later('Demo tomorrow', {
      boards: [{ boardId: boardOf('strapi_demo', 'Home & Garden').id }],
    });
    expect([fr.status, demo.status]).toEqual([201, 201]);
    // Maison FR's own write budget row is paused (as after a spam block answered to it)
    const slots = strapi.db.query('plugin::pinterest.rate-slot');
    const frKey = `custom:${userId('maison_fr')}:org_write`;
    expect(await slots.count({ where: { key: frKey } })).toBe(1);
    await slots.updateMany({
      where: { key: frKey },
      data: { pausedUntil: Date.now() + 3_600_000, pauseReason: 'test pause' },
    });
    try {
      await getService(strapi, 'campaigns').tick();
      const status = async (id: number) =>
        (await get(`/pinterest/campaigns/${id}`).expect(200)).body.campaign as {
          status: string;
          stopReason: { code: string } | null;
        };
      expect(await status(fr.body.campaign.id)).toMatchObject({
        status: 'stopped',
        stopReason: { code: 'SPAM_BLOCKED' },
      });
      expect(await status(demo.body.campaign.id)).toMatchObject({
        status: 'running',
        stopReason: null,
      });
      // it cannot be resumed while its account is paused
      expect((await post(`/pinterest/campaigns/${fr.body.campaign.id}/resume`, {})).status).toBe(
        409
      );
    } finally {
      await slots.updateMany({
        where: { key: frKey },
        data: { pausedUntil: null, pauseReason: null },
      });
    }
    for (const id of [fr.body.campaign.id, demo.body.campaign.id])
      await post(`/pinterest/campaigns/${id}/cancel`, {}).expect(200);
  });
});

describe('analytics per account', () => {
  let demoPin: string;
  let frPin: string;

  it('the sync asks for each pin with the token of the account that made it', async () => {
    const soup = await publish('Soupe à l’oignon', {
      accountId: frId,
      boardId: boardOf('maison_fr', 'Voyages').id,
    });
    const frRecord = await liveRecord(soup);
    const demoRecord = await liveRecord(
      (
        (await strapi.db
          .query(RECORD)
          .findOne({ where: { status: 'pinned', accountId: demoId } })) as {
          entryDocumentId: string;
        }
      ).entryDocumentId
    );
    expect([demoRecord.accountId, frRecord.accountId]).toEqual([demoId, frId]);
    demoPin = demoRecord.pinId;
    frPin = frRecord.pinId;

    later = Date.now() + 5 * DAY;
    emulator.setClock(new Date(later));
    const result = await analytics().syncOnce({ now: later });
    expect(result).toMatchObject({ outcome: 'done', state: 'ok', pins: 2, remaining: 0 });
    const calls = analyticsCalls();
    expect(calls.map((c) => c.pinId).sort()).toEqual([demoPin, frPin].sort());
    for (const call of calls) {
      // every pin asked for by its owner, and answered
      expect([call.pinId, call.status, call.userId]).toEqual([
        call.pinId,
        200,
        emulator.state.pins.get(call.pinId)!.ownerId,
      ]);
    }
    expect(new Set(calls.map((c) => c.userId))).toEqual(
      new Set([userId('strapi_demo'), userId('maison_fr')])
    );
    // the stored rows name the account
    const synced = (await strapi.db
      .query('plugin::pinterest.pin-analytics')
      .findMany({})) as Array<{ pinId: string; accountId: number }>;
    expect(Object.fromEntries(synced.map((r) => [r.pinId, r.accountId]))).toEqual({
      [demoPin]: demoId,
      [frPin]: frId,
    });
    const days = (await strapi.db.query('plugin::pinterest.pin-daily-stat').findMany({})) as Array<{
      pinId: string;
      accountId: number;
    }>;
    expect(days.length).toBeGreaterThan(0);
    for (const d of days) expect(d.accountId).toBe(d.pinId === frPin ? frId : demoId);
    const status = (await get('/pinterest/analytics/status').expect(200)).body as {
      accounts: Array<{ accountId: number; state: string; pins: number }>;
    };
    expect(status.accounts.map((a) => [a.accountId, a.state, a.pins])).toEqual([
      [demoId, 'ok', 1],
      [frId, 'ok', 1],
    ]);
  });

  it('?accountId= filters the stats; the overview gives the totals per account', async () => {
    const period = `from=${ymd(Date.now() - DAY)}&to=${ymd(later)}`;
    const all = (await get(`/pinterest/analytics/overview?${period}`).expect(200)).body as {
      totals: { pins: number; impressions: number };
      accountTotals: Array<{
        accountId: number;
        username: string;
        totals: { pins: number; impressions: number };
      }>;
      filters: { accounts: Array<{ id: number; name: string }> };
    };
    expect(all.totals.pins).toBe(2);
    expect(all.filters.accounts.map((a) => [a.id, a.name])).toEqual([
      [demoId, expect.any(String)],
      [frId, 'Maison FR'],
    ]);
    const byAccount = new Map(all.accountTotals.map((a) => [a.accountId, a]));
    expect(byAccount.get(frId)).toMatchObject({ username: 'maison_fr', totals: { pins: 1 } });
    expect(byAccount.get(demoId)).toMatchObject({ username: 'strapi_demo', totals: { pins: 1 } });
    expect(
      byAccount.get(frId)!.totals.impressions + byAccount.get(demoId)!.totals.impressions
    ).toBe(all.totals.impressions);

    const fr = (await get(`/pinterest/analytics/overview?${period}&accountId=${frId}`).expect(200))
      .body as { totals: { pins: number; impressions: number } };
    expect(fr.totals).toMatchObject({
      pins: 1,
      impressions: byAccount.get(frId)!.totals.impressions,
    });
    const pins = (await get(`/pinterest/analytics/pins?${period}&accountId=${frId}`).expect(200))
      .body as { pins: Array<{ pinId: string; accountId: number }>; total: number };
    expect([pins.total, pins.pins.map((p) => [p.pinId, p.accountId])]).toEqual([
      1,
      [[frPin, frId]],
    ]);
    const demo = (await get(`/pinterest/analytics/pins?${period}&accountId=${demoId}`).expect(200))
      .body as { pins: Array<{ pinId: string }> };
    expect(demo.pins.map((p) => p.pinId)).toEqual([demoPin]);
    await get(`/pinterest/analytics/pins?${period}&accountId=abc`).expect(400);
    // the CSV names each pin's account, by id and username, and filters like the table
    const csv = (await get(`/pinterest/analytics/export?${period}`).expect(200)).text
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const [header, ...rows] = csv;
    const at = (name: string) => header.indexOf(name);
    expect(at('account_id')).toBeGreaterThan(-1);
    expect(
      rows
        .map((r) => [r[at('pin_id')], r[at('account_id')], r[at('account')]])
        .sort((a, b) => a[0].localeCompare(b[0]))
    ).toEqual(
      [
        [frPin, String(frId), 'maison_fr'],
        [demoPin, String(demoId), 'strapi_demo'],
      ].sort((a, b) => a[0].localeCompare(b[0]))
    );
    const frCsv = (await get(`/pinterest/analytics/export?${period}&accountId=${frId}`).expect(200))
      .text;
    expect(
      frCsv
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[0])
    ).toEqual([frPin]);
  });

  it('an account whose token is refused is skipped with a clear status; the other is synced', async () => {
    for (const t of emulator.state.tokens.values())
      if (t.userId === userId('maison_fr')) t.revoked = true;
    await request(emulator.url)
      .delete('/_emulator/requests')
      .expect((r) => r.status < 300);
    later += DAY;
    emulator.setClock(new Date(later));
    const result = await analytics().syncOnce({ now: later });
    expect(result).toMatchObject({ outcome: 'done', state: 'not_connected', pins: 1 });
    expect(analyticsCalls()).toEqual([
      { pinId: demoPin, userId: userId('strapi_demo'), status: 200 },
    ]);
    const status = (await get('/pinterest/analytics/status').expect(200)).body as {
      state: string;
      message: string;
      accounts: Array<{ accountId: number; username: string; state: string; remaining: number }>;
    };
    expect(status.state).toBe('not_connected');
    expect(status.message).toMatch(/@maison_fr/);
    expect(status.accounts.map((a) => [a.accountId, a.username, a.state, a.remaining])).toEqual([
      [demoId, 'strapi_demo', 'ok', 0],
      [frId, 'maison_fr', 'not_connected', 1],
    ]);
    // its pin keeps its stats and stays synced once the account is back
    expect(
      await strapi.db.query('plugin::pinterest.pin-analytics').findOne({ where: { pinId: frPin } })
    ).toMatchObject({ syncState: 'active', accountId: frId });
    const accounts = (await get('/pinterest/accounts').expect(200)).body.accounts as Array<{
      id: number;
      status: string;
    }>;
    expect(accounts.find((a) => a.id === frId)?.status).toBe('reconnect_required');

    // the next run does not even ask for Maison FR (its account waits for a reconnect)
    await request(emulator.url)
      .delete('/_emulator/requests')
      .expect((r) => r.status < 300);
    later += DAY;
    emulator.setClock(new Date(later));
    expect(await analytics().syncOnce({ now: later })).toMatchObject({
      state: 'not_connected',
      pins: 1,
    });
    expect(analyticsCalls().map((c) => c.pinId)).toEqual([demoPin]);
    expect(emulator.requests.filter((r) => r.path === '/v5/user_account')).toHaveLength(1);
  });

  it('a disconnected account is left out without a call, and the sync is ok', async () => {
    await http()
      .delete(`/pinterest/accounts/${frId}`)
      .set('Authorization', `Bearer ${jwt}`)
      .expect(200);
    later += DAY;
    emulator.setClock(new Date(later));
    const result = await analytics().syncOnce({ now: later });
    expect(result).toMatchObject({ state: 'ok', pins: 1, remaining: 1 });
    const status = (await get('/pinterest/analytics/status').expect(200)).body as {
      accounts: Array<{ accountId: number; state: string }>;
    };
    expect(status.accounts.map((a) => [a.accountId, a.state])).toEqual([
      [demoId, 'ok'],
      [frId, 'disconnected'],
    ]);
  });
});
