import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { EntryPinsDTO } from '../../../common/wire';
import { NO_LOCALE, type EntryRef } from '../pins/job-keys';
import { createEntryAccess, type AdminCtx } from '../permissions/entry-access';
import { notPinnable } from './not-pinnable';
import { assertJobAccess } from '../permissions/job-access';
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

type Ctx = AdminCtx & { params: unknown; query: unknown; body: unknown };

/** The entry a route names, checked to be of a content type that pins. */
function mappedEntry(ctx: Ctx, settings: { isMapped: (uid: string) => boolean }): EntryRef {
  const { contentType, documentId } = validate(
    entryParams,
    namedParams(ctx.params, ['contentType', 'documentId'])
  );
  const { locale } = validate(entryQuery, ctx.query);
  if (!settings.isMapped(contentType)) {
    throw notPinnable(contentType);
  }
  return { contentType, documentId, locale: locale ?? NO_LOCALE };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const pins = () => getService(strapi, 'pins');
  const settings = () => getService(strapi, 'settings');
  const access = createEntryAccess(strapi);
  /** The entry, once the caller may publish it (pinning is publishing). */
  const publishable = async (ctx: Ctx): Promise<EntryRef> => {
    const ref = mappedEntry(ctx, settings());
    await access.assertEntry(ctx, 'publish', {
      ...ref,
      locale: ref.locale === NO_LOCALE ? undefined : ref.locale,
    });
    return ref;
  };
  /** The job's id, once the caller may act on it. */
  const actionableJob = async (ctx: Ctx): Promise<number> => {
    const { id } = validate(jobParams, namedParams(ctx.params, ['id']));
    await assertJobAccess(strapi, access, ctx, id);
    return id;
  };
  return {
    /** This entry's pins and pin jobs, with their states and last errors. */
    async forEntry(ctx: Ctx & { body: EntryPinsDTO }) {
      const { contentType, documentId } = validate(
        entryParams,
        namedParams(ctx.params, ['contentType', 'documentId'])
      );
      const { locale } = validate(entryQuery, ctx.query);
      await access.assertEntry(ctx, 'read', { contentType, documentId, locale });
      ctx.body = await pins().entryPins(contentType, documentId, locale);
    },

    /** Pin the published entry now (or again, after fixing what failed). */
    async pinNow(ctx: Ctx) {
      ctx.body = { job: await pins().pinNow(await publishable(ctx)) };
    },

    /**
     * Replace the entry's pin with a new one carrying the current content: the way out when
     * Pinterest refused an edit (PATCH is a beta). The old pin is deleted first, so there is never
     * a second one.
     */
    async repin(ctx: Ctx) {
      ctx.body = { job: await pins().repin(await publishable(ctx)) };
    },

    /** Cancel a job that has not started (a scheduled pin the editor no longer wants). */
    async cancelJob(ctx: Ctx) {
      const id = await actionableJob(ctx);
      const answer = await pins().cancelJob(id);
      if (answer.outcome === 'not-found')
        throw new errors.NotFoundError(`No Pinterest job with id ${id}`);
      if (answer.outcome === 'refused')
        throw new errors.ApplicationError(
          `This pin job is ${answer.state}; only a waiting or scheduled pin can be cancelled.`
        );
      ctx.body = { job: answer.job };
    },

    /** Move a waiting (or cancelled) pin to another time; a time in the past means now. */
    async rescheduleJob(ctx: Ctx & { request?: { body?: unknown } }) {
      const id = await actionableJob(ctx);
      const { runAt } = validate(rescheduleBody, ctx.request?.body ?? {});
      const job = await pins().rescheduleJob(id, Math.max(Date.now(), Date.parse(runAt)));
      if (!job)
        throw new errors.ApplicationError(
          'Only a waiting, scheduled or cancelled pin can be rescheduled.'
        );
      ctx.body = { job };
    },

    /** Try a waiting or failed job again now. */
    async retryJob(ctx: Ctx) {
      const id = await actionableJob(ctx);
      const job = await pins().retryJob(id);
      if (!job) throw new errors.NotFoundError(`No Pinterest job with id ${id}`);
      ctx.body = { job };
    },

    /**
     * Whether the plugin can pin: configured content types and whether an account token is
     * present.
     */
    async status(ctx: { body: unknown }) {
      ctx.body = await pins().status();
    },
  };
};
