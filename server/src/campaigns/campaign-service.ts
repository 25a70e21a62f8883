import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { PinFieldValue } from '../../../common/pin-field';
import type {
  CampaignDTO,
  CampaignInput,
  CampaignItemDTO,
  CampaignItemState,
  CampaignOptionsDTO,
  CampaignPreviewDTO,
  CampaignProgressDTO,
} from '../../../common/campaigns';
import type { PinErrorDTO } from '../../../common/wire';
import type { ContentTypeMapping, PluginConfig } from '../config/schema';
import {
  entryLinkRaw,
  mappingPaths,
  sourceList,
  withPreviewLink,
  type EntryLink,
} from '../mapping/entry-values';
import { campaignKeyPrefix, campaignPinJobKey, JOB_KINDS, NO_LOCALE } from '../pins/job-keys';
import { readPinField } from '../pins/pin-entry-job';
import { pinUrlOf } from '../pins/pin-record-store';
import type { JobStore } from '../queue/job-store';
import type { LeaseStore } from '../queue/lease-store';
import { linkKeyOf, templateFields } from './campaign-draft';
import {
  createCampaignStore,
  OPEN_STATES,
  type CampaignItemRow,
  type CampaignRow,
  type PlanState,
} from './campaign-store';
import { createEntrySource, FIRST_PAGE } from './entry-source';
import { createSlotAssigner, gridFor, type PacingGrid } from './pacing-grid';
import { createPlanSummary, estimateEnd } from './plan-summary';
import { freshDesign } from '../designs/fresh';
import { campaignAccountFor, planPage, type PlannedRow, type PlannerContext } from './planner';
import { isLocalized } from '../utils/is-localized';

export interface CampaignServiceDeps {
  strapi: Core.Strapi;
  /** This instance's name, for the tick's lease. */
  owner: string;
  jobs: JobStore;
  leases: LeaseStore;
  getConfig: () => PluginConfig;
  /** The content types that pin (config and Settings → Pinterest). */
  mappedTypes: () => string[];
  /** With `linkFromPreview`: the page URL the app's preview gives for an entry, or why not. */
  previewLink: (ref: {
    contentType: string;
    documentId: string;
    locale: string;
  }) => Promise<EntryLink>;
  mappingFor: (contentType: string) => Promise<ContentTypeMapping | null>;
  pinFieldOf: (contentType: string, mapping: ContentTypeMapping) => string | null;
  /** Set while an account's writes are paused after a spam block (null: the default account). */
  writePause: (accountId: number | null) => Promise<{ until: string; reason: string } | null>;
  /** Tells this instance's worker that jobs are due. */
  kick: () => void;
  /**
   * Several accounts: the account a choice stands for (null: the default one; null while only a
   * configured token pins).
   */
  accountOf: (accountId: number | null) => Promise<number | null>;
  /** An account of this environment (disconnected ones too), or null. */
  account: (
    accountId: number
  ) => Promise<{ id: number; username: string | null; status: string } | null>;
  /** The boards of an account (null: the default one). */
  boardsOf: (accountId: number | null) => Promise<Array<{ id: string; name?: string }>>;
}

/**
 * The write pause that holds a campaign: one of the accounts it pins with is paused (its account,
 * the default one when it names none, and its accounts per locale).
 */
async function campaignPause(
  input: Pick<CampaignInput, 'accountId' | 'accountsByLocale'>,
  pauseOf: (accountId: number | null) => Promise<{ until: string; reason: string } | null>
): Promise<{ until: string; reason: string } | null> {
  const accounts = new Set<number | null>([
    input.accountId ?? null,
    ...Object.values(input.accountsByLocale ?? {}),
  ]);
  for (const accountId of accounts) {
    const pause = await pauseOf(accountId);
    if (pause) return pause;
  }
  return null;
}

export class CampaignProblem extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'not-found' | 'conflict',
    readonly issues: Array<{ path: string[]; message: string }> = []
  ) {
    super(message);
    this.name = 'CampaignProblem';
  }
}

/** What the i18n plugin's locales service answers (only what the options use). */
const i18nLocalesSchema = z.array(
  z.object({ code: z.string(), name: z.string(), isDefault: z.boolean().nullish() })
);

const LEASE = 'campaigns';
/** A preview reads at most this many entries (a campaign itself has no limit). */
const PREVIEW_MAX_ENTRIES = 100_000;
const SYSTEM_FIELDS = new Set(['createdAt', 'updatedAt', 'publishedAt', 'locale', 'documentId']);
const TEXT_TYPES = new Set([
  'string',
  'text',
  'richtext',
  'blocks',
  'email',
  'uid',
  'enumeration',
  'integer',
  'biginteger',
  'decimal',
  'float',
  'date',
  'datetime',
]);

const iso = (t: number | null | undefined) =>
  t === null || t === undefined || !Number.isFinite(t) ? null : new Date(t).toISOString();
const isoOf = (v: string | Date | null | undefined) => (v ? new Date(v).toISOString() : null);

/**
 * Re-pin campaigns: plan (entries streamed page by page), preview, start, pause, resume, cancel,
 * retry,
 * and the tick that — on one Strapi instance at a time — goes on planning and hands the pins whose
 * time has come to the job queue at the campaign's pace. The pins themselves are `pin.campaign`
 * jobs
 * (./campaign-pin-job.ts): the same queue, rate limiter and idempotency as every other pin.
 */
export function createCampaignService(deps: CampaignServiceDeps) {
  const { strapi } = deps;
  const store = createCampaignStore(strapi);
  let clock: () => number = Date.now;
  const now = () => clock();
  const cfg = () => deps.getConfig().campaigns;

  function attributesOf(
    uid: string
  ): Record<string, { type?: string; multiple?: boolean; allowedTypes?: string[] }> {
    const attributes: Record<string, object> = strapi.contentType(uid as never)?.attributes ?? {};
    return attributes;
  }

  async function mappingOrFail(uid: string): Promise<ContentTypeMapping> {
    const mapping = await deps.mappingFor(uid);
    if (!mapping)
      throw new CampaignProblem(`${uid} is not configured to pin`, 'invalid', [
        {
          path: ['selection', 'contentType'],
          message: `${uid} is not configured to pin (config.contentTypes)`,
        },
      ]);
    return mapping;
  }

  /**
   * What zod cannot know: the content type pins, templates name its attributes, the image field is
   * media.
   */
  async function checkInput(input: CampaignInput): Promise<ContentTypeMapping> {
    const mapping = await mappingOrFail(input.selection.contentType);
    const attributes = attributesOf(input.selection.contentType);
    const issues: Array<{ path: string[]; message: string }> = [];
    (['titleTemplates', 'descriptionTemplates'] as const).forEach((key) =>
      input.freshness[key].forEach((template, i) => {
        for (const name of templateFields(template)) {
          if (!attributes[name])
            issues.push({
              path: ['freshness', key, String(i)],
              message: `{${name}} is not an attribute of ${input.selection.contentType}`,
            });
        }
      })
    );
    const imageField = input.freshness.imageField;
    if (imageField && attributes[imageField]?.type !== 'media') {
      issues.push({
        path: ['freshness', 'imageField'],
        message: `${imageField} is not a media attribute of ${input.selection.contentType}`,
      });
    }
    if (!issues.length) issues.push(...(await checkAccounts(input)));
    if (issues.length)
      throw new CampaignProblem(
        `${issues[0].path.join('.')}: ${issues[0].message}`,
        'invalid',
        issues
      );
    return mapping;
  }

  /** The locale a selection reads (its own, else the default one; NO_LOCALE: not localized). */
  async function selectionLocale(input: CampaignInput): Promise<string> {
    if (!isLocalized(strapi, input.selection.contentType)) return NO_LOCALE;
    if (input.selection.locale) return input.selection.locale;
    try {
      const code: unknown = await strapi
        .plugin('i18n')
        ?.service<{ getDefaultLocale?: () => Promise<unknown> }>('locales')
        .getDefaultLocale?.();
      return typeof code === 'string' && code ? code : 'en';
    } catch {
      return 'en';
    }
  }

  /**
   * Several accounts: every account the campaign names is one of this environment's, not
   * disconnected, and the boards it pins to are those of the account its entries pin with.
   */
  async function checkAccounts(
    input: CampaignInput
  ): Promise<Array<{ path: string[]; message: string }>> {
    const issues: Array<{ path: string[]; message: string }> = [];
    const named: Array<{ path: string[]; id: number }> = [
      ...(input.accountId ? [{ path: ['accountId'], id: input.accountId }] : []),
      ...Object.entries(input.accountsByLocale ?? {}).map(([locale, id]) => ({
        path: ['accountsByLocale', locale],
        id,
      })),
    ];
    for (const { path, id } of named) {
      const row = await deps.account(id);
      if (!row) issues.push({ path, message: `no Pinterest account has the id ${id}` });
      else if (row.status === 'disconnected')
        issues.push({
          path,
          message: `the Pinterest account @${row.username ?? id} is disconnected; connect it again or choose another account`,
        });
    }
    if (issues.length) return issues;
    const chosen = input.boards.filter((b) => b.boardId !== 'entry');
    if (!chosen.length) return issues;
    const locale = await selectionLocale(input);
    const accountId = campaignAccountFor(input, locale, await deps.accountOf(null));
    let boards: Array<{ id: string }>;
    try {
      boards = await deps.boardsOf(accountId);
    } catch (e) {
      return [
        {
          path: ['boards'],
          message: `the boards of the campaign's account could not be read: ${(e as Error).message}`,
        },
      ];
    }
    const own = new Set(boards.map((b) => b.id));
    input.boards.forEach((b, i) => {
      if (b.boardId !== 'entry' && !own.has(b.boardId)) {
        const who = accountId === null ? 'the default account' : `account ${accountId}`;
        issues.push({
          path: ['boards', String(i), 'boardId'],
          message: `board ${b.boardId} is not one of the boards of ${who} (the account this campaign pins with)`,
        });
      }
    });
    return issues;
  }

  const readFieldFor = (uid: string, mapping: ContentTypeMapping) => {
    const attribute = deps.pinFieldOf(uid, mapping);
    return (entry: Record<string, unknown>): PinFieldValue | null => readPinField(entry, attribute);
  };

  /**
   * Streams the selection through the planner, page by page, handing each page's rows to `sink`.
   * Stops after the page where `keepGoing` says no; returns where it stopped (null when done).
   */
  async function runPlanner(opts: {
    input: CampaignInput;
    mapping: ContentTypeMapping;
    grid: PacingGrid;
    state: PlanState;
    /** One page planned; `done` after the last page. */
    sink: (rows: PlannedRow[], state: PlanState, done: boolean) => Promise<void>;
    keepGoing: () => boolean;
  }): Promise<PlanState['cursor'] | null> {
    const { input, mapping, grid } = opts;
    const mediaField = input.freshness.imageField || mapping.media;
    const source = createEntrySource(strapi, {
      selection: input.selection,
      paths: [...mappingPaths(mapping), mediaField],
      titleField: sourceList(mapping.title).find((p) => !p.includes('.')) ?? null,
      pageSize: cfg().pageSize,
    });
    const assigner = createSlotAssigner(grid, opts.state.assigner);
    // planning picked up long after it stopped: no slot in the past
    assigner.skipTo(now());
    const defaultAccount = await deps.accountOf(null);
    const accounts = {
      forLocale: (locale: string) => campaignAccountFor(input, locale, defaultAccount),
      defaultAccount,
    };
    const ctx: PlannerContext = {
      accounts,
      input,
      mapping,
      readField: readFieldFor(input.selection.contentType, mapping),
      now: now(),
      grid,
      assigner,
      recentLinks: new Map(),
      counters: { ...opts.state.counters },
    };
    let cursor: PlanState['cursor'] | null = opts.state.cursor;
    while (cursor) {
      const page = await source.page(cursor);
      if (mapping.linkFromPreview)
        for (const e of page.entries)
          e.entry = withPreviewLink(
            e.entry,
            await deps.previewLink({
              contentType: input.selection.contentType,
              documentId: e.documentId,
              locale: e.locale,
            })
          );
      const history = await store.history(
        input.selection.contentType,
        page.entries.map((e) => ({
          documentId: e.documentId,
          locale: e.locale,
          linkKey: linkKeyOf(
            entryLinkRaw(e.entry, mapping, e.locale === NO_LOCALE ? null : e.locale)
          ),
        })),
        input.selection.onBoardId
      );
      const rows = planPage(ctx, page.entries, history);
      for (const u of page.unpublished) {
        rows.push({
          kind: 'skip',
          documentId: u.documentId,
          locale: u.locale,
          title: u.title,
          accountId: accounts.forLocale(u.locale),
          boardId: '*',
          reason: 'NOT_PUBLISHED',
        });
        ctx.counters.examined += 1;
        ctx.counters.skipped += 1;
      }
      cursor = page.next;
      await opts.sink(
        rows,
        {
          cursor: cursor ?? opts.state.cursor,
          assigner: assigner.state(),
          counters: { ...ctx.counters },
        },
        cursor === null
      );
      if (!cursor || !opts.keepGoing()) break;
    }
    return cursor;
  }

  const initialPlanState = (): PlanState => ({
    cursor: FIRST_PAGE,
    assigner: null,
    counters: { examined: 0, pins: 0, skipped: 0, variant: 0 },
  });

  /** Plans more of a running campaign, until its selection is read or the time budget is spent. */
  async function planSome(campaign: CampaignRow, deadline: number) {
    const mapping = await deps.mappingFor(campaign.input.selection.contentType);
    if (!mapping) {
      await stop(campaign.id, {
        code: 'NOT_CONFIGURED',
        message: `${campaign.input.selection.contentType} is no longer configured to pin.`,
        advice: 'Check the plugin configuration (config/plugins).',
        retryable: false,
      });
      return;
    }
    const grid = gridFor(campaign.input.pacing, campaign.startAt);
    await runPlanner({
      input: campaign.input,
      mapping,
      grid,
      state: campaign.planState ?? initialPlanState(),
      keepGoing: () => Date.now() < deadline,
      // a page of the plan and where planning stands are written together: a crash re-plans that
      // page only
      sink: async (rows, state, done) => {
        await strapi.db.transaction(async ({ trx }) => {
          await store.insertItems(campaign.id, campaign.input.selection.contentType, rows, trx);
          await store.update(campaign.id, {
            planState: state,
            ...(done && { planningDone: true }),
          });
        });
        campaign.planState = state;
      },
    });
  }

  /**
   * Hands the campaign's due pins to the queue. Each pin takes the next slot of the pacing after
   * the
   * last one handed out, so the pace holds whatever happened before — a restart, a pause, a
   * backlog:
   * pins that are late go one slot at a time from now, never in a burst.
   */
  async function dispatch(campaign: CampaignRow): Promise<number> {
    const t = now();
    const until = t + cfg().lookaheadMs;
    const grid = gridFor(campaign.input.pacing, campaign.startAt);
    const intervalMs = campaign.input.pacing.intervalMinutes * 60_000;
    const tolerance = Math.min(120_000, intervalMs / 2);
    let cursor = campaign.dispatchCursor;
    const due = await store.due(campaign.id, until, cfg().dispatchBatch);
    const handOut: Array<{ item: CampaignItemRow; slot: number; at: number }> = [];
    for (const item of due) {
      let slot = grid.slotAtOrAfter(Math.max(item.runAt ?? t, t - tolerance));
      if (cursor !== null && slot <= cursor) slot = grid.next(cursor);
      const at = grid.timeOf(slot);
      if (at > until) {
        // not yet: the head of the plan learns its real time (after a pause or downtime it moved)
        if (at !== item.runAt) await store.moveItem(item.id, ['planned'], { runAt: at });
        break;
      }
      handOut.push({ item, slot, at });
      cursor = slot;
    }
    let handed = 0;
    if (handOut.length) {
      // the items, their jobs and the campaign's last slot are written together (one commit per
      // batch)
      await strapi.db.transaction(async () => {
        for (const { item, at } of handOut) {
          // an item paused or cancelled meanwhile is left alone
          if (!(await store.moveItem(item.id, ['planned'], { state: 'queued', runAt: at })))
            continue;
          await deps.jobs.enqueue({
            key: campaignPinJobKey(campaign.id, {
              contentType: item.contentType,
              documentId: item.entryDocumentId,
              locale: item.entryLocale,
              boardId: item.boardId,
            }),
            kind: JOB_KINDS.pinCampaign,
            payload: { campaignId: campaign.id, itemId: item.id },
            runAt: at,
          });
          handed += 1;
        }
        await store.update(campaign.id, { dispatchCursor: handOut[handOut.length - 1].slot });
      });
    }
    if (handed) deps.kick();
    return handed;
  }

  async function finishIfDone(campaign: CampaignRow) {
    const fresh = await store.get(campaign.id);
    if (!fresh || fresh.status !== 'running' || !fresh.planningDone) return;
    const counts = await store.counts(campaign.id);
    if (OPEN_STATES.every((s) => counts[s] === 0))
      await store.setStatus(campaign.id, ['running'], {
        status: 'done',
        finishedAt: new Date(now()),
      });
  }

  /**
   * Stops a campaign by itself (a spam block): its waiting pins go back to the plan, the reason is
   * kept.
   */
  async function stop(id: number, reason: PinErrorDTO): Promise<boolean> {
    if (!(await store.setStatus(id, ['running'], { status: 'stopped', stopReason: reason })))
      return false;
    await deps.jobs.cancelWaiting({ prefix: campaignKeyPrefix(id) });
    await store.moveAll(id, ['queued'], { state: 'planned' });
    strapi.log.warn(`[pinterest] campaign ${id} stopped: ${reason.message}`);
    return true;
  }

  let ticking: Promise<void> | null = null;
  let again = false;

  /** One pass over the running campaigns, on one instance at a time (a lease in the database). */
  async function tickOnce(): Promise<void> {
    // an idle install reads one row per tick and writes nothing
    if (!(await store.countWithStatus('running'))) return;
    if (!(await deps.leases.acquire(LEASE, deps.owner, cfg().leaseMs))) return;
    try {
      const running = await store.withStatus('running');
      if (!running.length) return;
      // several accounts: a spam pause stops the campaigns that pin with the paused account only
      const paused = new Map<number | null, Awaited<ReturnType<typeof deps.writePause>>>();
      const pauseOf = async (accountId: number | null) => {
        if (!paused.has(accountId)) paused.set(accountId, await deps.writePause(accountId));
        return paused.get(accountId) ?? null;
      };
      const deadline = Date.now() + cfg().planBudgetMs;
      for (const campaign of running) {
        const pause = await campaignPause(campaign.input, pauseOf);
        if (pause) {
          await stop(campaign.id, {
            code: 'SPAM_BLOCKED',
            message:
              `Pinterest flagged recent activity as spam; pinning is paused until ${pause.until}. ${pause.reason}`.trim(),
            advice: 'Wait for the pause to end, review recent pins, then resume the campaign.',
            retryable: false,
          });
          continue;
        }
        if (!campaign.planningDone && Date.now() < deadline) await planSome(campaign, deadline);
        const current = await store.get(campaign.id);
        if (current?.status !== 'running') continue;
        await dispatch(current);
        await finishIfDone(current);
      }
    } finally {
      await deps.leases.release(LEASE, deps.owner);
    }
  }

  async function progressOf(campaign: CampaignRow): Promise<CampaignProgressDTO> {
    const counts = await store.counts(campaign.id);
    const remaining = counts.planned + counts.queued + counts.pinning;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const range = remaining
      ? await store.openRange(campaign.id)
      : { firstQueued: null, firstPlanned: null, last: null };
    let eta: number | null = null;
    let nextAt: number | null = null;
    if (campaign.status === 'running' && remaining) {
      const grid = gridFor(campaign.input.pacing, campaign.startAt);
      // the next pin goes at its slot, never before the slot after the last one handed out, nor in
      // the past
      const after =
        campaign.dispatchCursor !== null ? grid.timeOf(grid.next(campaign.dispatchCursor)) : null;
      const planned =
        range.firstPlanned === null
          ? null
          : grid.timeOf(
              grid.slotAtOrAfter(Math.max(range.firstPlanned, after ?? -Infinity, now()))
            );
      nextAt = range.firstQueued ?? planned;
      eta = estimateEnd(grid, {
        now: now(),
        remaining: counts.planned,
        latestPlanned: range.last,
        after,
      });
      if (counts.planned === 0) eta = range.last;
    }
    return {
      total,
      done: counts.pinned,
      failed: counts.failed,
      skipped: counts.skipped,
      cancelled: counts.cancelled,
      remaining,
      eta: iso(eta),
      nextAt: iso(nextAt),
      planning: !campaign.planningDone,
      examined: campaign.planState?.counters.examined ?? 0,
    };
  }

  async function toDTO(campaign: CampaignRow): Promise<CampaignDTO> {
    return {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      input: campaign.input,
      createdAt: isoOf(campaign.createdAt),
      createdBy: campaign.createdByName ?? null,
      finishedAt: isoOf(campaign.finishedAt),
      stopReason: campaign.stopReason ?? null,
      progress: await progressOf(campaign),
    };
  }

  const itemDTO = (row: CampaignItemRow): CampaignItemDTO => ({
    id: row.id,
    documentId: row.entryDocumentId,
    locale: row.entryLocale,
    title: row.entryTitle ?? null,
    accountId: row.accountId,
    boardId: row.boardId,
    state: row.state,
    runAt: iso(row.runAt),
    pinId: row.pinId ?? null,
    pinUrl: pinUrlOf(row.pinId ?? null),
    pinnedAt: iso(row.pinnedAt),
    skipReason: row.skipReason ?? null,
    lastError: row.lastError ?? null,
  });

  async function mustGet(id: number): Promise<CampaignRow> {
    const campaign = await store.get(id);
    if (!campaign) throw new CampaignProblem(`No re-pin campaign with id ${id}`, 'not-found');
    return campaign;
  }

  const service = {
    store,
    now,

    /** Tests drive time through this (a fake clock); null restores the real one. */
    useClock(fn: (() => number) | null) {
      clock = fn ?? Date.now;
    },

    /** Runs a tick now (or once more after the one under way, in this process). */
    async tick(): Promise<void> {
      if (ticking) {
        again = true;
        return ticking;
      }
      ticking = (async () => {
        do {
          again = false;
          try {
            await tickOnce();
          } catch (e) {
            strapi.log.warn(`[pinterest] campaign tick failed: ${(e as Error).message}`);
          }
        } while (again);
      })();
      try {
        await ticking;
      } finally {
        ticking = null;
      }
    },

    async options(): Promise<CampaignOptionsDTO> {
      const contentTypes: CampaignOptionsDTO['contentTypes'] = [];
      for (const uid of deps.mappedTypes()) {
        const schema = strapi.contentType(uid as never) as
          | { info?: { displayName?: string }; pluginOptions?: { i18n?: { localized?: boolean } } }
          | undefined;
        const mapping = await deps.mappingFor(uid);
        if (!schema || !mapping) continue;
        const attributes = attributesOf(uid);
        contentTypes.push({
          uid,
          displayName: schema.info?.displayName ?? uid,
          localized: Boolean(schema.pluginOptions?.i18n?.localized),
          mediaFields: Object.entries(attributes)
            .filter(([, a]) => a.type === 'media')
            .map(([k]) => k),
          // the entry's own fields: not the timestamps Strapi adds, nor custom fields (the plugin's
          // stats among them)
          textFields: Object.entries(attributes)
            .filter(
              ([k, a]) =>
                a.type &&
                TEXT_TYPES.has(a.type) &&
                !SYSTEM_FIELDS.has(k) &&
                !(a as { customField?: string }).customField
            )
            .map(([k]) => k),
          defaultMediaField: mapping.media,
        });
      }
      let locales: CampaignOptionsDTO['locales'] = [];
      try {
        const i18nLocales = strapi
          .plugin('i18n')
          ?.service<{ find?: () => Promise<unknown> }>('locales');
        const found = i18nLocalesSchema.parse((await i18nLocales?.find?.()) ?? []);
        locales = found.map((l) => ({
          code: l.code,
          name: l.name,
          isDefault: Boolean(l.isDefault),
        }));
      } catch {
        locales = [];
      }
      return {
        contentTypes,
        locales,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      };
    },

    /** The plan as it would run if started now, without writing anything. */
    async preview(input: CampaignInput): Promise<CampaignPreviewDTO> {
      const mapping = await checkInput(input);
      const startAt = Math.max(now(), input.pacing.startAt ? Date.parse(input.pacing.startAt) : 0);
      const summary = createPlanSummary(input.pacing.timeZone, (variant) =>
        input.freshness.freshDesigns ? freshDesign(variant).template : null
      );
      let examined = 0;
      await runPlanner({
        input,
        mapping,
        grid: gridFor(input.pacing, startAt),
        state: initialPlanState(),
        keepGoing: () => examined < PREVIEW_MAX_ENTRIES,
        sink: (rows, state) => {
          summary.add(rows);
          examined = state.counters.examined;
          return Promise.resolve();
        },
      });
      return summary.result(examined);
    },

    async create(
      input: CampaignInput,
      user: { firstname?: string | null; lastname?: string | null; email?: string | null } | null
    ): Promise<CampaignDTO> {
      await checkInput(input);
      const startAt = Math.max(now(), input.pacing.startAt ? Date.parse(input.pacing.startAt) : 0);
      const name = user
        ? [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || null
        : null;
      // the default account is the one it is now: a campaign keeps its account (and its boards)
      const stored: CampaignInput = {
        ...input,
        accountId: await deps.accountOf(input.accountId ?? null),
      };
      const campaign = await store.create({
        name: input.name,
        input: stored,
        startAt,
        createdByName: name,
      });
      void service.tick();
      return toDTO(campaign);
    },

    async list(): Promise<CampaignDTO[]> {
      return Promise.all((await store.list()).map(toDTO));
    },

    async get(id: number): Promise<CampaignDTO> {
      return toDTO(await mustGet(id));
    },

    async items(
      id: number,
      opts: { states?: CampaignItemState[]; page: number; pageSize: number }
    ) {
      await mustGet(id);
      const { rows, total } = await store.items(id, {
        states: opts.states,
        limit: opts.pageSize,
        offset: (opts.page - 1) * opts.pageSize,
      });
      return {
        items: rows.map(itemDTO),
        pagination: { page: opts.page, pageSize: opts.pageSize, total },
      };
    },

    async pause(id: number): Promise<CampaignDTO> {
      const campaign = await mustGet(id);
      if (!(await store.setStatus(id, ['running'], { status: 'paused' }))) {
        throw new CampaignProblem(
          `This campaign is ${campaign.status}; only a running campaign can be paused.`,
          'conflict'
        );
      }
      await deps.jobs.cancelWaiting({ prefix: campaignKeyPrefix(id) });
      await store.moveAll(id, ['queued'], { state: 'planned' });
      return toDTO(await mustGet(id));
    },

    async resume(id: number): Promise<CampaignDTO> {
      const campaign = await mustGet(id);
      const pause = await campaignPause(campaign.input, deps.writePause);
      if (pause) {
        throw new CampaignProblem(
          `Pinning is paused until ${pause.until} after a spam block; resume the campaign after that (or resume pinning in Settings → Pinterest).`,
          'conflict'
        );
      }
      if (
        !(await store.setStatus(id, ['paused', 'stopped'], { status: 'running', stopReason: null }))
      ) {
        throw new CampaignProblem(
          `This campaign is ${campaign.status}; only a paused or stopped campaign can be resumed.`,
          'conflict'
        );
      }
      void service.tick();
      return toDTO(await mustGet(id));
    },

    async cancel(id: number): Promise<CampaignDTO> {
      const campaign = await mustGet(id);
      if (
        !(await store.setStatus(id, ['running', 'paused', 'stopped'], {
          status: 'cancelled',
          planningDone: true,
          finishedAt: new Date(now()),
        }))
      ) {
        throw new CampaignProblem(`This campaign is already ${campaign.status}.`, 'conflict');
      }
      await deps.jobs.cancelWaiting({ prefix: campaignKeyPrefix(id) });
      await store.moveAll(id, ['planned', 'queued'], { state: 'cancelled' });
      return toDTO(await mustGet(id));
    },

    /**
     * Tries failed pins again (one, or all of them): they go back to the plan, at the campaign's
     * pace.
     */
    async retry(id: number, itemId?: number): Promise<CampaignDTO> {
      const campaign = await mustGet(id);
      if (campaign.status === 'cancelled')
        throw new CampaignProblem(
          'This campaign was cancelled; start a new one instead.',
          'conflict'
        );
      // a create whose outcome is unknown keeps its attempt time, so the retry looks for the pin
      // first
      const data = { state: 'planned' as const, runAt: now(), lastError: null };
      if (itemId !== undefined) {
        const item = await store.item(itemId);
        if (!item || item.campaignId !== id)
          throw new CampaignProblem(`No pin ${itemId} in campaign ${id}`, 'not-found');
        if (!(await store.moveItem(itemId, ['failed'], data))) {
          throw new CampaignProblem(
            `This pin is ${item.state}; only a failed pin can be retried.`,
            'conflict'
          );
        }
      } else {
        await store.moveAll(id, ['failed'], data);
      }
      if (campaign.status === 'done')
        await store.setStatus(id, ['done'], { status: 'running', finishedAt: null });
      void service.tick();
      return toDTO(await mustGet(id));
    },

    stop,
  };
  return service;
}

export type CampaignService = ReturnType<typeof createCampaignService>;
