/**
 * One analytics sync run, on one Strapi instance at a time (a named lease in the database).
 *
 * 1. Track the plugin's live pins created in the window (90 days by default).
 * 2. Check the account once: analytics need a business account — otherwise one clear status, no
 *    calls.
 * 3. Order the due pins (newest and most active first), group them into calls (batches of up to 100
 *    on the multi-pin endpoint when the app may use it, else one call per pin), at most
 *    `maxCallsPerRun` calls; every call waits for its turn in the shared `org_analytics` budget.
 * 4. After each call, in one transaction: upsert the READY days, recompute the pins' and entries'
 *    totals, write them onto the entries.
 */
import type { Core } from '@strapi/strapi';
import type { AnalyticsConfig } from '../config/analytics';
import { PinError } from '../errors/pin-error';
import type { PinterestClient } from '../pinterest/client';
import type { PinAnalytics } from '../pinterest/schemas';
import type { LeaseStore } from '../queue/lease-store';
import { metricTypesFor, pinSeries, readDays } from './daily';
import { ymd } from './days';
import type { EntryStatsWriter } from './entry-stats';
import { planCalls, prioritize, windowStart, type PlannedCall } from './plan';
import {
  entryKeyOf,
  type Knex,
  type PinResult,
  type StatsStore,
  type TrackedPin,
} from './stats-store';
import {
  ACCOUNT_DISCONNECTED,
  MULTI_PIN_RECHECK_MS,
  STATE_TEXT,
  type AccountSyncStatus,
  type StatusStore,
  type SyncStatus,
} from './status-store';
import { toStats } from './totals';

export const SYNC_LEASE = 'analytics-sync';
const LEASE_MS = 5 * 60_000;
/**
 * Renew the lease at most this often (a call may wait for its turn in the budget, never minutes).
 */
const LEASE_RENEW_MS = 60_000;
/**
 * A turn in our own budget this close is waited for within the run (further: the run ends, the next
 * continues).
 */
const MAX_BUDGET_WAIT_S = 120;
/** Consecutive failed calls (network, 5xx) after which a run gives up until the next one. */
const MAX_CONSECUTIVE_FAILURES = 3;

export interface SyncDeps {
  strapi: Core.Strapi;
  store: StatsStore;
  status: StatusStore;
  entries: EntryStatsWriter;
  /** The Pinterest client of an account (null: the default one). */
  client: (accountId: number | null) => PinterestClient;
  /** This environment's accounts (disconnected ones too). */
  accounts: () => Promise<Array<{ id: number; username: string | null; status: string }>>;
  leases: LeaseStore;
  owner: string;
  config: () => AnalyticsConfig;
  log: { info: (m: string) => void; warn: (m: string) => void };
  stopping: () => boolean;
}

export interface SyncResult {
  /** `busy`: another instance holds the lease; the run did nothing. */
  outcome: 'done' | 'busy' | 'disabled';
  state: SyncStatus['state'];
  calls: number;
  batchCalls: number;
  /** Pins whose analytics were stored this run. */
  pins: number;
  /** READY days written. */
  days: number;
  /** Entries whose totals were recomputed. */
  entries: number;
  /** Entry rows the stats were written on. */
  entryRows: number;
  /** Due pins left for the next runs. */
  remaining: number;
  /** Write statements (inserts, upserts, updates) the run issued. */
  writeStatements: number;
}

/** Sleeps `ms`, waking early when Strapi is shutting down. */
async function waitUnlessStopping(ms: number, stopping: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !stopping())
    await new Promise((r) => setTimeout(r, Math.min(1_000, until - Date.now())));
}

const isNotBusiness = (e: PinError) =>
  e.code === 'FORBIDDEN' && /user account analytics/i.test(e.message);
const stateOfAccountError = (e: unknown): 'not_connected' | null =>
  e instanceof PinError &&
  (e.code === 'NOT_CONNECTED' || (e.code === 'UNAUTHORIZED' && e.pinterestCode !== 7))
    ? 'not_connected'
    : null;

export function createSync(deps: SyncDeps) {
  const { strapi, store, status, entries, log } = deps;
  const lease = {
    acquire: () => deps.leases.acquire(SYNC_LEASE, deps.owner, LEASE_MS),
    release: () => deps.leases.release(SYNC_LEASE, deps.owner),
  };

  async function finish(
    state: SyncStatus['state'],
    result: Omit<SyncResult, 'state' | 'outcome'>,
    now: number,
    detail?: string,
    per?: { accounts: AccountSyncStatus[]; account: string | null }
  ): Promise<SyncResult> {
    const previous = await status.get();
    const text =
      state === 'ok' || state === 'partial' ? null : STATE_TEXT[state as keyof typeof STATE_TEXT];
    const plain =
      state === 'partial'
        ? `${result.remaining} pins wait for the next runs: the call budget of one run (${deps.config().maxCallsPerRun}) was reached.`
        : (text?.message ?? null);
    // several accounts: the account whose pins could not be synced is named (the others were)
    const message =
      per?.account && plain
        ? `Pinterest account ${per.account.startsWith('#') ? per.account : `@${per.account}`}: ${plain} The other accounts’ pins were synced.`
        : plain;
    await status.update({
      ...(per && { accounts: per.accounts }),
      state,
      message,
      detail: text && detail ? detail : null,
      advice:
        state === 'partial'
          ? 'Nothing to do: the next runs continue, newest and most active pins first.'
          : (text?.advice ?? null),
      lastRunAt: now,
      lastRun: {
        calls: result.calls,
        pins: result.pins,
        days: result.days,
        entries: result.entries,
        remaining: result.remaining,
      },
    });
    // one log line when the sync's health changes, not one per pin or per run
    if (state !== previous.state && state !== 'ok' && state !== 'partial') {
      log.warn(
        `[pinterest] analytics sync: ${message}${text && detail ? ` (${detail})` : ''} ${text?.advice ?? ''}`.trim()
      );
    }
    if (
      state !== previous.state &&
      (state === 'ok' || state === 'partial') &&
      previous.state !== 'never' &&
      previous.state !== 'ok' &&
      previous.state !== 'partial'
    ) {
      log.info('[pinterest] analytics sync works again');
    }
    return { outcome: 'done', state, ...result };
  }

  /** Stores one call's answer for its pins; returns what was written. */
  async function store1(
    call: PlannedCall,
    answers: Map<string, PinAnalytics>,
    today: string,
    now: number
  ) {
    const results: PinResult[] = [];
    for (const pin of call.pins as TrackedPin[]) {
      const answer = answers.get(pin.pinId);
      if (!answer) continue;
      results.push({
        pin,
        reading: readDays(
          pinSeries(answer),
          { start: call.start, end: call.end },
          today,
          pin.video
        ),
      });
    }
    let entryRows = 0;
    let entryWrites = 0;
    const saved = await strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
      const out = await store.saveResults(results, today, now, trx);
      for (const t of await store.entryTotals(out.entries, trx)) {
        const written = await entries.write(
          t,
          toStats(t.totals, {
            pins: t.pins,
            from: t.from,
            through: t.through,
            lastSyncedAt: t.lastSyncedAt,
          })
        );
        if (entries.hasStats(t.contentType)) entryWrites += 1;
        entryRows += written;
      }
      return out;
    });
    return {
      pins: results.length,
      days: saved.days,
      entries: saved.entries,
      entryRows,
      entryWrites,
    };
  }

  return {
    /** One run. `now` is the sync's clock (tests set it; the schedule uses the real one). */
    async run(opts: { now?: number } = {}): Promise<SyncResult> {
      const cfg = deps.config();
      const now = opts.now ?? Date.now();
      const zero = {
        calls: 0,
        batchCalls: 0,
        pins: 0,
        days: 0,
        entries: 0,
        entryRows: 0,
        remaining: 0,
        writeStatements: 0,
      };
      if (!cfg.enabled) {
        await status.update({
          state: 'disabled',
          message: STATE_TEXT.disabled.message,
          advice: STATE_TEXT.disabled.advice,
          detail: null,
        });
        return { outcome: 'disabled', state: 'disabled', ...zero };
      }
      if (!(await lease.acquire()))
        return { outcome: 'busy', state: (await status.get()).state, ...zero };
      let leaseRenewedAt = Date.now();
      const statementsAtStart = store.statements;
      const result = { ...zero };
      const totals = () => ({
        ...result,
        writeStatements: store.statements - statementsAtStart + extraWrites,
      });
      let extraWrites = 0;
      try {
        const today = ymd(now);
        await store.trackPins(windowStart(today, cfg.lookbackDays), now);
        const due = prioritize(await store.activePins(), {
          now,
          lookbackDays: cfg.lookbackDays,
          resyncAfterMs: cfg.resyncAfterMinutes * 60_000,
        }) as TrackedPin[];
        if (!due.length) {
          // nothing to ask: no call at all, and what is known about the account stays as it was
          const previous = await status.get();
          if (previous.state === 'never' || previous.state === 'partial' || previous.state === 'ok')
            return await finish('ok', totals(), now);
          await status.update({
            lastRunAt: now,
            lastRun: { calls: 0, pins: 0, days: 0, entries: 0, remaining: 0 },
          });
          return { outcome: 'done', state: previous.state, ...totals() };
        }
        /**
         * One account's due pins, with its client: the account checked once, then its calls, at
         * most `maxCallsPerRun` of them. Returns the state the account ended in when it is not
         * plain ok (`partial`: its call budget was reached with pins left).
         */
        async function syncAccount(
          client: PinterestClient,
          pins: TrackedPin[],
          known: SyncStatus,
          run: { today: string; now: number; synced: Set<string>; touched: Set<string> }
        ): Promise<{ state: SyncStatus['state'] | null; detail?: string }> {
          try {
            const account = await client.getUserAccount();
            if (account.account_type && account.account_type !== 'BUSINESS')
              return { state: 'not_business' };
          } catch (e) {
            const state = stateOfAccountError(e);
            if (state) return { state, detail: (e as Error).message };
            if (e instanceof PinError && e.code === 'RATE_LIMITED')
              return { state: 'rate_limited' };
            return { state: 'error', detail: (e as Error).message };
          }

          const multiPinRefusedRecently =
            known.multiPin.state === 'unavailable' &&
            known.multiPin.checkedAt !== null &&
            now - known.multiPin.checkedAt < MULTI_PIN_RECHECK_MS;
          let useBatch =
            cfg.multiPin === 'always' || (cfg.multiPin === 'auto' && !multiPinRefusedRecently);
          const plan = (list: TrackedPin[], maxCalls: number) =>
            planCalls(list, {
              today: run.today,
              lookbackDays: cfg.lookbackDays,
              batchSize: cfg.batchSize,
              useBatch,
              maxCalls,
            });
          let calls = 0;
          let queue = plan(pins, cfg.maxCallsPerRun);
          let failures = 0;

          while (queue.length && calls < cfg.maxCallsPerRun && !deps.stopping()) {
            const call = queue.shift()!;
            // keep the lease while the run goes on (a crashed run's lease simply runs out)
            if (Date.now() - leaseRenewedAt > LEASE_RENEW_MS) {
              await lease.acquire();
              leaseRenewedAt = Date.now();
            }
            const ids = call.pins.map((p) => p.pinId);
            const q = { start: call.start, end: call.end, metricTypes: metricTypesFor(call.video) };
            calls += 1;
            result.calls += 1;
            try {
              const answers = new Map<string, PinAnalytics>();
              if (call.kind === 'batch') {
                result.batchCalls += 1;
                const res = await client.getMultiPinAnalytics(ids, q);
                for (const id of ids) if (res[id]) answers.set(id, res[id]);
                if (cfg.multiPin === 'auto' && known.multiPin.state !== 'available') {
                  known.multiPin = { state: 'available', checkedAt: now };
                  await status.update({ multiPin: known.multiPin });
                }
              } else {
                answers.set(ids[0], await client.getPinAnalytics(ids[0], q));
              }
              const written = await store1(call, answers, run.today, now);
              extraWrites += written.entryWrites;
              result.pins += written.pins;
              result.days += written.days;
              for (const e of written.entries) run.touched.add(entryKeyOf(e));
              result.entries = run.touched.size;
              result.entryRows += written.entryRows;
              ids.forEach((id) => answers.has(id) && run.synced.add(id));
              failures = 0;
            } catch (e) {
              if (!(e instanceof PinError)) throw e;
              // our own budget (no HTTP status: nothing was sent) says the turn is further than a
              // job would wait: the run waits for it, when that is soon, and asks again
              const notSent = e.code === 'RATE_LIMITED' && e.httpStatus === undefined;
              if (notSent) {
                calls -= 1;
                result.calls -= 1;
                if (call.kind === 'batch') result.batchCalls -= 1;
              }
              if (notSent && (e.retryAfterSeconds ?? Infinity) <= MAX_BUDGET_WAIT_S) {
                queue.unshift(call);
                await waitUnlessStopping((e.retryAfterSeconds ?? 1) * 1000, deps.stopping);
                continue;
              }
              const accountState = stateOfAccountError(e);
              const stopState: SyncStatus['state'] | null = isNotBusiness(e)
                ? 'not_business'
                : accountState
                  ? accountState
                  : e.code === 'RATE_LIMITED'
                    ? 'rate_limited'
                    : null;
              if (stopState) return { state: stopState, detail: e.message };
              if (call.kind === 'batch') {
                // refused beta (403 code 29): one call per pin from now on; a pin the batch cannot
                // see (404 code 50, 401 code 7) or a bad request: ask for these pins one by one
                if (e.code === 'FORBIDDEN' && cfg.multiPin === 'auto') {
                  useBatch = false;
                  known.multiPin = { state: 'unavailable', checkedAt: now };
                  await status.update({ multiPin: known.multiPin });
                  log.info(
                    '[pinterest] analytics: this app may not use the multi-pin analytics endpoint (a Pinterest beta); syncing one pin per call'
                  );
                  const left = [...call.pins, ...queue.flatMap((c) => c.pins)] as TrackedPin[];
                  queue = plan(left, cfg.maxCallsPerRun - calls);
                } else {
                  queue = [
                    ...planCalls(call.pins, {
                      today: run.today,
                      lookbackDays: cfg.lookbackDays,
                      batchSize: 1,
                      useBatch: false,
                      maxCalls: call.pins.length,
                    }),
                    ...queue,
                  ];
                }
                continue;
              }
              const gone = e.code === 'PIN_NOT_FOUND' || e.httpStatus === 404;
              const refused = e.code === 'FORBIDDEN';
              await store.markPins(
                ids,
                {
                  syncState: gone ? 'gone' : refused ? 'forbidden' : undefined,
                  lastError: e.toJSON(),
                },
                now
              );
              if (!gone && !refused && ++failures >= MAX_CONSECUTIVE_FAILURES)
                return { state: 'error', detail: e.message };
            }
          }
          const left = pins.some((p) => !run.synced.has(p.pinId));
          return { state: left && calls >= cfg.maxCallsPerRun ? 'partial' : null };
        }

        // several accounts: each pin is asked for with its own account's token and budget; an
        // account that cannot be asked (disconnected, reconnect required, refused) is left out
        // without stopping the others
        const accounts = new Map((await deps.accounts()).map((a) => [a.id, a]));
        const groups = new Map<number | null, TrackedPin[]>();
        for (const pin of due) {
          const list = groups.get(pin.accountId) ?? [];
          list.push(pin);
          groups.set(pin.accountId, list);
        }
        const ordered = [...groups.keys()].sort((a, b) => (a ?? 0) - (b ?? 0));
        const known = await status.get();
        const synced = new Set<string>();
        const touched = new Set<string>();
        const outcomes: AccountSyncStatus[] = [];
        let budgetReached = false;

        for (const accountId of ordered) {
          const pins = groups.get(accountId)!;
          const row = accountId === null ? null : (accounts.get(accountId) ?? null);
          const outcome: AccountSyncStatus = {
            accountId,
            username: row?.username ?? null,
            state: 'ok',
            message: null,
            detail: null,
            pins: 0,
            remaining: pins.length,
          };
          outcomes.push(outcome);
          if (accountId !== null && (!row || row.status === 'disconnected')) {
            // its tokens are gone: its pins keep their stats and wait for a reconnect
            outcome.state = 'disconnected';
            outcome.message = ACCOUNT_DISCONNECTED;
            continue;
          }
          if (row?.status === 'reconnect_required') {
            outcome.state = 'not_connected';
            outcome.message = STATE_TEXT.not_connected.message;
            continue;
          }
          if (deps.stopping()) break;
          const before = synced.size;
          const ended = await syncAccount(deps.client(accountId), pins, known, {
            today,
            now,
            synced,
            touched,
          });
          outcome.pins = synced.size - before;
          outcome.remaining = pins.filter((p) => !synced.has(p.pinId)).length;
          if (ended.state && ended.state !== 'never' && ended.state !== 'disabled') {
            outcome.state = ended.state;
            outcome.message =
              ended.state === 'partial'
                ? null
                : STATE_TEXT[ended.state as keyof typeof STATE_TEXT].message;
            outcome.detail = ended.detail ?? null;
          }
          if (ended.state === 'partial') budgetReached = true;
        }

        result.remaining = due.filter((p) => !synced.has(p.pinId)).length;
        const failed = outcomes.find(
          (o) => o.state !== 'ok' && o.state !== 'partial' && o.state !== 'disconnected'
        );
        if (failed) {
          const several = accounts.size > 1 || outcomes.length > 1;
          return await finish(
            failed.state as SyncStatus['state'],
            totals(),
            now,
            failed.detail ?? undefined,
            {
              accounts: outcomes,
              account: several
                ? (failed.username ?? (failed.accountId === null ? null : `#${failed.accountId}`))
                : null,
            }
          );
        }
        return await finish(
          result.remaining > 0 && budgetReached ? 'partial' : 'ok',
          totals(),
          now,
          undefined,
          { accounts: outcomes, account: null }
        );
      } catch (e) {
        // a database failure mid-run: what was stored stays, the status says so, the next run goes
        // on
        return await finish('error', totals(), now, (e as Error).message);
      } finally {
        await lease.release().catch(() => undefined);
      }
    },
  };
}

export type Sync = ReturnType<typeof createSync>;
