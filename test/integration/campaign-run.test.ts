/**
 * A re-pin campaign running, on a fake clock: the campaign's tick (which the test calls) hands pins
 * to
 * the real queue only when the clock reaches their slot, the worker pins them on the emulator, and
 * the
 * times they went out keep the pacing (interval, daily cap, window in the time zone) and the
 * spacing
 * between two pins of one link — after a pin made before the campaign, and after two days of
 * downtime.
 * Then pause, resume, cancel; a spam block stopping the campaign; a failure, its reason and a
 * retry.
 */
import request from 'supertest';
import { DateTime } from 'luxon';
import type { Core } from '@strapi/strapi';
import type { CampaignDTO, CampaignItemDTO } from '../../common/campaigns';
import { startEmulator, type Emulator } from '../../emulator/src';
import { markerOfLink } from '../../server/src/mapping/link';
import { registerSuperAdmin } from '../helpers/admin';
import { ARTICLE, article, campaignsOf, pinnedBefore } from '../helpers/campaigns';
import { uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const MIN = 60_000;
const DAY = 86_400_000;
const ZONE = 'Europe/Paris';

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;
let hero: number;
let recipes: string;
let travel: string;
let fakeNow = 0;

const api = () => request(strapi.server.httpServer);
const campaigns = () => campaignsOf(strapi);
const itemsOf = async (id: number) =>
  (await strapi.db
    .query('plugin::pinterest.campaign-item')
    .findMany({ where: { campaignId: id }, orderBy: { id: 'asc' } })) as Array<{
    id: number;
    entryDocumentId: string;
    boardId: string;
    linkKey: string;
    state: string;
    runAt: string | number;
    pinnedAt: string | number | null;
    pinId: string | null;
  }>;
const creates = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins');

async function start(body: Record<string, unknown>): Promise<CampaignDTO> {
  const res = await api()
    .post('/pinterest/campaigns')
    .set('Authorization', `Bearer ${jwt}`)
    .send(body);
  expect(res.status).toBe(201);
  return res.body.campaign;
}

async function get(id: number): Promise<CampaignDTO> {
  return (await api().get(`/pinterest/campaigns/${id}`).set('Authorization', `Bearer ${jwt}`)).body
    .campaign;
}

/**
 * One tick at the current fake time, then waits until the worker has settled what it was handed.
 */
async function tickAndSettle(id: number) {
  await campaigns().tick();
  await waitFor(async () => {
    const rows = await itemsOf(id);
    return rows.every((r) => r.state !== 'queued' && r.state !== 'pinning');
  }, `campaign ${id}'s queued pins to settle`);
}

/**
 * Moves the clock to the next planned pin (or by `by`), ticks, settles; the pinned items' fake
 * times.
 */
async function runToEnd(id: number, opts: { downtimeAfter?: number; maxSteps?: number } = {}) {
  let downtimeDone = false;
  for (let step = 0; step < (opts.maxSteps ?? 60); step += 1) {
    await tickAndSettle(id);
    const campaign = await get(id);
    if (campaign.status !== 'running') return campaign;
    const pinned = campaign.progress.done;
    if (opts.downtimeAfter !== undefined && pinned >= opts.downtimeAfter && !downtimeDone) {
      // two days without any tick (every instance down): the pins due meanwhile must not go in a
      // burst
      fakeNow += 2 * DAY;
      downtimeDone = true;
      continue;
    }
    // to the time the campaign says its next pin goes
    if (campaign.progress.nextAt)
      fakeNow = Math.max(fakeNow + 1, Date.parse(campaign.progress.nextAt));
  }
  return get(id);
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  recipes = [...emulator.state.boards.values()].find((b) => b.name === 'Recipes')!.id;
  travel = [...emulator.state.boards.values()].find((b) => b.name === 'Travel')!.id;
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_CAMPAIGN_TICK_RULE: '0 0 0 1 1 *',
    PINTEREST_CAMPAIGN_LOOKAHEAD_MS: '0',
    PINTEREST_SPAM_PAUSE_MS: String(60 * 60_000),
  });
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
  hero = (await uploadImage(strapi, { width: 600, height: 900, format: 'jpeg' })).id;
  campaigns().useClock(() => fakeNow);
}, 120_000);

afterAll(async () => {
  campaigns()?.useClock(null);
  await booted?.destroy();
  await emulator?.close();
});

describe('pacing and per-link spacing on a fake clock', () => {
  it('interval, daily cap, window and same-link spacing hold — after an earlier pin and after downtime — with exactly one pin each', async () => {
    fakeNow = Date.parse('2020-03-02T05:00:00Z'); // 06:00 in Paris, before the window
    const docs: string[] = [];
    for (let i = 0; i < 4; i += 1)
      docs.push(await article(strapi, `paced-${i}`, { hero, publishedAt: '2019-05-01T10:00:00Z' }));
    // paced-0 was pinned (its own pin) the day before: its first campaign pin waits two days from
    // then
    await pinnedBefore(strapi, docs[0], recipes, fakeNow - DAY);
    emulator.requests.length = 0;

    const campaign = await start({
      name: 'Spring',
      selection: { contentType: ARTICLE, documentIds: docs },
      boards: [{ boardId: recipes }, { boardId: travel }],
      pacing: {
        intervalMinutes: 30,
        maxPerDay: 3,
        window: { start: '09:00', end: '12:00' },
        timeZone: ZONE,
        minDaysBetweenSameLink: 2,
      },
      freshness: { titleTemplates: ['{title}, revisited', 'From the archive: {title}'] },
    });
    const done = await runToEnd(campaign.id, { downtimeAfter: 3 });
    expect(done.status).toBe('done');
    expect(done.progress).toMatchObject({ total: 8, done: 8, failed: 0, remaining: 0 });

    const rows = await itemsOf(campaign.id);
    const times = rows.map((r) => Number(r.pinnedAt)).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i += 1)
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(30 * MIN);
    const perDay = new Map<string, number>();
    for (const t of times) {
      const local = DateTime.fromMillis(t, { zone: ZONE });
      expect(local.hour).toBeGreaterThanOrEqual(9);
      expect(local.hour).toBeLessThan(12);
      perDay.set(local.toISODate()!, (perDay.get(local.toISODate()!) ?? 0) + 1);
    }
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(3);
    const byLink = new Map<string, number[]>();
    for (const r of rows)
      byLink.set(r.linkKey, [...(byLink.get(r.linkKey) ?? []), Number(r.pinnedAt)]);
    for (const pins of byLink.values()) {
      expect(pins).toHaveLength(2);
      expect(Math.abs(pins[1] - pins[0])).toBeGreaterThanOrEqual(2 * DAY);
    }
    const first0 = Math.min(
      ...rows.filter((r) => r.entryDocumentId === docs[0]).map((r) => Number(r.pinnedAt))
    );
    expect(first0).toBeGreaterThanOrEqual(Date.parse('2020-03-02T05:00:00Z') + DAY);
    // no pin before its slot
    for (const r of rows) expect(Number(r.pinnedAt)).toBeGreaterThanOrEqual(Number(r.runAt));

    // exactly one pin per item on Pinterest, each carrying its own marker, with the variant titles
    expect(creates()).toHaveLength(8);
    const made = [...emulator.state.pins.values()].filter((p) =>
      rows.some((r) => r.pinId === p.id)
    );
    expect(made).toHaveLength(8);
    expect(new Set(made.map((p) => markerOfLink(p.link))).size).toBe(8);
    expect(made.map((p) => p.title).sort()).toEqual(
      expect.arrayContaining(['Article paced-0, revisited', 'From the archive: Article paced-0'])
    );
  });
});

describe('pause, resume, cancel', () => {
  it('a paused campaign hands out nothing; resumed it goes on at its pace; cancelled, the rest is cancelled', async () => {
    fakeNow = Date.parse('2021-01-04T08:00:00Z');
    const docs = [];
    for (let i = 0; i < 5; i += 1)
      docs.push(
        await article(strapi, `pausable-${i}`, { hero, publishedAt: '2019-05-01T10:00:00Z' })
      );
    emulator.requests.length = 0;
    const campaign = await start({
      name: 'Pausable',
      selection: { contentType: ARTICLE, documentIds: docs },
      boards: [{ boardId: recipes }],
      pacing: { intervalMinutes: 60, timeZone: 'UTC', minDaysBetweenSameLink: 0 },
    });
    await tickAndSettle(campaign.id);
    expect(creates()).toHaveLength(1);

    const paused = await api()
      .post(`/pinterest/campaigns/${campaign.id}/pause`)
      .set('Authorization', `Bearer ${jwt}`);
    expect(paused.body.campaign).toMatchObject({
      status: 'paused',
      progress: { done: 1, remaining: 4, eta: null },
    });
    fakeNow += 3 * 60 * MIN;
    await tickAndSettle(campaign.id);
    expect(creates()).toHaveLength(1);
    expect(
      (
        await api()
          .post(`/pinterest/campaigns/${campaign.id}/pause`)
          .set('Authorization', `Bearer ${jwt}`)
      ).status
    ).toBe(409);

    const resumed = await api()
      .post(`/pinterest/campaigns/${campaign.id}/resume`)
      .set('Authorization', `Bearer ${jwt}`);
    expect(resumed.body.campaign.status).toBe('running');
    // three hours late: one pin now, the next an hour later — not all at once
    await tickAndSettle(campaign.id);
    expect(creates()).toHaveLength(2);
    const progress = (await get(campaign.id)).progress;
    expect(Date.parse(progress.eta!)).toBe(fakeNow + 3 * 60 * MIN);
    fakeNow += 30 * MIN;
    await tickAndSettle(campaign.id);
    expect(creates()).toHaveLength(2);
    fakeNow += 30 * MIN;
    await tickAndSettle(campaign.id);
    expect(creates()).toHaveLength(3);

    const cancelled = await api()
      .post(`/pinterest/campaigns/${campaign.id}/cancel`)
      .set('Authorization', `Bearer ${jwt}`);
    expect(cancelled.body.campaign).toMatchObject({
      status: 'cancelled',
      progress: { done: 3, cancelled: 2, remaining: 0 },
    });
    fakeNow += DAY;
    await tickAndSettle(campaign.id);
    expect(creates()).toHaveLength(3);
    expect(
      (
        await api()
          .post(`/pinterest/campaigns/${campaign.id}/resume`)
          .set('Authorization', `Bearer ${jwt}`)
      ).status
    ).toBe(409);
  });
});

describe('spam block and failures', () => {
  it('a spam block stops the campaign with the reason shown; it resumes once pinning may go on', async () => {
    fakeNow = Date.parse('2022-01-03T08:00:00Z');
    const docs = [];
    for (let i = 0; i < 3; i += 1)
      docs.push(await article(strapi, `spam-${i}`, { hero, publishedAt: '2019-05-01T10:00:00Z' }));
    emulator.setFault({ method: 'POST', path: '/v5/pins', spam: true, times: 1 });
    const campaign = await start({
      name: 'Spammy',
      selection: { contentType: ARTICLE, documentIds: docs },
      boards: [{ boardId: recipes }],
      pacing: { intervalMinutes: 10, timeZone: 'UTC', minDaysBetweenSameLink: 0 },
    });
    await tickAndSettle(campaign.id);
    const stopped = await get(campaign.id);
    expect(stopped.status).toBe('stopped');
    expect(stopped.stopReason).toMatchObject({ code: 'SPAM_BLOCKED' });
    expect(stopped.stopReason!.message).toMatch(/spam/i);
    expect(stopped.progress).toMatchObject({ done: 0, remaining: 3, failed: 0 });

    const refused = await api()
      .post(`/pinterest/campaigns/${campaign.id}/resume`)
      .set('Authorization', `Bearer ${jwt}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/paused until .* after a spam block/);
    await strapi.plugin('pinterest').service('connection').resumeWrites();
    expect(
      (
        await api()
          .post(`/pinterest/campaigns/${campaign.id}/resume`)
          .set('Authorization', `Bearer ${jwt}`)
      ).status
    ).toBe(200);
    const done = await runToEnd(campaign.id);
    expect(done).toMatchObject({ status: 'done', stopReason: null, progress: { done: 3 } });
  });

  it('a failed pin is listed with its reason in plain words, and a retry pins it', async () => {
    fakeNow = Date.parse('2023-01-02T08:00:00Z');
    const docs = [];
    for (let i = 0; i < 2; i += 1)
      docs.push(await article(strapi, `fails-${i}`, { hero, publishedAt: '2019-05-01T10:00:00Z' }));
    emulator.setFault({
      method: 'POST',
      path: '/v5/pins',
      status: 403,
      body: { code: 29, message: 'You are not permitted to access that resource.' },
      times: 1,
    });
    const campaign = await start({
      name: 'Failing',
      selection: { contentType: ARTICLE, documentIds: docs },
      boards: [{ boardId: recipes }],
      pacing: { intervalMinutes: 10, timeZone: 'UTC', minDaysBetweenSameLink: 0 },
    });
    const finished = await runToEnd(campaign.id);
    expect(finished).toMatchObject({
      status: 'done',
      progress: { done: 1, failed: 1, remaining: 0 },
    });

    const failed = await api()
      .get(`/pinterest/campaigns/${campaign.id}/items?state=failed`)
      .set('Authorization', `Bearer ${jwt}`);
    expect(failed.status).toBe(200);
    const item: CampaignItemDTO = failed.body.items[0];
    expect(failed.body.pagination).toEqual({ page: 1, pageSize: 20, total: 1 });
    expect(item).toMatchObject({
      documentId: docs[0],
      state: 'failed',
      lastError: { code: 'FORBIDDEN', retryable: false },
    });
    expect(item.lastError!.advice).toMatch(/reconnect it with all permissions/);

    const retried = await api()
      .post(`/pinterest/campaigns/${campaign.id}/items/${item.id}/retry`)
      .set('Authorization', `Bearer ${jwt}`);
    expect(retried.body.campaign).toMatchObject({
      status: 'running',
      progress: { failed: 0, remaining: 1 },
    });
    const again = await runToEnd(campaign.id);
    expect(again).toMatchObject({ status: 'done', progress: { done: 2, failed: 0 } });
    expect(
      (
        await api()
          .post(`/pinterest/campaigns/${campaign.id}/items/${item.id}/retry`)
          .set('Authorization', `Bearer ${jwt}`)
      ).status
    ).toBe(409);
    expect(
      (
        await api()
          .get(`/pinterest/campaigns/${campaign.id}/items?state=bogus`)
          .set('Authorization', `Bearer ${jwt}`)
      ).status
    ).toBe(400);
  });
});
