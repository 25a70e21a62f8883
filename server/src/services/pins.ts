import { pinFieldValueSchema } from '../../../common/pin-field';
import type { BoardDTO, BoardSectionDTO, EntryPinsDTO, JobDTO } from '../../../common/wire';
import { withPreviewLink } from '../mapping/entry-values';
import { previewPin, type PinPreview } from '../mapping/pin-draft';
import {
  ALL_LOCALES,
  entryKeyPrefix,
  JOB_KINDS,
  NO_LOCALE,
  pinEntryJobKey,
  unpinJobKey,
  type EntryRef,
} from '../pins/job-keys';
import { toPinRecordDTO } from '../pins/pin-record-store';
import type { Board } from '../pinterest/schemas';
import type { JobRow } from '../queue/job-store';
import { reconcile } from '../pins/reconcile';
import { routeEntry } from '../pins/entry-account';
import type { ConnectionService } from './connection';
import type { PluginCore } from './core';

/** What the editor's preview asks about: the entry as the edit form holds it. */
export interface PreviewInput {
  contentType: string;
  documentId?: string | null;
  locale?: string | null;
  values: Record<string, unknown>;
}

/** What the status route shows: configuration, connection and the queue's counts. */
export interface PinsStatus {
  environment: string;
  apiUrl: string;
  connected: boolean;
  contentTypes: string[];
  queue: { waiting: number; running: number; failed: number };
}

export type CancelJobOutcome =
  | { outcome: 'cancelled'; job: JobDTO }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; state: string };

/**
 * Entry pins: the jobs a publish, an unpublish or an editor records, what the edit view shows, the
 * editor's preview, and the account's boards the pin field picks from.
 */
export interface PinsService {
  /** Records that an entry was published; the worker pins it. Never talks to Pinterest. */
  enqueueEntry(ref: EntryRef, opts?: { runAt?: number; kick?: boolean }): Promise<void>;
  /** The entry was unpublished or deleted: its waiting jobs stop, its pins go when configured. */
  entryWithdrawn(
    ref: { contentType: string; documentId: string; locale: string | null },
    opts: { deleted: boolean }
  ): Promise<void>;
  /** This entry's pins and pin jobs, with their states and last errors. */
  entryPins(contentType: string, documentId: string, locale?: string): Promise<EntryPinsDTO>;
  /** Pin the published entry now (or again); answers the entry's job. */
  pinNow(ref: EntryRef): Promise<JobDTO | null>;
  /** Replace the entry's pin with a new one (the old pin is deleted first). */
  repin(ref: EntryRef): Promise<JobDTO | null>;
  /** Cancel a job that has not started. */
  cancelJob(id: number): Promise<CancelJobOutcome>;
  /** Move a waiting or cancelled job to `runAt`; null when the job is in another state. */
  rescheduleJob(id: number, runAt: number): Promise<JobDTO | null>;
  /** Try a waiting or failed job again now; null when there is no such job. */
  retryJob(id: number): Promise<JobDTO | null>;
  /** Configuration, connection and queue counts. */
  status(): Promise<PinsStatus>;
  /** The pin as the worker would make it from the form's values; null for an unmapped type. */
  preview(
    input: PreviewInput
  ): Promise<(PinPreview & { pinOnPublish: boolean; routedAccountId: number | null }) | null>;
  /**
   * Every board of an account (all bookmark pages; the default account when none is named),
   * cached for a minute per account.
   */
  boards(accountId?: number | null): Promise<Board[]>;
  /** A board's sections (the board of the named account, else of the default one). */
  sections(boardId: string, accountId?: number | null): Promise<BoardSectionDTO[]>;
  createBoard(
    input: {
      name: string;
      description?: string;
      privacy?: 'PUBLIC' | 'SECRET';
    },
    accountId?: number | null
  ): Promise<BoardDTO>;
  /**
   * The reconcile pass (published entries whose job was never recorded), on one instance at a
   * time. Null when another instance holds the lease.
   */
  reconcileOnce(): Promise<{ scanned: number; enqueued: EntryRef[] } | null>;
  /**
   * Records "enabled now" for every mapped content type seen for the first time (at start-up):
   * entries it published before stay unpinned unless someone asks (a re-pin campaign).
   */
  markEnabledTypes(): Promise<void>;
}

/** A job row as the admin sees it. */
export function toJobDTO(job: JobRow): JobDTO {
  const payload = job.payload ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    attempts: job.attempts,
    runAt: Number.isFinite(job.runAt) ? new Date(job.runAt).toISOString() : null,
    lastError: job.lastError ?? null,
    updatedAt: job.updatedAt ? new Date(job.updatedAt).toISOString() : null,
    contentType: text(payload.contentType),
    documentId: text(payload.documentId),
    locale: text(payload.locale),
  };
}

// The account's boards, cached briefly: the field's picker asks often, Pinterest pages 250 at a
// time.
const BOARDS_TTL_MS = 60_000;

export function createPins(core: PluginCore, deps: { connection: ConnectionService }): PinsService {
  const { strapi, jobs } = core;
  const marks = core.reconcileMarks;
  /** Boards per account ('default' for the default account), for a minute. */
  const boardsCache = new Map<
    string,
    { at: number; environment: string; boards: Promise<Board[]> }
  >();

  const jobOf = async (key: string) => {
    const job = await jobs.findByKey(key);
    return job ? toJobDTO(job) : null;
  };

  const service: PinsService = {
    async enqueueEntry(ref, opts = {}) {
      await jobs.enqueue({
        key: pinEntryJobKey(ref),
        kind: JOB_KINDS.pinEntry,
        payload: { ...ref },
        ...(opts.runAt && { runAt: opts.runAt }),
      });
      if (opts.kick !== false) core.kick();
    },

    async entryWithdrawn(ref, opts) {
      const cancelled = await jobs.cancelWaiting(
        ref.locale
          ? { key: pinEntryJobKey({ ...ref, locale: ref.locale }) }
          : { prefix: entryKeyPrefix(ref.contentType, ref.documentId) }
      );
      const mapping = await core.mappingFor(ref.contentType);
      let unpinning = false;
      if (mapping?.onUnpublish === 'delete') {
        const locale = ref.locale ?? ALL_LOCALES;
        await jobs.enqueue({
          key: unpinJobKey({ ...ref, locale }),
          kind: JOB_KINDS.unpinEntry,
          payload: { ...ref, locale },
        });
        unpinning = true;
        core.kick();
      }
      strapi.log.debug?.(
        `[pinterest] ${ref.contentType} ${ref.documentId} ${opts.deleted ? 'deleted' : 'unpublished'}: ${cancelled} job(s) cancelled${unpinning ? ', pins will be deleted' : ''}`
      );
    },

    async entryPins(contentType, documentId, locale) {
      const records = await core.records.listForEntry(contentType, documentId, locale);
      const entryJobs = (
        await jobs.findByKeyPrefix(entryKeyPrefix(contentType, documentId))
      ).filter((j) => !locale || j.payload?.locale === locale);
      return {
        mapped: core.isMapped(contentType),
        pins: await Promise.all(
          records.map(async (r) => {
            // several accounts: the side panel names the account each pin went to
            const account = r.accountId ? await core.accounts.byId(r.accountId) : null;
            return {
              ...toPinRecordDTO(r),
              account: account
                ? {
                    id: account.id,
                    username: account.username,
                    displayName: account.businessName ?? account.username,
                  }
                : null,
            };
          })
        ),
        jobs: entryJobs.map(toJobDTO),
      };
    },

    async pinNow(ref) {
      await service.enqueueEntry(ref);
      return jobOf(pinEntryJobKey(ref));
    },

    async repin(ref) {
      await jobs.enqueue({
        key: pinEntryJobKey(ref),
        kind: JOB_KINDS.pinEntry,
        payload: { ...ref, repin: true },
      });
      core.kick();
      return jobOf(pinEntryJobKey(ref));
    },

    async cancelJob(id) {
      const job = await jobs.findById(id);
      if (!job) return { outcome: 'not-found' };
      if (job.state !== 'waiting') return { outcome: 'refused', state: job.state };
      await jobs.cancelWaiting({ key: job.key });
      const after = await jobs.findById(id);
      return after ? { outcome: 'cancelled', job: toJobDTO(after) } : { outcome: 'not-found' };
    },

    async rescheduleJob(id, runAt) {
      const job = await jobs.reschedule(id, runAt);
      if (!job) return null;
      core.kick();
      return toJobDTO(job);
    },

    async retryJob(id) {
      const job = await jobs.retryNow(id);
      if (!job) return null;
      core.kick();
      return toJobDTO(job);
    },

    async status() {
      const config = core.getConfig();
      const account = await deps.connection.describe();
      return {
        environment: core.environment(),
        apiUrl: config.apiUrl,
        connected: account.status === 'connected',
        contentTypes: core.mappedTypes(),
        queue: {
          waiting: await jobs.count({ state: 'waiting' }),
          running: await jobs.count({ state: 'running' }),
          failed: await jobs.count({ state: 'failed' }),
        },
      };
    },

    async preview(input) {
      const mapping = await core.mappingFor(input.contentType);
      if (!mapping) return null;
      const fieldAttribute = core.pinFieldOf(input.contentType, mapping);
      const parsedField = fieldAttribute
        ? pinFieldValueSchema.safeParse(input.values[fieldAttribute] ?? {})
        : null;
      const values =
        mapping.linkFromPreview && input.documentId
          ? withPreviewLink(
              input.values,
              await core.previewLink({
                contentType: input.contentType,
                documentId: input.documentId,
                locale: input.locale ?? NO_LOCALE,
              })
            )
          : input.values;
      const field = parsedField?.success ? parsedField.data : null;
      const locale = input.locale ?? NO_LOCALE;
      // several accounts: the board default of the account the entry is routed to, as the job does
      // (the edit form's values carry a localized entry's locale)
      const routeLocale =
        input.locale ?? (typeof input.values.locale === 'string' ? input.values.locale : NO_LOCALE);
      const route = routeEntry(field, mapping, routeLocale);
      const preview = previewPin({
        contentType: input.contentType,
        documentId: input.documentId ?? 'new',
        locale,
        entry: values,
        mapping:
          route.defaultBoardId === mapping.defaultBoardId
            ? mapping
            : {
                ...mapping,
                defaultBoardId: route.defaultBoardId,
                defaultBoardSectionId: undefined,
              },
        field,
        utm: core.getConfig().utm,
      });
      return {
        ...preview,
        // the account the entry pins to when its field names none (the field's picker shows it)
        routedAccountId: routeEntry(field && { ...field, accountId: null }, mapping, routeLocale)
          .accountId,
        pinOnPublish:
          (parsedField?.success ? parsedField.data.enabled : undefined) ?? mapping.pinOnPublish,
      };
    },

    boards(accountId = null) {
      const env = core.environment();
      const slot = accountId === null ? 'default' : String(accountId);
      let cached = boardsCache.get(slot);
      if (!cached || cached.environment !== env || Date.now() - cached.at > BOARDS_TTL_MS) {
        const boards = core.getClient(accountId).listAllBoards();
        cached = { at: Date.now(), environment: env, boards };
        boardsCache.set(slot, cached);
        boards.catch(() => boardsCache.delete(slot));
      }
      return cached.boards;
    },

    async sections(boardId, accountId = null) {
      const sections = await core.getClient(accountId).listAllBoardSections(boardId);
      return sections.map((s) => ({ id: s.id, name: s.name }));
    },

    async createBoard(input, accountId = null) {
      const board = await core.getClient(accountId).createBoard(input);
      // (the account may be cached under its id and as the default one)
      boardsCache.clear();
      return {
        id: board.id,
        name: board.name,
        privacy: board.privacy ?? null,
        description: board.description ?? null,
      };
    },

    async markEnabledTypes() {
      await core.mappings.refresh(true);
      await marks.ensureEnabled(core.mappedTypes());
    },

    async reconcileOnce() {
      if (!(await core.leases.acquire('reconcile', core.owner, 10 * 60_000))) return null;
      try {
        return await reconcile({
          strapi,
          marks,
          contentTypes: () => core.mappedTypes(),
          mappingFor: core.mappingFor,
          pinFieldOf: core.pinFieldOf,
          enqueue: (ref) => service.enqueueEntry(ref),
        });
      } finally {
        await core.leases.release('reconcile', core.owner);
      }
    },
  };
  return service;
}
