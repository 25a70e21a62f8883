/** Which days of a pin's analytics are kept, and where the next sync starts. */
import {
  dayMetrics,
  metricTypesFor,
  pinSeries,
  readDays,
  type ApiDay,
} from '../../server/src/analytics/daily';
import { addDays, daysBetween, eachDay, isDay, ymd } from '../../server/src/analytics/days';

const m = (impressions: number, saves = 1) => ({
  IMPRESSION: impressions,
  SAVE: saves,
  PIN_CLICK: 2,
  OUTBOUND_CLICK: 3,
  SAVE_RATE: saves / impressions,
});
const day = (date: string, data_status: string, metrics?: Record<string, number>): ApiDay => ({
  date,
  data_status,
  ...(metrics && { metrics }),
});

describe('days', () => {
  it('counts UTC calendar days', () => {
    expect(ymd(Date.parse('2030-05-20T23:59:59Z'))).toBe('2030-05-20');
    expect(addDays('2030-02-28', 1)).toBe('2030-03-01');
    expect(addDays('2030-05-20', -90)).toBe('2030-02-19');
    expect(daysBetween('2030-02-19', '2030-05-20')).toBe(90);
    expect(eachDay('2030-05-18', '2030-05-20')).toEqual(['2030-05-18', '2030-05-19', '2030-05-20']);
    expect(eachDay('2030-05-21', '2030-05-20')).toEqual([]);
  });

  it('recognises real dates only', () => {
    expect(isDay('2030-05-20')).toBe(true);
    expect(['2030-02-30', '2030-5-20', '20300520', '', 12].map(isDay)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('metricTypesFor', () => {
  it('asks the five pin metrics, and the three video ones for video pins', () => {
    expect(metricTypesFor(false)).toEqual([
      'IMPRESSION',
      'SAVE',
      'PIN_CLICK',
      'OUTBOUND_CLICK',
      'SAVE_RATE',
    ]);
    expect(metricTypesFor(true)).toEqual([
      'IMPRESSION',
      'SAVE',
      'PIN_CLICK',
      'OUTBOUND_CLICK',
      'SAVE_RATE',
      'VIDEO_MRC_VIEW',
      'VIDEO_START',
      'VIDEO_AVG_WATCH_TIME',
    ]);
  });
});

describe('readDays', () => {
  it('keeps READY days only and starts the next sync at the first PROCESSING or ESTIMATE day', () => {
    const daily = [
      day('2030-05-16', 'BEFORE_PIN_CREATED'),
      day('2030-05-17', 'READY', m(100)),
      day('2030-05-18', 'ESTIMATE', m(90)),
      day('2030-05-19', 'PROCESSING', m(80)),
      day('2030-05-20', 'PROCESSING', m(70)),
    ];
    const r = readDays(daily, { start: '2030-05-16', end: '2030-05-20' }, '2030-05-20', false);
    expect(r.ready).toEqual([
      {
        date: '2030-05-17',
        impressions: 100,
        saves: 1,
        pinClicks: 2,
        outboundClicks: 3,
        videoViews: null,
        videoStarts: null,
        videoAvgWatchTime: null,
      },
    ]);
    expect(r.unsettled).toEqual(['2030-05-18', '2030-05-19', '2030-05-20']);
    expect(r.nextFrom).toBe('2030-05-18');
  });

  it('stores a READY day that follows an unsettled one, and still refetches from the unsettled one', () => {
    const r = readDays(
      [day('2030-05-18', 'PROCESSING', m(5)), day('2030-05-19', 'READY', m(6))],
      { start: '2030-05-18', end: '2030-05-19' },
      '2030-05-20',
      false
    );
    expect(r.ready.map((d) => d.date)).toEqual(['2030-05-19']);
    expect(r.nextFrom).toBe('2030-05-18');
  });

  it('refetches a day missing from the answer', () => {
    const r = readDays(
      [day('2030-05-17', 'READY', m(1)), day('2030-05-19', 'READY', m(1))],
      { start: '2030-05-17', end: '2030-05-19' },
      '2030-05-19',
      false
    );
    expect(r.unsettled).toEqual(['2030-05-18']);
    expect(r.nextFrom).toBe('2030-05-18');
  });

  it('moves past a range that is all final, and ignores days after today', () => {
    const r = readDays(
      [
        day('2030-05-18', 'READY', m(1)),
        day('2030-05-19', 'BEFORE_DATA_RETENTION_PERIOD'),
        day('2030-05-21', 'READY', m(9)),
      ],
      { start: '2030-05-18', end: '2030-05-25' },
      '2030-05-19',
      false
    );
    expect(r.ready.map((d) => d.date)).toEqual(['2030-05-18']);
    expect(r.nextFrom).toBe('2030-05-20');
  });

  it('reads video metrics on video pins, and counts as whole non-negative numbers', () => {
    expect(
      dayMetrics(
        {
          IMPRESSION: 10.4,
          SAVE: -2,
          VIDEO_MRC_VIEW: 7,
          VIDEO_START: 9,
          VIDEO_AVG_WATCH_TIME: 1234.5,
        },
        true
      )
    ).toEqual({
      impressions: 10,
      saves: 0,
      pinClicks: 0,
      outboundClicks: 0,
      videoViews: 7,
      videoStarts: 9,
      videoAvgWatchTime: 1234.5,
    });
    expect(dayMetrics({ IMPRESSION: 1, VIDEO_MRC_VIEW: 7 }, false).videoViews).toBeNull();
  });
});

describe('pinSeries', () => {
  it('reads key "all", or the only key of the answer', () => {
    const daily = [day('2030-05-17', 'READY', m(1))];
    expect(pinSeries({ all: { daily_metrics: daily } })).toBe(daily);
    expect(pinSeries({ WEB: { daily_metrics: daily } })).toBe(daily);
    expect(pinSeries({ MOBILE: { daily_metrics: daily }, WEB: { daily_metrics: [] } })).toEqual([]);
    expect(pinSeries({ all: { daily_metrics: null } })).toEqual([]);
  });
});
