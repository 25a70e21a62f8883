import { createLinkScan } from '../../server/src/links/link-scan';
import type { LinkRow } from '../../server/src/links/link-health-store';
import type { LinkCheckResult } from '../../server/src/links/link-verdict';
import { LINK_CHECK_DEFAULTS } from '../../server/src/config/schema';
import { mayBePinEvent, pinEventOf, pinEventPayload } from '../../server/src/events/payload';

const row = (id: number, linkStatus: string | null = null): LinkRow => ({
  id,
  contentType: 'api::article.article',
  entryDocumentId: `doc${id}`,
  entryLocale: 'default',
  boardId: '1',
  pinId: `9${id}`,
  status: 'pinned',
  title: null,
  link: `https://blog.example.com/${id}`,
  pinnedAt: null,
  linkStatus,
  linkCheckedAt: null,
  linkCheck: null,
});

const result = (state: LinkCheckResult['state']): LinkCheckResult => ({
  url: 'x',
  checkedAt: new Date(0).toISOString(),
  state,
  httpStatus: state === 'broken' ? 404 : 200,
  finalUrl: null,
  https: true,
  canonical: null,
  richPin: null,
  problems: [],
  advice: null,
});

function harness(rows: LinkRow[], answers: Record<string, LinkCheckResult['state']>) {
  const saved: Array<[number, string]> = [];
  const broken: number[] = [];
  const sleeps: number[] = [];
  const asked: Array<[number, number]> = [];
  let holder: string | null = null;
  const scan = createLinkScan({
    store: {
      due: (_now: number, recheck: number, limit: number) => {
        asked.push([recheck, limit]);
        return Promise.resolve(rows.slice(0, limit));
      },
      save: (id: number, r: LinkCheckResult) => Promise.resolve(void saved.push([id, r.state])),
    } as never,
    leases: {
      acquire: (_n: string, owner: string) => {
        if (holder && holder !== owner) return Promise.resolve(false);
        holder = owner;
        return Promise.resolve(true);
      },
      release: () => {
        holder = null;
        return Promise.resolve();
      },
    },
    owner: 'me',
    config: () => ({ ...LINK_CHECK_DEFAULTS, scan: { ...LINK_CHECK_DEFAULTS.scan, maxPerRun: 2 } }),
    check: (link) => Promise.resolve(result(answers[link] ?? 'ok')),
    onBroken: (r) => Promise.resolve(void broken.push(r.id)),
    stopping: () => false,
    sleep: (ms) => Promise.resolve(void sleeps.push(ms)),
  });
  return { scan, saved, broken, sleeps, asked, hold: (o: string) => (holder = o) };
}

describe('link scan', () => {
  it('checks at most maxPerRun links, spaced, and reports a link only when it breaks', async () => {
    const h = harness([row(1, 'ok'), row(2, 'broken'), row(3)], {
      'https://blog.example.com/1': 'broken',
      'https://blog.example.com/2': 'broken',
    });
    expect(await h.scan()).toEqual({ outcome: 'done', checked: 2, broken: 2, newlyBroken: 1 });
    expect(h.asked).toEqual([[24 * 3_600_000, 2]]);
    expect(h.saved).toEqual([
      [1, 'broken'],
      [2, 'broken'],
    ]);
    expect(h.broken).toEqual([1]);
    expect(h.sleeps).toEqual([2_000]);
  });

  it('does nothing while another instance holds the lease', async () => {
    const h = harness([row(1)], {});
    h.hold('other');
    expect(await h.scan()).toMatchObject({ outcome: 'busy', checked: 0 });
    expect(h.saved).toEqual([]);
  });
});

describe('webhook events of pin record writes', () => {
  const before = { id: 1, status: 'pinning', pinId: null };
  it('tells a creation, an edit, a failure and a deletion apart', () => {
    expect(pinEventOf({ status: 'pinned', pinId: '9' }, before)).toBe('pinterest.pin.created');
    expect(
      pinEventOf(
        { status: 'pinned', syncedAt: new Date() },
        { ...before, status: 'pinned', pinId: '9' }
      )
    ).toBe('pinterest.pin.updated');
    expect(pinEventOf({ status: 'failed' }, before)).toBe('pinterest.pin.failed');
    expect(pinEventOf({ status: 'out_of_sync' }, { ...before, status: 'pinned' })).toBe(
      'pinterest.pin.failed'
    );
    expect(pinEventOf({ status: 'deleted' }, { ...before, status: 'pinned' })).toBe(
      'pinterest.pin.deleted'
    );
  });

  it('is silent for writes that change nothing an event reports', () => {
    expect(
      pinEventOf({ status: 'pinned', lastError: null }, { ...before, status: 'pinned', pinId: '9' })
    ).toBeNull();
    expect(pinEventOf({ status: 'failed' }, { ...before, status: 'failed' })).toBeNull();
    expect(pinEventOf({ status: 'pinning' }, before)).toBeNull();
    expect(mayBePinEvent({ linkStatus: 'broken' })).toBe(false);
    expect(mayBePinEvent({ status: 'deleted' })).toBe(true);
  });

  it('builds the payload without anything but ids, links, status and the error code', () => {
    const payload = pinEventPayload({
      id: 1,
      contentType: 'api::article.article',
      entryDocumentId: 'doc1',
      entryLocale: 'fr',
      boardId: '5',
      pinId: '77',
      status: 'failed',
      link: 'https://blog.example.com/a',
      lastError: { code: 'BOARD_NOT_FOUND', message: 'Board 5 at 10.0.0.1', advice: 'x' },
    });
    expect(payload).toEqual({
      entry: { uid: 'api::article.article', documentId: 'doc1', locale: 'fr' },
      pin: {
        id: '77',
        url: 'https://www.pinterest.com/pin/77/',
        boardId: '5',
        link: 'https://blog.example.com/a',
      },
      status: 'failed',
      errorCode: 'BOARD_NOT_FOUND',
    });
  });
});
