import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config/schema';
import { emitPinterestEvent } from '../events/emitter';
import { pinEventPayload } from '../events/payload';
import { createLeaseStore } from '../queue/lease-store';
import { checkLink } from './link-check';
import { createLinkHealthStore, type LinkRow } from './link-health-store';
import { createLinkScan } from './link-scan';
import { comparableUrl, type LinkCheckResult } from './link-verdict';

/** A live pin's link health, as the admin lists it. */
export interface PinLinkDTO {
  recordId: number;
  contentType: string;
  documentId: string;
  locale: string;
  pinId: string | null;
  pinUrl: string | null;
  title: string | null;
  link: string | null;
  linkStatus: string | null;
  linkCheckedAt: string | null;
  check: LinkCheckResult | null;
  /** What to do, in plain words, when the link is broken. */
  fix: string | null;
}

/** Re-checking the same link in the editor's preview waits this long (each keystroke previews). */
const PREVIEW_CACHE_MS = 60_000;
const SAMPLE_SIZE = 5;

export const BROKEN_LINK_FIX =
  'If the entry’s address changed (a slug edit), publish the entry again: its pin is updated with the new link (or use Re-pin where Pinterest refuses edits). Otherwise fix the page, or change the entry’s link and publish.';

const asResult = (v: unknown): LinkCheckResult | null =>
  v && typeof v === 'object' && 'state' in v ? (v as LinkCheckResult) : null;

export function toPinLinkDTO(row: LinkRow): PinLinkDTO {
  return {
    recordId: row.id,
    contentType: row.contentType,
    documentId: row.entryDocumentId,
    locale: row.entryLocale,
    pinId: row.pinId ?? null,
    pinUrl: row.pinId ? `https://www.pinterest.com/pin/${row.pinId}/` : null,
    title: row.title ?? null,
    link: row.link ?? null,
    linkStatus: row.linkStatus ?? null,
    linkCheckedAt: row.linkCheckedAt ? new Date(row.linkCheckedAt).toISOString() : null,
    check: asResult(row.linkCheck),
    fix: row.linkStatus === 'broken' ? BROKEN_LINK_FIX : null,
  };
}

/** What the link service needs of the pins: the link an entry would pin now, and an update. */
export interface EntryPins {
  /** The link the published entry would pin with today (mapping, pattern, preview), or null. */
  currentLink: (row: LinkRow) => Promise<string | null>;
  /** Queues the entry's pin job: it PATCHes the pin with what changed (or says Re-pin). */
  update: (row: LinkRow) => Promise<void>;
}

/** The entry's own link moved (a slug edit, a new URL pattern): not the same page any more. */
export const linkMoved = (pinned: string | null | undefined, current: string | null): boolean =>
  Boolean(pinned && current && comparableUrl(pinned) !== comparableUrl(current));

/**
 * Link health of one Strapi instance: checks (cached briefly for the preview), the scheduled scan
 * under its lease, the broken-links list, the Rich Pins sample and an entry's pins' links.
 */
export function createLinkService(
  strapi: Core.Strapi,
  getConfig: () => PluginConfig,
  entries?: EntryPins
) {
  const store = createLinkHealthStore(strapi);
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const cache = new Map<string, { at: number; result: Promise<LinkCheckResult> }>();
  let stopping = false;

  const check = (link: string) => {
    const cfg = getConfig();
    return checkLink(link, { ...cfg.linkCheck, allowlist: cfg.mediaHostAllowlist });
  };

  const cachedCheck = (link: string): Promise<LinkCheckResult> => {
    const hit = cache.get(link);
    if (hit && Date.now() - hit.at < PREVIEW_CACHE_MS) return hit.result;
    const result = check(link);
    cache.set(link, { at: Date.now(), result });
    if (cache.size > 200) cache.delete(cache.keys().next().value!);
    result.catch(() => cache.delete(link));
    return result;
  };

  const scan = createLinkScan({
    store,
    leases: createLeaseStore(strapi),
    owner,
    config: () => getConfig().linkCheck,
    check,
    stopping: () => stopping,
    onBroken: async (row) => {
      // the entry's own link changed since the pin was made: the pin follows it (PATCH)
      if (entries) {
        const current = await entries.currentLink(row).catch(() => null);
        if (linkMoved(row.link, current)) {
          strapi.log.info(
            `[pinterest] link health: pin ${row.pinId} links to an old address of its entry; updating it`
          );
          await entries.update(row);
        }
      }
      await emitPinterestEvent(strapi, 'pinterest.link.broken', {
        ...pinEventPayload(
          {
            id: row.id,
            contentType: row.contentType,
            entryDocumentId: row.entryDocumentId,
            entryLocale: row.entryLocale,
            boardId: row.boardId ?? null,
            pinId: row.pinId ?? null,
            status: row.status,
            link: row.link ?? null,
          },
          'LINK_UNREACHABLE'
        ),
      });
    },
  });

  return {
    enabled: () => getConfig().linkCheck.enabled,
    /** The editor's preview: the link's health and Rich Pin readiness (null when off). */
    async previewCheck(link: string | null): Promise<LinkCheckResult | null> {
      if (!link || !getConfig().linkCheck.enabled) return null;
      return cachedCheck(link);
    },
    /** One scan run (the cron's task); never throws. */
    async runScheduled() {
      try {
        const r = await scan();
        if (r.newlyBroken)
          strapi.log.warn(`[pinterest] link health: ${r.newlyBroken} pin link(s) now broken`);
        return r;
      } catch (e) {
        strapi.log.warn(`[pinterest] link health scan failed: ${(e as Error).message}`);
        return null;
      }
    },
    runOnce: () => scan(),
    async broken(contentType?: string, limit = 100): Promise<PinLinkDTO[]> {
      return (await store.broken(limit, contentType)).map(toPinLinkDTO);
    },
    async forEntry(contentType: string, documentId: string): Promise<PinLinkDTO[]> {
      return (await store.forEntry(contentType, documentId)).map(toPinLinkDTO);
    },
    /** Recent live pins' pages and their Rich Pin readiness (checked now, cached a minute). */
    async richPinSample(contentType?: string): Promise<PinLinkDTO[]> {
      const rows = await store.recent(SAMPLE_SIZE, contentType);
      return Promise.all(
        rows.map(async (row) => ({
          ...toPinLinkDTO(row),
          check: getConfig().linkCheck.enabled ? await cachedCheck(row.link!) : null,
        }))
      );
    },
    stop() {
      stopping = true;
    },
  };
}

export type LinkService = ReturnType<typeof createLinkService>;

const services = new WeakMap<Core.Strapi, LinkService>();

/** The instance's link service, built once. */
export function linkServiceOf(
  strapi: Core.Strapi,
  getConfig: () => PluginConfig,
  entries?: EntryPins
): LinkService {
  let s = services.get(strapi);
  if (!s) {
    s = createLinkService(strapi, getConfig, entries);
    services.set(strapi, s);
  }
  return s;
}
