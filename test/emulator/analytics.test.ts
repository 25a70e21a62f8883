/**
 * Analytics: deterministic numbers, data_status per day, the 90-day rules, business-only, the
 * multi-pin beta.
 */
import { metricsFor, startEmulator, type Emulator } from '../../emulator/src';
import { addDays, call, isoDay } from './kit';

const NOW = new Date('2030-05-20T12:00:00Z');
let emu: Emulator;
let pinId: string;
let videoId: string;
let olderId: string;

const seed = {
  pins: [
    { board: 'Recipes', title: 'Soup', created_at: '2030-05-10T08:00:00Z' },
    {
      board: 'Travel',
      title: 'Clip',
      created_at: '2030-04-01T08:00:00Z',
      creative_type: 'VIDEO' as const,
    },
    { board: 'Travel', title: 'Older', created_at: '2029-01-01T00:00:00Z' },
  ],
};

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.setClock(NOW);
  const byTitle = (t: string) => [...emu.state.pins.values()].find((p) => p.title === t)!.id;
  [pinId, videoId, olderId] = [byTitle('Soup'), byTitle('Clip'), byTitle('Older')];
});
afterEach(() => {
  expect(
    emu.requests
      .filter((r) => r.specMismatch)
      .map((r) => `${r.method} ${r.path}: ${r.specMismatch}`)
  ).toEqual([]);
});

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); isoDay(d) <= to; d = addDays(d, 1))
    out.push(isoDay(d));
  return out;
};
const pinAnalytics = (
  id: string,
  start: string,
  end: string,
  metrics = 'IMPRESSION,SAVE,SAVE_RATE,PIN_CLICK,OUTBOUND_CLICK',
  extra = ''
) =>
  call(
    emu.url,
    'GET',
    `/v5/pins/${id}/analytics?start_date=${start}&end_date=${end}&metric_types=${metrics}${extra}`
  );

describe('metricsFor', () => {
  it('is a pure function of (pin id, date)', () => {
    expect(metricsFor('123', '2030-01-01')).toEqual(metricsFor('123', '2030-01-01'));
    expect(metricsFor('123', '2030-01-01')).not.toEqual(metricsFor('123', '2030-01-02'));
    expect(metricsFor('123', '2030-01-01')).not.toEqual(metricsFor('124', '2030-01-01'));
    const m = metricsFor('123', '2030-01-01');
    expect(m.SAVE_RATE).toBeCloseTo(m.SAVE / m.IMPRESSION, 4);
    expect(metricsFor('123', '2030-01-01', true).VIDEO_START).toEqual(expect.any(Number));
  });
});

describe('GET /v5/pins/{id}/analytics', () => {
  it('answers key "all" with daily statuses and totals tests can compute', async () => {
    const res = await pinAnalytics(pinId, '2030-05-01', '2030-05-20');
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['all']);
    const { daily_metrics, summary_metrics, lifetime_metrics } = res.json.all;
    expect(daily_metrics.map((d: { date: string }) => d.date)).toEqual(
      days('2030-05-01', '2030-05-20')
    );
    const status = Object.fromEntries(
      daily_metrics.map((d: { date: string; data_status: string }) => [d.date, d.data_status])
    );
    for (const d of days('2030-05-01', '2030-05-09')) expect(status[d]).toBe('BEFORE_PIN_CREATED');
    for (const d of days('2030-05-10', '2030-05-18')) expect(status[d]).toBe('READY');
    expect([status['2030-05-19'], status['2030-05-20']]).toEqual(['PROCESSING', 'PROCESSING']);
    expect(daily_metrics[0]).toEqual({ date: '2030-05-01', data_status: 'BEFORE_PIN_CREATED' });
    expect(daily_metrics[9].metrics).toEqual({
      IMPRESSION: metricsFor(pinId, '2030-05-10').IMPRESSION,
      SAVE: metricsFor(pinId, '2030-05-10').SAVE,
      SAVE_RATE: metricsFor(pinId, '2030-05-10').SAVE_RATE,
      PIN_CLICK: metricsFor(pinId, '2030-05-10').PIN_CLICK,
      OUTBOUND_CLICK: metricsFor(pinId, '2030-05-10').OUTBOUND_CLICK,
    });
    const live = days('2030-05-10', '2030-05-20');
    const sum = (k: string) => live.reduce((n, d) => n + metricsFor(pinId, d)[k], 0);
    expect(summary_metrics).toEqual({
      IMPRESSION: sum('IMPRESSION'),
      SAVE: sum('SAVE'),
      SAVE_RATE: Math.round((sum('SAVE') / sum('IMPRESSION')) * 10_000) / 10_000,
      PIN_CLICK: sum('PIN_CLICK'),
      OUTBOUND_CLICK: sum('OUTBOUND_CLICK'),
    });
    expect(lifetime_metrics).toEqual({});
    const again = await pinAnalytics(pinId, '2030-05-01', '2030-05-20');
    expect(again.json).toEqual(res.json);
  });

  it('honours processingDays and the emulator clock', async () => {
    emu.reset({ ...seed, processingDays: 0 });
    emu.setClock(addDays(NOW, 5));
    const res = await pinAnalytics(pinId, '2030-05-18', '2030-05-20');
    expect(res.json.all.daily_metrics.map((d: { data_status: string }) => d.data_status)).toEqual([
      'READY',
      'READY',
      'READY',
    ]);
  });

  it('marks the estimateDays before the PROCESSING ones ESTIMATE, and they turn READY as the clock moves', async () => {
    emu.reset({ ...seed, estimateDays: 2 });
    emu.setClock(NOW);
    const statuses = async () =>
      (await pinAnalytics(pinId, '2030-05-15', '2030-05-20')).json.all.daily_metrics.map(
        (d: { date: string; data_status: string }) => `${d.date.slice(8)} ${d.data_status}`
      );
    expect(await statuses()).toEqual([
      '15 READY',
      '16 READY',
      '17 ESTIMATE',
      '18 ESTIMATE',
      '19 PROCESSING',
      '20 PROCESSING',
    ]);
    emu.setClock(addDays(NOW, 2));
    expect(await statuses()).toEqual([
      '15 READY',
      '16 READY',
      '17 READY',
      '18 READY',
      '19 ESTIMATE',
      '20 ESTIMATE',
    ]);
  });

  it('puts TOTAL_COMMENTS/TOTAL_REACTIONS in lifetime_metrics and video metrics on VIDEO pins only', async () => {
    const video = await pinAnalytics(
      videoId,
      '2030-05-01',
      '2030-05-02',
      'IMPRESSION,VIDEO_START,TOTAL_COMMENTS'
    );
    expect(video.json.all.daily_metrics[0].metrics).toEqual({
      IMPRESSION: metricsFor(videoId, '2030-05-01', true).IMPRESSION,
      VIDEO_START: metricsFor(videoId, '2030-05-01', true).VIDEO_START,
    });
    expect(Object.keys(video.json.all.lifetime_metrics)).toEqual(['TOTAL_COMMENTS']);
    const image = await pinAnalytics(olderId, '2030-05-01', '2030-05-02', 'IMPRESSION,VIDEO_START');
    expect(Object.keys(image.json.all.daily_metrics[0].metrics)).toEqual(['IMPRESSION']);
  });

  it('splits by app type when asked', async () => {
    const res = await pinAnalytics(
      olderId,
      '2030-05-01',
      '2030-05-03',
      'IMPRESSION,SAVE',
      '&split_field=APP_TYPE'
    );
    expect(Object.keys(res.json).sort()).toEqual(['MOBILE', 'TABLET', 'WEB']);
    const total = ['MOBILE', 'TABLET', 'WEB'].reduce(
      (n, k) => n + res.json[k].summary_metrics.IMPRESSION,
      0
    );
    expect(total).toBe(
      days('2030-05-01', '2030-05-03').reduce((n, d) => n + metricsFor(olderId, d).IMPRESSION, 0)
    );
  });

  it('enforces the 90-day rules naming the field', async () => {
    const tooOld = await pinAnalytics(olderId, isoDay(addDays(NOW, -91)), isoDay(NOW));
    expect([tooOld.status, tooOld.json]).toEqual([
      400,
      {
        code: 1,
        message: 'Invalid request: start_date cannot be more than 90 days back from today',
      },
    ]);
    expect((await pinAnalytics(olderId, isoDay(addDays(NOW, -90)), isoDay(NOW))).status).toBe(200);
    const tooLong = await pinAnalytics(olderId, isoDay(addDays(NOW, -90)), isoDay(addDays(NOW, 1)));
    expect(tooLong.json).toEqual({
      code: 1,
      message: 'Invalid request: end_date cannot be more than 90 days past start_date',
    });
    const backwards = await pinAnalytics(olderId, '2030-05-10', '2030-05-01');
    expect(backwards.json.message).toBe('Invalid request: end_date cannot be before start_date');
    expect(
      (
        await pinAnalytics(
          olderId,
          '2030-05-10',
          '2030-05-11',
          'IMPRESSION',
          '&metric_types=CLICKS'
        )
      ).json.code
    ).toBe(1);
  });

  it('needs a business account and an existing pin', async () => {
    expect((await pinAnalytics('123456789012345678', '2030-05-01', '2030-05-02')).json).toEqual({
      code: 404,
      message: 'Pin not found.',
    });
    emu.reset({ ...seed, user: { account_type: 'PINNER' } });
    const res = await pinAnalytics([...emu.state.pins.values()][0].id, '2030-05-01', '2030-05-02');
    expect([res.status, res.json]).toEqual([
      403,
      { code: 403, message: 'Not authorized to access the user account analytics.' },
    ]);
  });
});

describe('multi-pin and account analytics', () => {
  it('refuses GET /v5/pins/analytics without the beta, then answers per pin with it', async () => {
    const url = `/v5/pins/analytics?pin_ids=${pinId},${olderId}&start_date=2030-05-15&end_date=2030-05-16&metric_types=IMPRESSION`;
    expect((await call(emu.url, 'GET', url)).json).toEqual({
      code: 29,
      message: 'You are not permitted to access that resource.',
    });
    emu.reset({ ...seed, multiPinAnalyticsAllowed: true });
    emu.setClock(NOW);
    const res = await call(emu.url, 'GET', url);
    expect(Object.keys(res.json)).toEqual([pinId, olderId]);
    expect(res.json[pinId].all.summary_metrics.IMPRESSION).toBe(
      metricsFor(pinId, '2030-05-15').IMPRESSION + metricsFor(pinId, '2030-05-16').IMPRESSION
    );
    const tooMany = Array.from({ length: 101 }, (_, i) => String(100 + i)).join(',');
    expect(
      (
        await call(
          emu.url,
          'GET',
          `/v5/pins/analytics?pin_ids=${tooMany}&start_date=2030-05-15&end_date=2030-05-16&metric_types=IMPRESSION`
        )
      ).json.message
    ).toBe('Invalid request: pin_ids must NOT have more than 100 items');
  });

  it('sums the account over its pins and ranks top pins', async () => {
    const res = await call(
      emu.url,
      'GET',
      '/v5/user_account/analytics?start_date=2030-05-09&end_date=2030-05-10&metric_types=IMPRESSION,SAVE'
    );
    const [first, second] = res.json.all.daily_metrics;
    expect(first.metrics.IMPRESSION).toBe(
      metricsFor(videoId, '2030-05-09').IMPRESSION + metricsFor(olderId, '2030-05-09').IMPRESSION
    );
    expect(second.metrics.IMPRESSION).toBe(
      metricsFor(pinId, '2030-05-10').IMPRESSION +
        metricsFor(videoId, '2030-05-10').IMPRESSION +
        metricsFor(olderId, '2030-05-10').IMPRESSION
    );
    expect(res.json.all.summary_metrics.IMPRESSION).toBe(
      first.metrics.IMPRESSION + second.metrics.IMPRESSION
    );
    const top = await call(
      emu.url,
      'GET',
      '/v5/user_account/analytics/top_pins?start_date=2030-05-01&end_date=2030-05-10&sort_by=IMPRESSION&num_of_pins=2'
    );
    expect(top.json.sort_by).toBe('IMPRESSION');
    expect(top.json.pins).toHaveLength(2);
    expect(top.json.pins[0].metrics.IMPRESSION).toBeGreaterThanOrEqual(
      top.json.pins[1].metrics.IMPRESSION
    );
    expect(top.json.pins[0].data_status.IMPRESSION).toBe('READY');
    emu.reset({ ...seed, user: { account_type: 'PINNER' } });
    const pinner = await call(
      emu.url,
      'GET',
      '/v5/user_account/analytics?start_date=2030-05-09&end_date=2030-05-10'
    );
    expect([pinner.status, pinner.json]).toEqual([
      403,
      { code: 403, message: 'Not authorized to access the user account analytics.' },
    ]);
  });
});
