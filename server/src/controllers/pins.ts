import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { EntryPinsDTO, JobDTO } from '../../../common/wire';
import { entryKeyPrefix, JOB_KINDS, NO_LOCALE, pinEntryJobKey } from '../pins/job-keys';
import { toPinRecordDTO } from '../pins/pin-record-store';
import type { JobRow } from '../queue/job-store';
import { getService } from '../utils/get-service';
import { namedParams, validate } from './validate';

const entryParams = z
  .object({
    contentType: z
      .string()
      .regex(
        /^(api|plugin)::[\w-]+\.[\w-]+$/,
        'must be a content type uid such as api::article.article'
      ),
    documentId: z.string().min(1).max(64),
  })
  .strict();
const entryQuery = z.object({ locale: z.string().min(1).max(32).optional() }).strict();
const jobParams = z.object({ id: z.coerce.number().int().positive() }).strict();
const rescheduleBody = z
  .object({
    runAt: z.iso.datetime({
      offset: true,
      error: 'must be an ISO 8601 date-time, e.g. 2026-12-01T09:00:00Z',
    }),
  })
  .strict();

export function toJobDTO(job: JobRow): JobDTO {
  const payload = (job.payload ?? {}) as {
    contentType?: string;
    documentId?: string;
    locale?: string;
  };
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    attempts: job.attempts,
    runAt: Number.isFinite(job.runAt) ? new Date(job.runAt).toISOString() : null,
    lastError: job.lastError ?? null,
    updatedAt: job.updatedAt ? new Date(job.updatedAt).toISOString() : null,
    contentType: payload.contentType ?? null,
    documentId: payload.documentId ?? null,
    locale: payload.locale ?? null,
  };
}

type Ctx = { params: unknown; query: unknown; body: unknown };

/** The entry a route names, checked to be of a content type that pins. */
function mappedEntry(ctx: Ctx, runtime: { isMapped: (uid: string) => boolean }) {
  const { contentType, documentId } = validate(
    entryParams,
    namedParams(ctx.params, ['contentType', 'documentId'])
  );
  const { locale } = validate(entryQuery, ctx.query);
  if (!runtime.isMapped(contentType)) {
    throw new errors.ValidationError(
      `contentType: ${contentType} is not configured to pin (config.contentTypes)`
    );
  }
  return { contentType, documentId, locale: locale ?? NO_LOCALE };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** This entry's pins and pin jobs, with their states and last errors. */
  async forEntry(ctx: Ctx & { body: EntryPinsDTO }) {
    const { contentType, documentId } = validate(
      entryParams,
      namedParams(ctx.params, ['contentType', 'documentId'])
    );
    const { locale } = validate(entryQuery, ctx.query);
    const runtime = getService(strapi, 'runtime');
    const records = await runtime.records.listForEntry(contentType, documentId, locale);
    const jobs = (
      await runtime.jobs.findByKeyPrefix(entryKeyPrefix(contentType, documentId))
    ).filter((j) => !locale || (j.payload as { locale?: string } | null)?.locale === locale);
    ctx.body = {
      mapped: runtime.isMapped(contentType),
      pins: records.map(toPinRecordDTO),
      jobs: jobs.map(toJobDTO),
    };
  },

  /** Pin the published entry now (or again, after fixing what failed). */
  async pinNow(ctx: Ctx & { body: unknown }) {
    const runtime = getService(strapi, 'runtime');
    const ref = mappedEntry(ctx, runtime);
    await runtime.enqueueEntry(ref);
    const job = await runtime.jobs.findByKey(pinEntryJobKey(ref));
    ctx.body = { job: job ? toJobDTO(job) : null };
  },

  /**
   * Replace the entry's pin with a new one carrying the current content: the way out when Pinterest
   * refused an edit (PATCH is a beta). The old pin is deleted first, so there is never a second
   * one.
   */
  async repin(ctx: Ctx & { body: unknown }) {
    const runtime = getService(strapi, 'runtime');
    const ref = mappedEntry(ctx, runtime);
    await runtime.jobs.enqueue({
      key: pinEntryJobKey(ref),
      kind: JOB_KINDS.pinEntry,
      payload: { ...ref, repin: true },
    });
    runtime.kickWorker();
    const job = await runtime.jobs.findByKey(pinEntryJobKey(ref));
    ctx.body = { job: job ? toJobDTO(job) : null };
  },

  /** Cancel a job that has not started (a scheduled pin the editor no longer wants). */
  async cancelJob(ctx: Ctx & { body: unknown }) {
    const { id } = validate(jobParams, namedParams(ctx.params, ['id']));
    const runtime = getService(strapi, 'runtime');
    const job = await runtime.jobs.findById(id);
    if (!job) throw new errors.NotFoundError(`No Pinterest job with id ${id}`);
    if (job.state !== 'waiting')
      throw new errors.ApplicationError(
        `This pin job is ${job.state}; only a waiting or scheduled pin can be cancelled.`
      );
    await runtime.jobs.cancelWaiting(job.key);
    ctx.body = { job: toJobDTO((await runtime.jobs.findById(id))!) };
  },

  /** Move a waiting (or cancelled) pin to another time; a time in the past means now. */
  async rescheduleJob(ctx: Ctx & { body: unknown; request?: { body?: unknown } }) {
    const { id } = validate(jobParams, namedParams(ctx.params, ['id']));
    const { runAt } = validate(
      rescheduleBody,
      (ctx as { request?: { body?: unknown } }).request?.body ?? {}
    );
    const runtime = getService(strapi, 'runtime');
    const job = await runtime.jobs.reschedule(id, Math.max(Date.now(), Date.parse(runAt)));
    if (!job)
      throw new errors.ApplicationError(
        'Only a waiting, scheduled or cancelled pin can be rescheduled.'
      );
    runtime.kickWorker();
    ctx.body = { job: toJobDTO(job) };
  },

  /** Try a waiting or failed job again now. */
  async retryJob(ctx: Ctx & { body: unknown }) {
    const { id } = validate(jobParams, namedParams(ctx.params, ['id']));
    const runtime = getService(strapi, 'runtime');
    const job = await runtime.jobs.retryNow(id);
    if (!job) throw new errors.NotFoundError(`No Pinterest job with id ${id}`);
    runtime.kickWorker();
    ctx.body = { job: toJobDTO(job) };
  },

  /**
   * Whether the plugin can pin: configured content types and whether an account token is present.
   */
  async status(ctx: { body: unknown }) {
    const runtime = getService(strapi, 'runtime');
    const config = runtime.getConfig();
    const environment = runtime.environment();
    const connection = await runtime.connection.describe();
    ctx.body = {
      environment,
      apiUrl: config.apiUrl,
      connected: connection.status === 'connected',
      contentTypes: Object.keys(config.contentTypes),
      queue: {
        waiting: await runtime.jobs.count({ state: 'waiting' }),
        running: await runtime.jobs.count({ state: 'running' }),
        failed: await runtime.jobs.count({ state: 'failed' }),
      },
    };
  },
});
