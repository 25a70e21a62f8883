/**
 * Pin analytics end to end: a real Strapi (playground, SQLite) syncs from the emulator over HTTP,
 * whose
 * metrics are a pure function of (pin id, day), so every total below is computed independently
 * here.
 * The emulator's clock is frozen at NOW and the sync is given the same clock.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { metricsFor, startEmulator, type Emulator } from '../../emulator/src';
import { getService } from '../../server/src/utils/get-service';
import { adminWithRole, fullAccessApiToken, registerSuperAdmin } from '../helpers/admin';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const TOKEN = 'pina_emulator_static_token';
const NOW = Date.parse('2030-05-20T12:00:00Z');
const DAY = 86_400_000;
const day = (offset: number, from = NOW) =>
  new Date(from + offset * DAY).toISOString().slice(0, 10);
const TODAY = day(0);

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let apiToken: string;
let adminJwt: string;

interface SeededPin {
  id: string;
  documentId: string;
  created: string;
  video: boolean;
  boardId: string;
}

const analytics = () => getService(strapi, 'analytics');
const settings = () => getService(strapi, 'settings');
const analyticsCalls = () =>
  emulator.requests.filter((r) => /^\/v5\/pins\/(\d+\/)?analytics$/.test(r.path));
const boardId = (name: string) =>
  [...emulator.state.boards.values()].find((b) => b.name === name)!.id;

/**
 * An article (published unless said otherwise) and its pin, made `daysAgo` days before NOW on
 * Pinterest.
 */
async function article(title: string, opts: { publish?: boolean } = {}) {
  const doc = await strapi
    .documents(ARTICLE)
    .create({ data: { title, pinterest: { enabled: false } } as never });
  if (opts.publish !== false)
    await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
  return doc.documentId;
}

async function pin(
  documentId: string,
  daysAgo: number,
  opts: { video?: boolean; board?: string } = {}
): Promise<SeededPin> {
  const before = new Set(emulator.state.pins.keys());
  const createdAt = new Date(NOW - daysAgo * DAY - 3_600_000).toISOString();
  const res = await request(emulator.url)
    .post('/_emulator/seed')
    .send({
      pins: [
        {
          board: opts.board ?? 'Recipes',
          title: `pin of ${documentId}`,
          created_at: createdAt,
          ...(opts.video && { creative_type: 'VIDEO' }),
        },
      ],
    });
  expect(res.status).toBe(200);
  const id = [...emulator.state.pins.keys()].find((k) => !before.has(k))!;
  const board = boardId(opts.board ?? 'Recipes');
  await strapi.db.query('plugin::pinterest.pin-record').create({
    data: {
      contentType: ARTICLE,
      entryDocumentId: documentId,
      entryLocale: 'default',
      boardId: board,
      marker: `m-${id}`,
      pinId: id,
      status: 'pinned',
      title: `pin of ${documentId}`,
      mediaSource: opts.video ? 'video_id' : 'image_url',
      pinnedAt: new Date(createdAt),
    },
  });
  return {
    id,
    documentId,
    created: createdAt.slice(0, 10),
    video: Boolean(opts.video),
    boardId: board,
  };
}

/**
 * What the entry's stats must be: every READY day (creation … `through`) of each pin, summed here.
 */
function expectedStats(pins: SeededPin[], through: string, lastSyncedAt: number) {
  const t = {
    impressions: 0,
    saves: 0,
    pinClicks: 0,
    outboundClicks: 0,
    videoViews: 0,
    videoStarts: 0,
    watch: 0,
  };
  const video = pins.some((p) => p.video);
  for (const p of pins) {
    for (let d = p.created; d <= through; d = day(1, Date.parse(`${d}T00:00:00Z`))) {
      const m = metricsFor(p.id, d, p.video);
      t.impressions += m.IMPRESSION;
      t.saves += m.SAVE;
      t.pinClicks += m.PIN_CLICK;
      t.outboundClicks += m.OUTBOUND_CLICK;
      if (p.video) {
        t.videoViews += m.VIDEO_MRC_VIEW;
        t.videoStarts += m.VIDEO_START;
        t.watch += m.VIDEO_AVG_WATCH_TIME * m.VIDEO_START;
      }
    }
  }
  return {
    impressions: t.impressions,
    saves: t.saves,
    pinClicks: t.pinClicks,
    outboundClicks: t.outboundClicks,
    saveRate: Math.round((t.saves / t.impressions) * 10_000) / 10_000,
    videoViews: video ? t.videoViews : null,
    videoStarts: video ? t.videoStarts : null,
    videoAvgWatchTime: video ? Math.round(t.watch / t.videoStarts) : null,
    pins: pins.length,
    from: pins.map((p) => p.created).sort()[0],
    through,
    lastSyncedAt: new Date(lastSyncedAt).toISOString(),
  };
}

/**
 * The analytics fields the plugin adds to a mapped content type (the playground's generated types
 * do not know them).
 */
interface AnalyticsColumns {
  pinterestStats: ReturnType<typeof expectedStats> | null;
  pinterestSaves: number | null;
  pinterestImpressions: number | null;
}

/** The columns of an article row the tests read. */
interface ArticleRow extends AnalyticsColumns {
  id: number;
  title: string;
  publishedAt: unknown;
  updatedAt: unknown;
}

const rowsOf = async (documentId: string) =>
  (await strapi.db
    .query(ARTICLE)
    .findMany({ where: { documentId }, orderBy: { id: 'asc' } })) as ArticleRow[];

/** The published version of an article, as the Document Service reads it. */
async function publishedRow(documentId: string) {
  const row = await strapi.documents(ARTICLE).findOne({ documentId, status: 'published' });
  if (!row) throw new Error(`no published version of ${documentId}`);
  return row as typeof row & AnalyticsColumns;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: TOKEN,
    PINTEREST_WORKER_ENABLED: 'false',
    // the schedule is proven registered below; the tests run the sync themselves, with the
    // emulator's clock
    PINTEREST_ANALYTICS_RULE: '0 0 0 1 1 *',
  });
  strapi = booted.strapi;
  apiToken = await fullAccessApiToken(strapi);
  adminJwt = await registerSuperAdmin(strapi);
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

beforeEach(async () => {
  for (const uid of [
    'plugin::pinterest.pin-daily-stat',
    'plugin::pinterest.pin-analytics',
    'plugin::pinterest.pin-record',
    ARTICLE,
  ]) {
    await strapi.db.query(uid).deleteMany({});
  }
  await strapi.store({ type: 'plugin', name: 'pinterest' }).delete({ key: 'analytics-status' });
  emulator.reset();
  emulator.setClock(new Date(NOW));
  // one call per pin unless a test is about the multi-pin endpoint (`auto`, the default, tries it
  // first)
  Object.assign(settings().getConfig().analytics, {
    batchSize: 100,
    maxCallsPerRun: 600,
    multiPin: 'never',
  });
});

it('registers the sync on Strapi’s cron with the configured rule', () => {
  const job = (strapi.cron.jobs as Array<{ name?: string; options: { rule: string } }>).find(
    (j) => j.name === 'pinterestAnalyticsSync'
  );
  expect(job?.options.rule).toBe('0 0 0 1 1 *');
});

describe('a sync', () => {
  it('stores exact totals per entry, readable and sortable through the Content API and the Document Service', async () => {
    const soup = await article('Soup');
    const clip = await article('Clip');
    const salad = await article('Salad');
    const soupPin = await pin(soup, 10);
    const clipPin = await pin(clip, 30, { video: true, board: 'Travel' });
    const saladPins = [await pin(salad, 60), await pin(salad, 45, { board: 'Travel' })];

    const result = await analytics().syncOnce({ now: NOW });
    expect(result).toMatchObject({
      outcome: 'done',
      state: 'ok',
      calls: 4,
      batchCalls: 0,
      pins: 4,
      entries: 3,
      remaining: 0,
    });

    // one call per pin, from the pin's creation day to today
    const calls = analyticsCalls().map((r) => ({ path: r.path, status: r.status, query: r.query }));
    expect(calls).toHaveLength(4);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    const callFor = (p: SeededPin) =>
      calls.find((c) => c.path === `/v5/pins/${p.id}/analytics`)!.query;
    expect(callFor(soupPin)).toEqual({
      start_date: soupPin.created,
      end_date: TODAY,
      metric_types: 'IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,SAVE_RATE',
    });
    expect(callFor(clipPin)).toEqual({
      start_date: clipPin.created,
      end_date: TODAY,
      metric_types:
        'IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,SAVE_RATE,VIDEO_MRC_VIEW,VIDEO_START,VIDEO_AVG_WATCH_TIME',
    });

    // days up to two days ago are READY in the emulator; today and yesterday are still PROCESSING
    const through = day(-2);
    const expected = {
      [soup]: expectedStats([soupPin], through, NOW),
      [clip]: expectedStats([clipPin], through, NOW),
      [salad]: expectedStats(saladPins, through, NOW),
    };
    for (const documentId of [soup, clip, salad]) {
      const published = await publishedRow(documentId);
      expect(published.pinterestStats).toEqual(expected[documentId]);
      expect(published.pinterestSaves).toBe(expected[documentId].saves);
      expect(published.pinterestImpressions).toBe(expected[documentId].impressions);
    }
    expect(expected[clip].videoViews).toBeGreaterThan(0);
    expect(expected[soup].videoViews).toBeNull();
    expect(
      await strapi.db
        .query('plugin::pinterest.pin-daily-stat')
        .count({ where: { pinId: soupPin.id } })
    ).toBe(9); // 10 days ago … 2 days ago

    // the Content API: sort and filter by saves
    const bySaves = [soup, clip, salad].sort((a, b) => expected[b].saves - expected[a].saves);
    // the README's queries, as written there
    const list = await request(booted.url)
      .get('/api/articles?sort=pinterestSaves:desc&pagination[pageSize]=10')
      .set('Authorization', `Bearer ${apiToken}`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((a: { documentId: string }) => a.documentId)).toEqual(bySaves);
    expect(list.body.data.map((a: { pinterestStats: unknown }) => a.pinterestStats)).toEqual(
      bySaves.map((d) => expected[d])
    );
    const threshold = expected[bySaves[1]].saves;
    const filtered = await request(booted.url)
      .get(`/api/articles?filters[pinterestSaves][$gte]=${threshold}&sort=pinterestSaves:desc`)
      .set('Authorization', `Bearer ${apiToken}`);
    expect(filtered.body.data.map((a: { documentId: string }) => a.documentId)).toEqual([
      bySaves[0],
      bySaves[1],
    ]);
    const ascending = await request(booted.url)
      .get('/api/articles?sort=pinterestSaves:asc')
      .set('Authorization', `Bearer ${apiToken}`);
    expect(ascending.body.data.map((a: { documentId: string }) => a.documentId)).toEqual(
      [...bySaves].reverse()
    );

    // the Document Service, the same way
    const top = await strapi
      .documents(ARTICLE)
      .findMany({ status: 'published', sort: { pinterestSaves: 'desc' }, limit: 10 } as never);
    expect(top.map((d) => d.documentId)).toEqual(bySaves);
    const docs = await strapi.documents(ARTICLE).findMany({
      status: 'published',
      sort: { pinterestImpressions: 'asc' } as never,
      fields: ['title', 'pinterestImpressions'] as never,
    });
    const byImpressions = [soup, clip, salad].sort(
      (a, b) => expected[a].impressions - expected[b].impressions
    );
    expect(docs.map((d) => d.documentId)).toEqual(byImpressions);
  });

  it('changes neither drafts nor published versions, and stale forms or API writes cannot overwrite the stats', async () => {
    const edited = await article('Published, then edited');
    await strapi
      .documents(ARTICLE)
      .update({ documentId: edited, data: { title: 'A newer draft' } as never });
    const draftOnly = await article('Never published', { publish: false });
    const editedPin = await pin(edited, 20);
    const draftPin = await pin(draftOnly, 20);

    // an editor opens the entry before the sync…
    const cm = `/content-manager/collection-types/${ARTICLE}/${edited}`;
    const opened = await request(booted.url).get(cm).set('Authorization', `Bearer ${adminJwt}`);
    expect(opened.status).toBe(200);
    // the form's values, as the edit view submits them (system fields aside), stats included
    const {
      id: _id,
      documentId: _doc,
      status: _status,
      createdAt: _c,
      updatedAt: _u,
      publishedAt: _p,
      createdBy: _cb,
      updatedBy: _ub,
      locale: _l,
      localizations: _ls,
      ...staleForm
    } = opened.body.data;
    expect(staleForm.pinterestStats).toBeNull();
    const statusBefore = opened.body.meta.availableStatus;

    const before = { edited: await rowsOf(edited), draftOnly: await rowsOf(draftOnly) };
    expect(before.edited).toHaveLength(2);
    expect(before.draftOnly).toHaveLength(1);
    await analytics().syncOnce({ now: NOW });
    const after = { edited: await rowsOf(edited), draftOnly: await rowsOf(draftOnly) };

    const expectedEdited = expectedStats([editedPin], day(-2), NOW);
    const keep = (r: ArticleRow) => ({
      id: r.id,
      title: r.title,
      publishedAt: r.publishedAt,
      updatedAt: r.updatedAt,
    });
    expect(after.edited.map(keep)).toEqual(before.edited.map(keep));
    expect(after.draftOnly.map(keep)).toEqual(before.draftOnly.map(keep));
    expect(after.edited.map((r) => r.pinterestStats)).toEqual([expectedEdited, expectedEdited]);
    expect(after.draftOnly[0].pinterestStats).toEqual(expectedStats([draftPin], day(-2), NOW));
    expect(after.draftOnly[0].publishedAt).toBeNull();
    const reopened = await request(booted.url).get(cm).set('Authorization', `Bearer ${adminJwt}`);
    expect(reopened.body.data.title).toBe('A newer draft');
    expect(reopened.body.meta.availableStatus).toEqual(statusBefore);
    expect(reopened.body.data.pinterestSaves).toBe(expectedEdited.saves);

    // …and saves the stale form, stats included: the stats stay
    const saved = await request(booted.url)
      .put(cm)
      .set('Authorization', `Bearer ${adminJwt}`)
      .send({ ...staleForm, title: 'Saved from a stale form' });
    expect([saved.status, saved.body?.error?.message]).toEqual([200, undefined]);
    // a Content API client tries to write them too
    const forged = await request(booted.url)
      .put(`/api/articles/${edited}`)
      .set('Authorization', `Bearer ${apiToken}`)
      .send({ data: { pinterestSaves: 999_999, pinterestStats: { saves: 999_999 } } });
    expect(forged.status).toBe(200);
    const rows = await rowsOf(edited);
    expect(rows.find((r) => !r.publishedAt)!.title).toBe('Saved from a stale form');
    expect(rows.map((r) => [r.pinterestSaves, r.pinterestStats])).toEqual([
      [expectedEdited.saves, expectedEdited],
      [expectedEdited.saves, expectedEdited],
    ]);

    // publishing copies the draft, stats included; a clone starts without the original's stats
    await strapi.documents(ARTICLE).publish({ documentId: edited });
    expect((await publishedRow(edited)).pinterestStats).toEqual(expectedEdited);
    const clone = await strapi
      .documents(ARTICLE)
      .clone({ documentId: edited, data: { title: 'A copy' } as never });
    const cloneRows = await rowsOf((clone as { documentId: string }).documentId);
    expect(cloneRows.length).toBeGreaterThan(0);
    expect(cloneRows.map((r) => [r.pinterestStats, r.pinterestSaves])).toEqual(
      cloneRows.map(() => [null, null])
    );
  });

  it('stores an ESTIMATE or PROCESSING day once it turns READY, asking only for the days still open', async () => {
    emulator.reset({ estimateDays: 1 });
    emulator.setClock(new Date(NOW));
    const doc = await article('Fresh');
    const p = await pin(doc, 10);

    await analytics().syncOnce({ now: NOW });
    // READY up to 3 days ago; 2 days ago ESTIMATE; yesterday and today PROCESSING
    expect((await publishedRow(doc)).pinterestStats).toEqual(expectedStats([p], day(-3), NOW));
    const first = await strapi.db
      .query('plugin::pinterest.pin-daily-stat')
      .findMany({ where: { pinId: p.id }, orderBy: { day: 'asc' } });
    expect(first.map((r: { day: string }) => r.day).pop()).toBe(day(-3));

    emulator.requests.length = 0;
    const tomorrow = NOW + DAY;
    emulator.setClock(new Date(tomorrow));
    const result = await analytics().syncOnce({ now: tomorrow });
    expect(result).toMatchObject({ state: 'ok', calls: 1, pins: 1 });
    const [call] = analyticsCalls();
    expect(call.query.start_date).toBe(day(-2));
    expect(call.query.end_date).toBe(day(1));
    const stats = (await publishedRow(doc)).pinterestStats;
    expect(stats).toEqual(expectedStats([p], day(-2), tomorrow));
    const was = expectedStats([p], day(-3), NOW);
    expect(stats!.saves - was.saves).toBe(metricsFor(p.id, day(-2)).SAVE);
    expect(
      await strapi.db.query('plugin::pinterest.pin-daily-stat').count({ where: { pinId: p.id } })
    ).toBe(first.length + 1);
  });

  it('syncs pins created up to 90 days ago, not 91, and keeps their history after the window', async () => {
    const edge = await article('Exactly 90 days old');
    const tooOld = await article('91 days old');
    const edgePin = await pin(edge, 90);
    await pin(tooOld, 91);

    const result = await analytics().syncOnce({ now: NOW });
    expect(result).toMatchObject({ state: 'ok', calls: 1, pins: 1 });
    const [call] = analyticsCalls();
    expect(call.path).toBe(`/v5/pins/${edgePin.id}/analytics`);
    expect(call.status).toBe(200);
    expect(call.query.start_date).toBe(day(-90));
    const edgeStats = expectedStats([edgePin], day(-2), NOW);
    expect((await publishedRow(edge)).pinterestStats).toEqual(edgeStats);
    expect((await publishedRow(tooOld)).pinterestStats).toBeNull();

    // 120 days later Pinterest has nothing left for that pin: no call, and the history is still
    // there
    emulator.requests.length = 0;
    const later = NOW + 120 * DAY;
    emulator.setClock(new Date(later));
    expect(await analytics().syncOnce({ now: later })).toMatchObject({ state: 'ok', calls: 0 });
    expect(analyticsCalls()).toHaveLength(0);
    // nothing due: not even the account is asked for
    expect(emulator.requests.filter((r) => r.path === '/v5/user_account')).toHaveLength(0);
    expect((await publishedRow(edge)).pinterestStats).toEqual(edgeStats);
    const overview = await request(booted.url)
      .get(`/pinterest/analytics/overview?from=${day(-90)}&to=${TODAY}`)
      .set('Authorization', `Bearer ${adminJwt}`);
    expect(overview.body.totals).toMatchObject({
      impressions: edgeStats.impressions,
      saves: edgeStats.saves,
      pins: 1,
    });
  });
});

describe('calls and budget', () => {
  it('uses the multi-pin endpoint in batches when the app may, video pins apart', async () => {
    emulator.state.flags.multiPinAnalyticsAllowed = true;
    Object.assign(settings().getConfig().analytics, { batchSize: 2, multiPin: 'auto' });
    const docs = [await article('A'), await article('B'), await article('C')];
    const pins = [
      await pin(docs[0], 5),
      await pin(docs[1], 6),
      await pin(docs[2], 7),
      await pin(docs[2], 8, { board: 'Travel' }),
      await pin(docs[0], 9, { video: true, board: 'Travel' }),
    ];

    const result = await analytics().syncOnce({ now: NOW });
    expect(result).toMatchObject({ state: 'ok', calls: 3, batchCalls: 3, pins: 5 });
    const calls = analyticsCalls();
    expect(calls.every((c) => c.path === '/v5/pins/analytics' && c.status === 200)).toBe(true);
    const asked = calls.map((c) => c.query.pin_ids.split(','));
    expect(asked).toEqual([[pins[0].id, pins[1].id], [pins[2].id, pins[3].id], [pins[4].id]]);
    expect(calls[2].query.metric_types).toContain('VIDEO_MRC_VIEW');
    expect(calls[0].query.metric_types).not.toContain('VIDEO');
    expect(calls[0].query.start_date).toBe(pins[1].created);
    const stats = async (d: string) => (await publishedRow(d)).pinterestStats;
    expect(await stats(docs[0])).toEqual(expectedStats([pins[0], pins[4]], day(-2), NOW));
    expect(await stats(docs[2])).toEqual(expectedStats([pins[2], pins[3]], day(-2), NOW));
    const status = await request(booted.url)
      .get('/pinterest/analytics/status')
      .set('Authorization', `Bearer ${adminJwt}`);
    expect(status.body).toMatchObject({ state: 'ok', multiPin: 'available', trackedPins: 5 });
  });

  it('falls back to one call per pin when Pinterest refuses the multi-pin endpoint, and remembers it', async () => {
    Object.assign(settings().getConfig().analytics, { multiPin: 'auto' });
    const docs = [await article('A'), await article('B')];
    const pins = [
      await pin(docs[0], 5),
      await pin(docs[1], 6),
      await pin(docs[1], 7, { board: 'Travel' }),
    ];

    const result = await analytics().syncOnce({ now: NOW });
    expect(result).toMatchObject({ state: 'ok', calls: 4, batchCalls: 1, pins: 3 });
    const calls = analyticsCalls();
    expect(calls.map((c) => [c.path, c.status])).toEqual([
      ['/v5/pins/analytics', 403],
      [`/v5/pins/${pins[0].id}/analytics`, 200],
      [`/v5/pins/${pins[1].id}/analytics`, 200],
      [`/v5/pins/${pins[2].id}/analytics`, 200],
    ]);
    expect((await publishedRow(docs[1])).pinterestStats).toEqual(
      expectedStats([pins[1], pins[2]], day(-2), NOW)
    );
    expect((await analytics().describeStatus()).multiPin).toBe('unavailable');

    emulator.requests.length = 0;
    const later = NOW + 12 * 3_600_000;
    emulator.setClock(new Date(later));
    expect(await analytics().syncOnce({ now: later })).toMatchObject({ calls: 3, batchCalls: 0 });
    expect(analyticsCalls().filter((c) => c.path === '/v5/pins/analytics')).toHaveLength(0);
  });

  it('spreads a catalogue over several runs when the call budget runs out, newest pins first', async () => {
    Object.assign(settings().getConfig().analytics, { maxCallsPerRun: 2 });
    const pins: SeededPin[] = [];
    for (const daysAgo of [40, 3, 70, 12, 25])
      pins.push(await pin(await article(`${daysAgo} days old`), daysAgo));
    const order = [...pins].sort((a, b) => (a.created < b.created ? 1 : -1)).map((p) => p.id);

    const runs: string[][] = [];
    for (let i = 0; i < 3; i += 1) {
      emulator.requests.length = 0;
      const r = await analytics().syncOnce({ now: NOW + i * 60_000 });
      expect(r.state).toBe(i < 2 ? 'partial' : 'ok');
      expect(r.remaining).toBe([3, 1, 0][i]);
      runs.push(analyticsCalls().map((c) => c.path.split('/')[3]));
    }
    expect(runs).toEqual([order.slice(0, 2), order.slice(2, 4), order.slice(4)]);
    const status = await analytics().describeStatus();
    expect(status.state).toBe('ok');
  });
});

describe('a personal account', () => {
  it('gets one clear message, no analytics calls and no per-pin errors', async () => {
    emulator.reset({ user: { account_type: 'PINNER' } });
    emulator.setClock(new Date(NOW));
    const doc = await article('Personal');
    await pin(doc, 5);
    await pin(doc, 6, { board: 'Travel' });

    const warnings: string[] = [];
    const warn = strapi.log.warn.bind(strapi.log);
    strapi.log.warn = ((m: string) => {
      warnings.push(String(m));
      return warn(m);
    }) as typeof strapi.log.warn;
    try {
      for (let i = 0; i < 3; i += 1) {
        const r = await analytics().syncOnce({ now: NOW + i * DAY });
        expect(r).toMatchObject({ state: 'not_business', calls: 0, pins: 0 });
      }
    } finally {
      strapi.log.warn = warn;
    }
    expect(analyticsCalls()).toHaveLength(0);
    expect(warnings.filter((w) => w.includes('[pinterest] analytics'))).toEqual([
      '[pinterest] analytics sync: Pin analytics need a Pinterest business account: the connected account is a personal one. Convert the account to a business account on Pinterest (free), or connect a business account; the sync resumes by itself.',
    ]);
    const status = await request(booted.url)
      .get('/pinterest/analytics/status')
      .set('Authorization', `Bearer ${adminJwt}`);
    expect(status.body).toMatchObject({
      state: 'not_business',
      message:
        'Pin analytics need a Pinterest business account: the connected account is a personal one.',
      advice:
        'Convert the account to a business account on Pinterest (free), or connect a business account; the sync resumes by itself.',
    });
    const rows = await strapi.db.query('plugin::pinterest.pin-analytics').findMany({});
    expect(
      rows.map((r: { lastError: unknown; syncState: string }) => [r.syncState, r.lastError])
    ).toEqual([
      ['active', null],
      ['active', null],
    ]);
    expect((await publishedRow(doc)).pinterestStats).toBeNull();
  });
});

describe('the admin API', () => {
  it('answers the dashboard and the side panel from the stored days, and exports CSV', async () => {
    const soup = await article('Soup');
    const clip = await article('Clip');
    const soupPin = await pin(soup, 10);
    const clipPin = await pin(clip, 20, { video: true, board: 'Travel' });
    await analytics().syncOnce({ now: NOW });
    const get = (path: string) =>
      request(booted.url).get(path).set('Authorization', `Bearer ${adminJwt}`);
    const period = `from=${day(-6)}&to=${TODAY}`;
    const week = (p: SeededPin, k: string) =>
      [-6, -5, -4, -3, -2].reduce((n, o) => n + metricsFor(p.id, day(o), p.video)[k], 0);

    const overview = await get(`/pinterest/analytics/overview?${period}`);
    expect(overview.status).toBe(200);
    expect(overview.body.totals).toEqual({
      impressions: week(soupPin, 'IMPRESSION') + week(clipPin, 'IMPRESSION'),
      saves: week(soupPin, 'SAVE') + week(clipPin, 'SAVE'),
      pinClicks: week(soupPin, 'PIN_CLICK') + week(clipPin, 'PIN_CLICK'),
      outboundClicks: week(soupPin, 'OUTBOUND_CLICK') + week(clipPin, 'OUTBOUND_CLICK'),
      saveRate:
        Math.round(
          ((week(soupPin, 'SAVE') + week(clipPin, 'SAVE')) /
            (week(soupPin, 'IMPRESSION') + week(clipPin, 'IMPRESSION'))) *
            10_000
        ) / 10_000,
      videoViews: week(clipPin, 'VIDEO_MRC_VIEW'),
      pins: 2,
    });
    // the series stops at the last final day: yesterday and today are not known yet, not zero
    expect(overview.body.period).toEqual({ from: day(-6), to: TODAY, finalThrough: day(-2) });
    expect(overview.body.series.map((p: { date: string }) => p.date)).toEqual(
      [-6, -5, -4, -3, -2].map((o) => day(o))
    );
    const m = (p: SeededPin, o: number) => metricsFor(p.id, day(o), p.video);
    expect(overview.body.series[4]).toEqual({
      date: day(-2),
      impressions: m(soupPin, -2).IMPRESSION + m(clipPin, -2).IMPRESSION,
      saves: m(soupPin, -2).SAVE + m(clipPin, -2).SAVE,
      pinClicks: m(soupPin, -2).PIN_CLICK + m(clipPin, -2).PIN_CLICK,
      outboundClicks: m(soupPin, -2).OUTBOUND_CLICK + m(clipPin, -2).OUTBOUND_CLICK,
      videoViews: m(clipPin, -2).VIDEO_MRC_VIEW,
    });
    expect(overview.body.filters.contentTypes).toEqual([{ uid: ARTICLE, name: 'Article' }]);
    expect(overview.body.filters.boards.map((b: { name: string }) => b.name)).toEqual(
      expect.arrayContaining(['Recipes', 'Travel'])
    );

    const travel = await get(`/pinterest/analytics/overview?${period}&boardId=${clipPin.boardId}`);
    expect(travel.body.totals).toMatchObject({ impressions: week(clipPin, 'IMPRESSION'), pins: 1 });

    const top = await get(`/pinterest/analytics/pins?${period}&sort=impressions&dir=asc`);
    const ascending = [soupPin, clipPin].sort(
      (a, b) => week(a, 'IMPRESSION') - week(b, 'IMPRESSION')
    );
    expect(top.body.total).toBe(2);
    expect(top.body.pins.map((p: { pinId: string }) => p.pinId)).toEqual(
      ascending.map((p) => p.id)
    );
    expect(top.body.pins.find((p: { pinId: string }) => p.pinId === clipPin.id)).toMatchObject({
      pinUrl: `https://www.pinterest.com/pin/${clipPin.id}/`,
      contentType: ARTICLE,
      contentTypeName: 'Article',
      documentId: clip,
      title: `pin of ${clip}`,
      boardName: 'Travel',
      videoViews: week(clipPin, 'VIDEO_MRC_VIEW'),
    });
    const byVideo = await get(`/pinterest/analytics/pins?${period}&sort=videoViews&dir=desc`);
    expect(
      byVideo.body.pins.map((p: { pinId: string; videoViews: number | null }) => [
        p.pinId,
        p.videoViews,
      ])
    ).toEqual([
      [clipPin.id, week(clipPin, 'VIDEO_MRC_VIEW')],
      [soupPin.id, null],
    ]);

    const csv = await get(`/pinterest/analytics/export?${period}&sort=saves`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="pinterest-pins-${day(-6)}-to-${TODAY}.csv"`
    );
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'pin_id,pin_url,content_type,document_id,locale,account_id,account,title,board_id,board,impressions,saves,pin_clicks,outbound_clicks,save_rate,video_views,from,to'
    );
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith(soupPin.id))).toBe(
      [
        soupPin.id,
        `https://www.pinterest.com/pin/${soupPin.id}/`,
        ARTICLE,
        soup,
        'default',
        // stats recorded without an account (a configured token's pins): no account columns
        '',
        '',
        `pin of ${soup}`,
        soupPin.boardId,
        'Recipes',
        week(soupPin, 'IMPRESSION'),
        week(soupPin, 'SAVE'),
        week(soupPin, 'PIN_CLICK'),
        week(soupPin, 'OUTBOUND_CLICK'),
        Math.round((week(soupPin, 'SAVE') / week(soupPin, 'IMPRESSION')) * 10_000) / 10_000,
        '',
        day(-6),
        TODAY,
      ].join(',')
    );

    const panel = await get(`/pinterest/analytics/entries/${ARTICLE}/${clip}`);
    expect(panel.status).toBe(200);
    expect(panel.body.stats).toMatchObject({
      saves: expectedStats([clipPin], day(-2), NOW).saves,
      pins: 1,
    });
    expect(panel.body.mapped).toBe(true);
    expect(panel.body.series).toHaveLength(90);
    expect(panel.body.series[89]).toMatchObject({
      date: day(-2),
      impressions: m(clipPin, -2).IMPRESSION,
      videoViews: m(clipPin, -2).VIDEO_MRC_VIEW,
    });
    expect(panel.body.series[0]).toMatchObject({ date: day(-91), impressions: 0 });

    expect((await get(`/pinterest/analytics/pins?${period}&sort=likes`)).status).toBe(400);
    expect(
      (await get(`/pinterest/analytics/overview?from=${TODAY}&to=${day(-1)}`)).body.error.message
    ).toBe('from: must not be after to');
    expect((await get('/pinterest/analytics/overview?from=yesterday')).status).toBe(400);
  });

  it('needs an admin session and the “Read stats” permission', async () => {
    expect((await request(booted.url).get('/pinterest/analytics/overview')).status).toBe(401);
    const { token, roleId } = await adminWithRole(
      strapi,
      'strapi-author',
      `author-${Date.now()}@example.com`
    );
    const asAuthor = (path: string) =>
      request(booted.url).get(path).set('Authorization', `Bearer ${token}`);
    for (const path of [
      '/pinterest/analytics/overview',
      '/pinterest/analytics/pins',
      '/pinterest/analytics/export',
      '/pinterest/analytics/status',
      `/pinterest/analytics/entries/${ARTICLE}/x`,
    ]) {
      expect([path, (await asAuthor(path)).status]).toEqual([path, 403]);
    }
    expect(
      (
        await request(booted.url)
          .post('/pinterest/analytics/sync')
          .set('Authorization', `Bearer ${token}`)
      ).status
    ).toBe(403);
    await strapi
      .service('admin::role')
      .addPermissions(roleId, [
        { action: 'plugin::pinterest.stats.read', subject: null, properties: {}, conditions: [] },
      ]);
    expect((await asAuthor('/pinterest/analytics/overview')).status).toBe(200);
    expect(
      (
        await request(booted.url)
          .post('/pinterest/analytics/sync')
          .set('Authorization', `Bearer ${token}`)
      ).status
    ).toBe(403);
  });
});
