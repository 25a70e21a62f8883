/**
 * Which attributes carry an entry's stats, what is written there, and what editors cannot write.
 */
import { statsAttributesOf, statsData, withoutStats } from '../../server/src/analytics/entry-stats';
import { fillSeries, toCsv } from '../../server/src/analytics/report';
import type { PinterestStats } from '../../common/analytics';

const attributes = {
  title: { type: 'string' },
  pinterestStats: { type: 'json', customField: 'plugin::pinterest.stats' },
  pinterestSaves: {
    type: 'float',
    customField: 'plugin::pinterest.metric',
    options: { metric: 'saves' },
  },
  pinterestViews: {
    type: 'float',
    customField: 'plugin::pinterest.metric',
    options: { metric: 'videoViews' },
  },
  pinterestOdd: {
    type: 'float',
    customField: 'plugin::pinterest.metric',
    options: { metric: 'likes' },
  },
  pinterest: { type: 'json', customField: 'plugin::pinterest.pin' },
};

const stats: PinterestStats = {
  impressions: 1200,
  saves: 40,
  pinClicks: 30,
  outboundClicks: 20,
  saveRate: 0.0333,
  videoViews: null,
  videoStarts: null,
  videoAvgWatchTime: null,
  pins: 2,
  from: '2030-05-01',
  through: '2030-05-18',
  lastSyncedAt: '2030-05-20T12:00:00.000Z',
};

describe('stats attributes', () => {
  it('finds the stats and metric custom fields (an unknown metric counts saves)', () => {
    expect(statsAttributesOf(attributes)).toEqual({
      json: ['pinterestStats'],
      metrics: [
        { attribute: 'pinterestSaves', metric: 'saves' },
        { attribute: 'pinterestViews', metric: 'videoViews' },
        { attribute: 'pinterestOdd', metric: 'saves' },
      ],
    });
    expect(statsAttributesOf(undefined)).toEqual({ json: [], metrics: [] });
  });

  it('writes the whole object to JSON attributes and one number to each metric attribute', () => {
    expect(statsData(statsAttributesOf(attributes), stats)).toEqual({
      pinterestStats: stats,
      pinterestSaves: 40,
      pinterestViews: null,
      pinterestOdd: 40,
    });
    expect(statsData(statsAttributesOf(attributes), null)).toEqual({
      pinterestStats: null,
      pinterestSaves: null,
      pinterestViews: null,
      pinterestOdd: null,
    });
  });

  it('strips the stats from what an editor sends, and leaves the rest', () => {
    const data = {
      title: 'Soup',
      pinterestStats: { saves: 1 },
      pinterestSaves: 999,
      pinterest: { boardId: '1' },
    };
    const clean = withoutStats(data, statsAttributesOf(attributes));
    expect(clean).toEqual({ title: 'Soup', pinterest: { boardId: '1' } });
    expect(data.pinterestSaves).toBe(999); // a copy, the caller's object is left alone
    const untouched = { title: 'Soup' };
    expect(withoutStats(untouched, statsAttributesOf(attributes))).toBe(untouched);
  });
});

describe('report helpers', () => {
  it('fills days without rows with zeros', () => {
    const series = fillSeries(
      [
        {
          date: '2030-05-02',
          impressions: 5,
          saves: 1,
          pinClicks: 0,
          outboundClicks: 0,
          videoViews: null,
        },
      ],
      '2030-05-01',
      '2030-05-03'
    );
    expect(series.map((p) => [p.date, p.impressions, p.videoViews])).toEqual([
      ['2030-05-01', 0, null],
      ['2030-05-02', 5, null],
      ['2030-05-03', 0, null],
    ]);
  });

  it('writes RFC 4180 CSV, quoting commas and quotes, and defusing spreadsheet formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['Soup, hot', 'say "hi"'],
          ['=cmd()', null],
        ]
      )
    ).toBe('a,b\r\n"Soup, hot","say ""hi"""\r\n\'=cmd(),\r\n');
  });
});
