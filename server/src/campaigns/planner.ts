import type { PinFieldValue } from '../../../common/pin-field';
import type { CampaignInput, SkipReason } from '../../../common/campaigns';
import type { ContentTypeMapping } from '../config/schema';
import { entryLinkRaw, firstValue, valueAt } from '../mapping/entry-values';
import { resolveBoard } from '../mapping/pin-draft';
import { routeEntry } from '../pins/entry-account';
import { NO_LOCALE } from '../pins/job-keys';
import { entrySkipReason, linkKeyOf } from './campaign-draft';
import type { PacingGrid, SlotAssigner } from './pacing-grid';

export const DAY_MS = 86_400_000;

/** One published entry as the planner sees it (media populated). */
export interface PlanEntry {
  documentId: string;
  locale: string;
  entry: Record<string, unknown>;
}

/** What the database says about a page of entries: earlier and planned pins. */
export interface PageHistory {
  /** The latest pin (made, or planned by a campaign) per link key. */
  linkTimes: Map<string, number>;
  /**
   * The latest pin actually made per entry (`documentId\u0000locale`): its own pin or a campaign's.
   */
  entryPinnedAt: Map<string, number>;
  /** Entries with a live pin on the filter board (only when the selection names one). */
  onBoard?: Set<string>;
  /**
   * Pins made or planned per link key (the plugin's own and every campaign's): a link's next pin
   * takes the next variant, so no two pins of one link share a design, title or image variant.
   */
  linkPins?: Map<string, number>;
}

export type PlannedRow =
  | {
      kind: 'pin';
      documentId: string;
      locale: string;
      title: string | null;
      /** The account the pin is made with (null: only a configured token pins). */
      accountId: number | null;
      boardId: string;
      boardSectionId: string | null;
      linkKey: string;
      runAt: number;
      variant: number;
    }
  | {
      kind: 'skip';
      documentId: string;
      locale: string;
      title: string | null;
      /** The account the campaign would have pinned with. */
      accountId: number | null;
      boardId: string;
      reason: SkipReason;
    };

export interface PlanCounters {
  examined: number;
  pins: number;
  skipped: number;
  /** Pins planned so far (a pin's variant is counted per link: see PageHistory.linkPins). */
  variant: number;
}

export interface PlannerContext {
  input: CampaignInput;
  mapping: ContentTypeMapping;
  /** The attribute holding the entry's Pinterest field (its board), if any. */
  readField: (entry: Record<string, unknown>) => PinFieldValue | null;
  /** Planning time: "pinned in the last N days" counts back from here. */
  now: number;
  grid: PacingGrid;
  assigner: SlotAssigner;
  /** Pins planned by this plan, per link key (pruned once they no longer constrain anything). */
  recentLinks: Map<string, number>;
  counters: PlanCounters;
  /**
   * Several accounts: the account the campaign pins an entry of this locale with, and the default
   * account (what an entry routed to none uses). Absent: one account, no check.
   */
  accounts?: { forLocale: (locale: string) => number | null; defaultAccount: number | null };
}

/**
 * The account a campaign pins an entry of `locale` with: the locale's, else the campaign's, else
 * the default one (pure).
 */
export const campaignAccountFor = (
  input: Pick<CampaignInput, 'accountId' | 'accountsByLocale'>,
  locale: string,
  defaultAccount: number | null
): number | null => input.accountsByLocale?.[locale] ?? input.accountId ?? defaultAccount;

export const entryKey = (documentId: string, locale: string) => `${documentId}\u0000${locale}`;

const titleOf = (entry: Record<string, unknown>, mapping: ContentTypeMapping): string | null => {
  const v = firstValue(entry, mapping.title);
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, 250) : null;
};

/**
 * Plans one page of entries: the skip reasons, the boards, and a slot for each pin that keeps the
 * pacing and at least `minDaysBetweenSameLink` days between two pins of the same link (pins made
 * earlier, and pins other campaigns have planned, count). Pure apart from the context it advances.
 */
export function planPage(
  ctx: PlannerContext,
  entries: PlanEntry[],
  history: PageHistory
): PlannedRow[] {
  const { input, mapping } = ctx;
  const rows: PlannedRow[] = [];
  const mediaField = input.freshness.imageField || mapping.media;
  const spacing = input.pacing.minDaysBetweenSameLink * DAY_MS;
  const recentCutoff = input.selection.notPinnedForDays
    ? ctx.now - input.selection.notPinnedForDays * DAY_MS
    : null;

  // this page's pins per link (earlier pages' are in the history)
  const pageLinkPins = new Map<string, number>();
  for (const { documentId, locale, entry } of entries) {
    const key = entryKey(documentId, locale);
    if (input.selection.onBoardId && !history.onBoard?.has(key)) continue;
    if (input.selection.hasMedia && !hasValue(valueAt(entry, mediaField))) continue;
    ctx.counters.examined += 1;
    const title = titleOf(entry, mapping);
    const accountId = ctx.accounts ? ctx.accounts.forLocale(locale) : null;
    const skip = (reason: SkipReason, boardId = '*') => {
      rows.push({ kind: 'skip', documentId, locale, title, accountId, boardId, reason });
      ctx.counters.skipped += 1;
    };

    const linkLocale = locale === NO_LOCALE ? null : locale;
    const reason = entrySkipReason(entry, mapping, mediaField, linkLocale);
    if (reason) {
      skip(reason);
      continue;
    }
    const lastPinned = history.entryPinnedAt.get(key);
    if (recentCutoff !== null && lastPinned !== undefined && lastPinned >= recentCutoff) {
      skip('PINNED_RECENTLY');
      continue;
    }

    const linkKey = linkKeyOf(entryLinkRaw(entry, mapping, linkLocale))!;
    const field = ctx.readField(entry);
    const seen = new Set<string>();
    const before = Math.max(
      history.linkTimes.get(linkKey) ?? -Infinity,
      ctx.recentLinks.get(linkKey) ?? -Infinity
    );
    let earliest =
      Number.isFinite(before) && spacing > 0
        ? Math.max(ctx.grid.startAt, before + spacing)
        : ctx.grid.startAt;
    for (const target of input.boards) {
      let boardId: string | null = target.boardId;
      let boardSectionId = target.boardSectionId ?? null;
      if (boardId === 'entry') {
        // the entry's own board belongs to the account the entry is routed to: used only when the
        // campaign pins with that account
        const route = routeEntry(field, mapping, locale);
        const routed = route.accountId ?? ctx.accounts?.defaultAccount ?? null;
        if (ctx.accounts && routed !== accountId) {
          skip('NO_BOARD', 'entry');
          continue;
        }
        const own = resolveBoard(
          field,
          route.defaultBoardId === mapping.defaultBoardId
            ? mapping
            : { ...mapping, defaultBoardId: route.defaultBoardId, defaultBoardSectionId: undefined }
        );
        boardId = own.boardId;
        boardSectionId = target.boardSectionId ?? own.boardSectionId;
        if (!boardId) {
          skip('NO_BOARD', 'entry');
          continue;
        }
      }
      if (seen.has(boardId)) continue; // the entry's own board is also one of the campaign's
      seen.add(boardId);
      const slot = ctx.assigner.assign(earliest);
      const runAt = ctx.grid.timeOf(slot);
      rows.push({
        kind: 'pin',
        documentId,
        locale,
        title,
        accountId,
        boardId,
        boardSectionId,
        linkKey,
        runAt,
        variant: (history.linkPins?.get(linkKey) ?? 0) + (pageLinkPins.get(linkKey) ?? 0),
      });
      pageLinkPins.set(linkKey, (pageLinkPins.get(linkKey) ?? 0) + 1);
      ctx.counters.variant += 1;
      ctx.counters.pins += 1;
      ctx.recentLinks.set(linkKey, Math.max(runAt, ctx.recentLinks.get(linkKey) ?? -Infinity));
      earliest = spacing > 0 ? runAt + spacing : runAt;
    }
  }
  pruneRecentLinks(ctx, spacing);
  return rows;
}

const hasValue = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined);

/** Forgets planned links that can no longer push a pin past the first free slot. */
function pruneRecentLinks(ctx: PlannerContext, spacing: number) {
  if (ctx.recentLinks.size < 2000) return;
  const free = ctx.grid.timeOf(ctx.assigner.firstFree());
  for (const [link, at] of ctx.recentLinks) if (at + spacing < free) ctx.recentLinks.delete(link);
}
