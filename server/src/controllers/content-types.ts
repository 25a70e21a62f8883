import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { contentTypeSetupInputSchema } from '../../../common/content-types';
import { createEntryAccess, type AdminCtx } from '../permissions/entry-access';
import { getService } from '../utils/get-service';
import { namedParams, validate } from './validate';

type Ctx = AdminCtx & {
  request: { body?: unknown };
  params: unknown;
  body: unknown;
  status: number;
};

const uidParams = z
  .object({
    uid: z
      .string()
      .regex(/^api::[\w-]+\.[\w-]+$/, 'must be a content type uid such as api::article.article'),
  })
  .strict();

type Problems = Array<{ path: string[]; message: string }>;

const invalid = (problems: Problems) =>
  new errors.ValidationError(`${problems[0].path.join('.')}: ${problems[0].message}`, {
    errors: problems.map((p) => ({ ...p, name: 'ValidationError' })),
  });

const notFound = (uid: string) =>
  new errors.NotFoundError(`${uid} is not a content type of this app`);

/**
 * Settings → Pinterest → Content types: every content type of the app, an administrator's mapping
 * for one, and the sample pin one of its published entries would make.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Ctx) {
    ctx.body = { contentTypes: await getService(strapi, 'settings').listContentTypes() };
  },

  async save(ctx: Ctx) {
    const { uid } = validate(uidParams, namedParams(ctx.params, ['uid']));
    const input = validate(contentTypeSetupInputSchema, ctx.request.body);
    const result = await getService(strapi, 'settings').saveContentType(uid, input);
    if (result.outcome === 'not-found') throw notFound(uid);
    if (result.outcome === 'read-only') {
      // a conflict with the code, in Strapi's error shape (a ForbiddenError would lose the reason)
      ctx.status = 409;
      ctx.body = {
        data: null,
        error: {
          status: 409,
          name: 'ConflictError',
          message: `${uid} is configured in config/plugins.ts (pinterest.config.contentTypes), which wins over Settings; change it there.`,
          details: {},
        },
      };
      return;
    }
    if (result.outcome === 'invalid') throw invalid(result.problems);
    ctx.body = { contentType: result.contentType };
  },

  /** The sample is made from one of the type's entries: the caller must be allowed to read them. */
  async sample(ctx: Ctx) {
    const { uid } = validate(uidParams, namedParams(ctx.params, ['uid']));
    if (strapi.contentType(uid as never)) createEntryAccess(strapi).assertType(ctx, ['read'], uid);
    const input = validate(contentTypeSetupInputSchema, ctx.request.body);
    const result = await getService(strapi, 'settings').sampleContentType(uid, input);
    if (result.outcome === 'not-found') throw notFound(uid);
    if (result.outcome === 'invalid') throw invalid(result.problems);
    ctx.body = result.sample;
  },
});
