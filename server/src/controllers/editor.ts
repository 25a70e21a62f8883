import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { linksOf } from '../links';
import { notPinnable } from './not-pinnable';
import { createEntryAccess, type AdminCtx } from '../permissions/entry-access';
import { getService } from '../utils/get-service';
import { validate } from './validate';

const previewBody = z
  .object({
    contentType: z
      .string()
      .regex(
        /^(api|plugin)::[\w-]+\.[\w-]+$/,
        'must be a content type uid such as api::article.article'
      ),
    documentId: z.string().max(64).nullish(),
    locale: z.string().max(32).nullish(),
    /**
     * The edit form's current values (the entry as the editor sees it, unsaved changes included).
     */
    values: z.record(z.string(), z.unknown()),
  })
  .strict();

const createBoardBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'name is required')
      .max(180, 'name must be at most 180 characters'),
    description: z.string().max(500).optional(),
    privacy: z.enum(['PUBLIC', 'SECRET']).optional(),
    /** Several accounts: the account to create it on (absent: the default account). */
    accountId: z.number().int().positive().optional(),
  })
  .strict();

type Ctx = AdminCtx & { request: { body?: unknown }; body: unknown; status: number };

/**
 * What the editor's field needs: a preview computed by the same rules as the worker, and new
 * boards.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * A stored entry's preview (its link) needs the right to read it; a new entry's, to read or
   * create entries of its type.
   */
  async preview(ctx: Ctx) {
    const input = validate(previewBody, ctx.request.body);
    await createEntryAccess(strapi).assertPreview(ctx, input);
    const preview = await getService(strapi, 'pins').preview(input);
    if (!preview) throw notPinnable(input.contentType);
    // link health (server/src/links): the link's answer and the page's Rich Pin readiness
    const linkCheck = await linksOf(strapi).previewCheck(preview.link ?? null);
    ctx.body = linkCheck ? { ...preview, linkCheck } : preview;
  },

  /** The content types that pin (the admin shows the side panel for these only). */
  contentTypes(ctx: Ctx) {
    ctx.body = { contentTypes: getService(strapi, 'settings').contentTypes() };
  },

  async createBoard(ctx: Ctx) {
    const input = validate(createBoardBody, ctx.request.body);
    try {
      const { accountId, ...fields } = input;
      const board = await getService(strapi, 'pins').createBoard(fields, accountId ?? null);
      ctx.status = 201;
      ctx.body = { board };
    } catch (e) {
      const err = e as { message?: string; code?: string; advice?: string };
      throw new errors.ApplicationError(err.message ?? 'The board could not be created.', {
        code: err.code,
        advice: err.advice,
      });
    }
  },
});
