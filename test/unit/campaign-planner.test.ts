import { campaignInputSchema, type CampaignInputWire } from '../../common/campaigns';
import { contentTypeMappingSchema } from '../../server/src/config/schema';
import { linkKeyOf } from '../../server/src/campaigns/campaign-draft';
import { createSlotAssigner, gridFor } from '../../server/src/campaigns/pacing-grid';
import { bucketize, createPlanSummary } from '../../server/src/campaigns/plan-summary';
import {
  campaignAccountFor,
  DAY_MS,
  entryKey,
  planPage,
  type PageHistory,
  type PlanEntry,
  type PlannedRow,
  type PlannerContext,
} from '../../server/src/campaigns/planner';

const mapping = contentTypeMappingSchema.parse({});
const START = Date.parse('2026-06-01T00:00:00Z');
const hero = { url: '/uploads/a.jpg', mime: 'image/jpeg', width: 1000, height: 1500, size: 100 };

const entry = (id: string, over: Record<string, unknown> = {}): PlanEntry => ({
  documentId: id,
  locale: 'default',
  entry: {
    title: `Article ${id}`,
    excerpt: 'About it',
    hero,
    canonicalUrl: `https://blog.example.com/${id}`,
    ...over,
  },
});

function context(
  over: Partial<CampaignInputWire> & { pacing?: Partial<CampaignInputWire['pacing']> } = {},
  now = START
): PlannerContext {
  const input = campaignInputSchema.parse({
    name: 'test',
    selection: { contentType: 'api::article.article', ...over.selection },
    boards: over.boards ?? [{ boardId: '111' }],
    pacing: { intervalMinutes: 60, timeZone: 'UTC', minDaysBetweenSameLink: 7, ...over.pacing },
    freshness: over.freshness,
  });
  const grid = gridFor(input.pacing, START);
  return {
    input,
    mapping,
    readField: (e) => (e.pinterest as never) ?? null,
    now,
    grid,
    assigner: createSlotAssigner(grid),
    recentLinks: new Map(),
    counters: { examined: 0, pins: 0, skipped: 0, variant: 0 },
  };
}

const none = (): PageHistory => ({
  linkTimes: new Map(),
  entryPinnedAt: new Map(),
  onBoard: new Set(),
});
const iso = (t: number) => new Date(t).toISOString();

describe('planning a page of entries', () => {
  it('plans one pin per entry and board at the pace, in the order read', () => {
    const ctx = context();
    const rows = planPage(ctx, [entry('a'), entry('b'), entry('c')], none());
    expect(rows.map((r) => (r.kind === 'pin' ? [r.documentId, iso(r.runAt)] : r))).toEqual([
      ['a', '2026-06-01T00:00:00.000Z'],
      ['b', '2026-06-01T01:00:00.000Z'],
      ['c', '2026-06-01T02:00:00.000Z'],
    ]);
    expect(ctx.counters).toEqual({ examined: 3, pins: 3, skipped: 0, variant: 3 });
  });

  it('numbers variants per link, after the pins its link already has, so no two share a design', () => {
    const ctx = context({ boards: [{ boardId: '111' }, { boardId: '222' }] });
    const history = none();
    // the link of "a" was pinned twice before (its own pin, an earlier campaign); "b" never
    history.linkPins = new Map([[linkKeyOf('https://blog.example.com/a')!, 2]]);
    const rows = planPage(ctx, [entry('a'), entry('b')], history);
    expect(rows.map((r) => (r.kind === 'pin' ? [r.documentId, r.boardId, r.variant] : r))).toEqual([
      ['a', '111', 2],
      ['a', '222', 3],
      ['b', '111', 0],
      ['b', '222', 1],
    ]);
  });

  it('gives the skip reasons: no hero, unsupported media, no link, pinned recently, no board', () => {
    const ctx = context({
      selection: { contentType: 'api::article.article', notPinnedForDays: 30 },
      boards: [{ boardId: 'entry' }],
    });
    const history = none();
    history.entryPinnedAt.set(entryKey('recent', 'default'), START - 10 * DAY_MS);
    history.entryPinnedAt.set(entryKey('old', 'default'), START - 40 * DAY_MS);
    const rows = planPage(
      ctx,
      [
        entry('nohero', { hero: null, pinterest: { boardId: '1' } }),
        entry('svg', {
          hero: { url: '/x.svg', mime: 'image/svg+xml' },
          pinterest: { boardId: '1' },
        }),
        entry('video', { hero: { url: '/x.mp4', mime: 'video/mp4' }, pinterest: { boardId: '1' } }),
        entry('nolink', { canonicalUrl: '', pinterest: { boardId: '1' } }),
        entry('recent', { pinterest: { boardId: '1' } }),
        entry('noboard'),
        entry('old', { pinterest: { boardId: '1' } }),
      ],
      history
    );
    expect(rows.map((r) => [r.documentId, r.kind === 'skip' ? r.reason : 'pin'])).toEqual([
      ['nohero', 'NO_MEDIA'],
      ['svg', 'MEDIA_UNSUPPORTED'],
      ['video', 'MEDIA_UNSUPPORTED'],
      ['nolink', 'NO_LINK'],
      ['recent', 'PINNED_RECENTLY'],
      ['noboard', 'NO_BOARD'],
      ['old', 'pin'],
    ]);
  });

  it('spaces two pins of the same link by the minimum days, and fills the slots between with other entries', () => {
    const ctx = context({
      boards: [{ boardId: '111' }, { boardId: '222' }],
      pacing: { intervalMinutes: 60 * 24, minDaysBetweenSameLink: 3 },
    });
    const rows = planPage(ctx, [entry('a'), entry('b'), entry('c'), entry('d')], none());
    const pins = rows.flatMap((r) =>
      r.kind === 'pin'
        ? [{ id: r.documentId, board: r.boardId, day: (r.runAt - START) / DAY_MS }]
        : []
    );
    expect(pins).toEqual([
      { id: 'a', board: '111', day: 0 },
      { id: 'a', board: '222', day: 3 },
      { id: 'b', board: '111', day: 1 },
      { id: 'b', board: '222', day: 4 },
      { id: 'c', board: '111', day: 2 },
      { id: 'c', board: '222', day: 5 },
      { id: 'd', board: '111', day: 6 },
      { id: 'd', board: '222', day: 9 },
    ]);
  });

  it('counts pins made before the campaign, and pins other campaigns planned, for a link', () => {
    const ctx = context({ pacing: { intervalMinutes: 60, minDaysBetweenSameLink: 7 } });
    const history = none();
    history.linkTimes.set(linkKeyOf('https://blog.example.com/a')!, START - 2 * DAY_MS);
    const rows = planPage(ctx, [entry('a'), entry('b')], history);
    const at = Object.fromEntries(
      rows.map((r) => [r.documentId, r.kind === 'pin' ? iso(r.runAt) : null])
    );
    expect(at).toEqual({ a: '2026-06-06T00:00:00.000Z', b: '2026-06-01T00:00:00.000Z' });
  });

  it('treats two entries with the same link (tracking parameters aside) as one link', () => {
    const ctx = context({ pacing: { intervalMinutes: 60, minDaysBetweenSameLink: 2 } });
    const rows = planPage(
      ctx,
      [
        entry('a', { canonicalUrl: 'https://Blog.example.com/same/?utm_source=x' }),
        entry('b', { canonicalUrl: 'https://blog.example.com/same' }),
      ],
      none()
    );
    const runAts = rows.map((r) => (r.kind === 'pin' ? r.runAt : 0));
    expect(runAts[1] - runAts[0]).toBe(2 * DAY_MS);
  });

  it('keeps the spacing across pages (the plan remembers the links it planned)', () => {
    const ctx = context({ pacing: { intervalMinutes: 60, minDaysBetweenSameLink: 1 } });
    const first = planPage(
      ctx,
      [entry('a', { canonicalUrl: 'https://blog.example.com/x' })],
      none()
    );
    const second = planPage(
      ctx,
      [entry('b', { canonicalUrl: 'https://blog.example.com/x' })],
      none()
    );
    expect((second[0] as { runAt: number }).runAt - (first[0] as { runAt: number }).runAt).toBe(
      DAY_MS
    );
  });

  it('filters: only entries on the board, only entries with media (left out, not skipped)', () => {
    const ctx = context({
      selection: { contentType: 'api::article.article', onBoardId: '999', hasMedia: true },
    });
    const history = none();
    history.onBoard!.add(entryKey('a', 'default'));
    history.onBoard!.add(entryKey('c', 'default'));
    const rows = planPage(ctx, [entry('a'), entry('b'), entry('c', { hero: null })], history);
    expect(rows.map((r) => r.documentId)).toEqual(['a']);
    expect(ctx.counters.examined).toBe(1);
  });

  it('the entry’s own board: its field, else the type’s default; a board chosen twice pins once', () => {
    const ctx = context({ boards: [{ boardId: 'entry' }, { boardId: '111' }] });
    const rows = planPage(
      ctx,
      [
        entry('a', { pinterest: { boardId: '111', boardSectionId: '5' } }),
        entry('b', { pinterest: { boardId: '222', boardSectionId: '6' } }),
      ],
      none()
    );
    expect(
      rows.map((r) => (r.kind === 'pin' ? [r.documentId, r.boardId, r.boardSectionId] : r.reason))
    ).toEqual([
      ['a', '111', '5'],
      ['b', '222', '6'],
      ['b', '111', null],
    ]);
  });
});

describe('plan summary', () => {
  it('counts pins and skips, keeps the first pins in time order and per-day counts', () => {
    const ctx = context({
      pacing: { intervalMinutes: 60 * 12, minDaysBetweenSameLink: 0 },
      selection: { contentType: 'api::article.article' },
    });
    const summary = createPlanSummary('UTC');
    summary.add(
      planPage(ctx, [entry('a'), entry('b', { hero: null }), entry('c'), entry('d')], none())
    );
    const result = summary.result(4);
    expect(result).toMatchObject({
      matched: 4,
      pins: 3,
      firstAt: '2026-06-01T00:00:00.000Z',
      lastAt: '2026-06-02T00:00:00.000Z',
      skipped: [{ reason: 'NO_MEDIA', count: 1 }],
      timeline: {
        unit: 'day',
        buckets: [
          { start: '2026-06-01T00:00:00.000Z', count: 2 },
          { start: '2026-06-02T00:00:00.000Z', count: 1 },
        ],
      },
    });
    expect(result.first.map((f) => f.documentId)).toEqual(['a', 'c', 'd']);
  });

  it('long plans are counted per week or month, gaps included', () => {
    const perDay = new Map([
      ['2026-01-05', 3],
      ['2026-04-20', 1],
    ]);
    const { unit, buckets } = bucketize(perDay, 'UTC');
    expect(unit).toBe('week');
    expect(buckets[0]).toEqual({ start: '2026-01-05T00:00:00.000Z', count: 3 });
    expect(buckets[buckets.length - 1]).toEqual({ start: '2026-04-20T00:00:00.000Z', count: 1 });
    expect(buckets).toHaveLength(16);
    expect(
      bucketize(
        new Map([
          ['2026-01-01', 1],
          ['2027-06-01', 1],
        ]),
        'UTC'
      ).unit
    ).toBe('month');
  });
});

describe('several accounts', () => {
  const withAccounts = (
    over: Partial<CampaignInputWire>,
    defaultAccount: number | null,
    typeMapping = mapping
  ): PlannerContext => {
    const ctx = context(over);
    const input = campaignInputSchema.parse({
      name: 'test',
      selection: { contentType: 'api::article.article' },
      boards: over.boards ?? [{ boardId: '111' }],
      pacing: { intervalMinutes: 60, timeZone: 'UTC', minDaysBetweenSameLink: 7 },
      ...(over.accountId !== undefined && { accountId: over.accountId }),
      ...(over.accountsByLocale && { accountsByLocale: over.accountsByLocale }),
    });
    return {
      ...ctx,
      input,
      mapping: typeMapping,
      accounts: {
        forLocale: (locale) => campaignAccountFor(input, locale, defaultAccount),
        defaultAccount,
      },
    };
  };
  const accountsOf = (rows: PlannedRow[]) =>
    rows.map((r) => [r.documentId, r.locale, r.kind, r.boardId, r.accountId]);

  it('each pin (and skip) names the account: the locale’s, else the campaign’s, else the default', () => {
    const byLocale = withAccounts({ accountId: 2, accountsByLocale: { fr: 3 } }, 1);
    const rows = planPage(
      byLocale,
      [entry('a'), { ...entry('b'), locale: 'fr' }, entry('c', { hero: null })],
      none()
    );
    expect(accountsOf(rows)).toEqual([
      ['a', 'default', 'pin', '111', 2],
      ['b', 'fr', 'pin', '111', 3],
      ['c', 'default', 'skip', '*', 2],
    ]);
    expect(accountsOf(planPage(withAccounts({}, 1), [entry('d')], none()))).toEqual([
      ['d', 'default', 'pin', '111', 1],
    ]);
  });

  it('the entry’s own board only when the entry is routed to the campaign’s account', () => {
    const routed = contentTypeMappingSchema.parse({ defaultBoardId: '999' });
    const ctx = withAccounts({ accountId: 2, boards: [{ boardId: 'entry' }] }, 1, routed);
    const rows = planPage(
      ctx,
      [
        // its field names the campaign's account and one of its boards
        entry('mine', { pinterest: { accountId: 2, boardId: '555' } }),
        // routed to the default account (1): its board is not account 2's
        entry('theirs'),
      ],
      none()
    );
    expect(accountsOf(rows)).toEqual([
      ['mine', 'default', 'pin', '555', 2],
      ['theirs', 'default', 'skip', 'entry', 2],
    ]);
    expect(rows[1]).toMatchObject({ kind: 'skip', reason: 'NO_BOARD' });
    // with the default account, the type's board is the entry's own
    const own = withAccounts({ boards: [{ boardId: 'entry' }] }, 1, routed);
    expect(accountsOf(planPage(own, [entry('theirs')], none()))).toEqual([
      ['theirs', 'default', 'pin', '999', 1],
    ]);
  });
});
