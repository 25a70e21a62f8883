import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { TOP_PIN_SORTS } from '../../../common/analytics';
import { addDays, daysBetween, isDay, ymd } from '../analytics/days';
import type { ReportFilters } from '../analytics/report';
import { createEntryAccess, type AdminCtx } from '../permissions/entry-access';
import { getService } from '../utils/get-service';
import { namedParams, validate } from './validate';

/**
 * A period longer than this is refused (the dashboard offers up to a year; history may be longer).
 */
const MAX_PERIOD_DAYS = 3_660;
const DEFAULT_PERIOD_DAYS = 30;

const day = z.string().refine(isDay, 'must be a date like 2030-05-20');
const contentTypeUid = z
  .string()
  .regex(
    /^(api|plugin)::[\w-]+\.[\w-]+$/,
    'must be a content type uid such as api::article.article'
  );

const filterShape = {
  from: day.optional(),
  to: day.optional(),
  contentType: contentTypeUid.optional(),
  boardId: z.string().regex(/^\d+$/, 'must be a Pinterest board id (digits only)').optional(),
  /** Several accounts: only the pins of this account (its id from GET /pinterest/accounts). */
  accountId: z.coerce.number().int().positive().optional(),
};
const overviewQuery = z.object(filterShape).strict();
const sortShape = {
  sort: z.enum(TOP_PIN_SORTS).default('saves'),
  dir: z.enum(['asc', 'desc']).default('desc'),
};
const pinsQuery = z
  .object({
    ...filterShape,
    ...sortShape,
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
const exportQuery = z.object({ ...filterShape, ...sortShape }).strict();
const entryParams = z
  .object({ contentType: contentTypeUid, documentId: z.string().min(1).max(64) })
  .strict();
const entryQuery = z.object({ locale: z.string().min(1).max(32).optional() }).strict();

/** The period asked for, or the last 30 days; `from` after `to` or a too long period is a 400. */
function periodOf(q: {
  from?: string;
  to?: string;
  contentType?: string;
  boardId?: string;
  accountId?: number;
}): ReportFilters {
  const to = q.to ?? ymd(Date.now());
  const from = q.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) throw new errors.ValidationError('from: must not be after to');
  if (daysBetween(from, to) > MAX_PERIOD_DAYS)
    throw new errors.ValidationError(`from: the period must be at most ${MAX_PERIOD_DAYS} days`);
  return {
    from,
    to,
    ...(q.contentType && { contentType: q.contentType }),
    ...(q.boardId && { boardId: q.boardId }),
    ...(q.accountId !== undefined && { accountId: q.accountId }),
  };
}

type Ctx = AdminCtx & {
  params: unknown;
  query: unknown;
  body: unknown;
  set: (k: string, v: string) => void;
  type?: string;
};

/**
 * The analytics admin API: read-only views of the stored stats, and "sync now" for administrators.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const access = createEntryAccess(strapi);
  /**
   * Stats name entries: the caller reads those of a content type whose entries they may read (the
   * one filtered on, else every content type that pins).
   */
  const readable = <F extends { contentType?: string }>(ctx: Ctx, filters: F): F => {
    const types = filters.contentType
      ? [filters.contentType]
      : getService(strapi, 'settings').contentTypes();
    for (const uid of types) access.assertType(ctx, ['read'], uid);
    return filters;
  };
  return {
    async status(ctx: Ctx) {
      ctx.body = await getService(strapi, 'analytics').describeStatus();
    },

    async overview(ctx: Ctx) {
      const q = readable(ctx, validate(overviewQuery, ctx.query));
      ctx.body = await getService(strapi, 'analytics').overview(periodOf(q));
    },

    async pins(ctx: Ctx) {
      const q = readable(ctx, validate(pinsQuery, ctx.query));
      ctx.body = await getService(strapi, 'analytics').pins(
        periodOf(q),
        q.sort,
        q.dir,
        q.pageSize,
        (q.page - 1) * q.pageSize
      );
    },

    async exportCsv(ctx: Ctx) {
      const q = readable(ctx, validate(exportQuery, ctx.query));
      const period = periodOf(q);
      const csv = await getService(strapi, 'analytics').csv(period, q.sort, q.dir);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set(
        'Content-Disposition',
        `attachment; filename="pinterest-pins-${period.from}-to-${period.to}.csv"`
      );
      ctx.body = csv;
    },

    async entry(ctx: Ctx) {
      const { contentType, documentId } = validate(
        entryParams,
        namedParams(ctx.params, ['contentType', 'documentId'])
      );
      const { locale } = validate(entryQuery, ctx.query);
      if (!strapi.contentType(contentType as never))
        throw new errors.NotFoundError(`No content type ${contentType}`);
      await access.assertEntry(ctx, 'read', { contentType, documentId, locale });
      ctx.body = await getService(strapi, 'analytics').entry(contentType, documentId, locale);
    },

    /** Runs a sync now; answers when it ends, or after 10 s with `result: null` meanwhile. */
    async syncNow(ctx: Ctx) {
      const analytics = getService(strapi, 'analytics');
      const run = analytics.syncOnce();
      run.catch((e: Error) => strapi.log.warn(`[pinterest] analytics sync failed: ${e.message}`));
      const result = await Promise.race([
        run.catch(() => null),
        new Promise<null>((r) => setTimeout(() => r(null), 10_000).unref()),
      ]);
      ctx.body = { result, status: await analytics.describeStatus() };
    },
  };
};
