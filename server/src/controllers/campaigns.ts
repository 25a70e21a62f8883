import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { campaignInputSchema, type CampaignInput } from '../../../common/campaigns';
import { CampaignProblem } from '../campaigns/campaign-service';
import { createEntryAccess, type AdminCtx } from '../permissions/entry-access';
import { getService } from '../utils/get-service';
import { namedParams, validate } from './validate';

const idParams = z.object({ id: z.coerce.number().int().positive() }).strict();
const itemParams = z
  .object({ id: z.coerce.number().int().positive(), itemId: z.coerce.number().int().positive() })
  .strict();
const ITEM_STATES = [
  'planned',
  'queued',
  'pinning',
  'pinned',
  'failed',
  'skipped',
  'cancelled',
] as const;
const itemsQuery = z
  .object({
    /** Comma-separated states, e.g. `failed` or `planned,queued`. */
    state: z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',') : undefined))
      .pipe(z.array(z.enum(ITEM_STATES)).optional()),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

type Ctx = AdminCtx & {
  params: unknown;
  query: unknown;
  request: { body?: unknown };
  body: unknown;
  status: number;
  state?: {
    user?: { firstname?: string; lastname?: string; email?: string };
    userAbility?: unknown;
  };
};

/**
 * A refusal of the campaign service, in Strapi's error shape (400, 404, or 409 with the reason).
 */
async function answer<T>(ctx: Ctx, run: () => Promise<T>): Promise<T | void> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof CampaignProblem)) throw e;
    if (e.kind === 'invalid') {
      throw new errors.ValidationError(e.message, {
        errors: e.issues.map((i) => ({
          path: i.path,
          message: i.message,
          name: 'ValidationError',
        })),
      });
    }
    if (e.kind === 'not-found') throw new errors.NotFoundError(e.message);
    ctx.status = 409;
    ctx.body = {
      data: null,
      error: { status: 409, name: 'ConflictError', message: e.message, details: {} },
    };
  }
}

/**
 * Re-pin campaigns (the planner page and the Content Manager's bulk action); every route needs
 * `bulk.repin`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const campaigns = () => getService(strapi, 'campaigns');
  const access = createEntryAccess(strapi);
  /** A campaign pins its entries again: the caller must be allowed to publish them. */
  const mayPin = (ctx: Ctx, { selection }: CampaignInput) =>
    access.assertEntries(
      ctx,
      'publish',
      selection.contentType,
      selection.documentIds,
      selection.locale ?? undefined
    );
  return {
    async options(ctx: Ctx) {
      ctx.body = await campaigns().options();
    },

    async preview(ctx: Ctx) {
      const input = validate(campaignInputSchema, ctx.request.body);
      await mayPin(ctx, input);
      await answer(ctx, async () => {
        ctx.body = await campaigns().preview(input);
      });
    },

    async create(ctx: Ctx) {
      const input = validate(campaignInputSchema, ctx.request.body);
      await mayPin(ctx, input);
      await answer(ctx, async () => {
        ctx.body = { campaign: await campaigns().create(input, ctx.state?.user ?? null) };
        ctx.status = 201;
      });
    },

    async list(ctx: Ctx) {
      ctx.body = { campaigns: await campaigns().list() };
    },

    async findOne(ctx: Ctx) {
      const { id } = validate(idParams, namedParams(ctx.params, ['id']));
      await answer(ctx, async () => {
        ctx.body = { campaign: await campaigns().get(id) };
      });
    },

    async items(ctx: Ctx) {
      const { id } = validate(idParams, namedParams(ctx.params, ['id']));
      const query = validate(itemsQuery, ctx.query ?? {});
      await answer(ctx, async () => {
        ctx.body = await campaigns().items(id, {
          states: query.state,
          page: query.page,
          pageSize: query.pageSize,
        });
      });
    },

    async pause(ctx: Ctx) {
      const { id } = validate(idParams, namedParams(ctx.params, ['id']));
      await answer(ctx, async () => {
        ctx.body = { campaign: await campaigns().pause(id) };
      });
    },

    async resume(ctx: Ctx) {
      const { id } = validate(idParams, namedParams(ctx.params, ['id']));
      await answer(ctx, async () => {
        ctx.body = { campaign: await campaigns().resume(id) };
      });
    },

    async cancel(ctx: Ctx) {
      const { id } = validate(idParams, namedParams(ctx.params, ['id']));
      await answer(ctx, async () => {
        ctx.body = { campaign: await campaigns().cancel(id) };
      });
    },

    /** Every failed pin of the campaign goes back to the plan. */
    async retryFailed(ctx: Ctx) {
      const { id } = validate(idParams, namedParams(ctx.params, ['id']));
      await answer(ctx, async () => {
        ctx.body = { campaign: await campaigns().retry(id) };
      });
    },

    async retryItem(ctx: Ctx) {
      const { id, itemId } = validate(itemParams, namedParams(ctx.params, ['id', 'itemId']));
      await answer(ctx, async () => {
        ctx.body = { campaign: await campaigns().retry(id, itemId) };
      });
    },
  };
};
