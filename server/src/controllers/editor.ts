import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { pinFieldValueSchema } from '../../../common/pin-field';
import type { BoardDTO } from '../../../common/wire';
import { previewPin } from '../mapping/pin-draft';
import { NO_LOCALE } from '../pins/job-keys';
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
  })
  .strict();

type Ctx = { request: { body?: unknown }; body: unknown; status: number };

/**
 * What the editor's field needs: a preview computed by the same rules as the worker, and new
 * boards.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async preview(ctx: Ctx) {
    const input = validate(previewBody, ctx.request.body);
    const runtime = getService(strapi, 'runtime');
    const mapping = await runtime.mappingFor(input.contentType);
    if (!mapping)
      throw new errors.ValidationError(
        `contentType: ${input.contentType} is not configured to pin (config.contentTypes)`
      );
    const fieldAttribute = runtime.pinFieldOf(input.contentType, mapping);
    const parsedField = fieldAttribute
      ? pinFieldValueSchema.safeParse(input.values[fieldAttribute] ?? {})
      : null;
    const preview = previewPin({
      contentType: input.contentType,
      documentId: input.documentId ?? 'new',
      locale: input.locale ?? NO_LOCALE,
      entry: input.values,
      mapping,
      field: parsedField?.success ? parsedField.data : null,
      utm: runtime.getConfig().utm,
    });
    ctx.body = {
      ...preview,
      pinOnPublish:
        (parsedField?.success ? parsedField.data.enabled : undefined) ?? mapping.pinOnPublish,
    };
  },

  /** The content types that pin (the admin shows the side panel for these only). */
  async contentTypes(ctx: Ctx) {
    ctx.body = {
      contentTypes: Object.keys(getService(strapi, 'runtime').getConfig().contentTypes),
    };
  },

  async createBoard(ctx: Ctx) {
    const input = validate(createBoardBody, ctx.request.body);
    const runtime = getService(strapi, 'runtime');
    try {
      const board = await runtime.getClient().createBoard(input);
      runtime.forgetBoards();
      const body: BoardDTO = {
        id: board.id,
        name: board.name,
        privacy: board.privacy ?? null,
        description: board.description ?? null,
      };
      ctx.status = 201;
      ctx.body = { board: body };
    } catch (e) {
      const err = e as { message?: string; code?: string; advice?: string };
      throw new errors.ApplicationError(err.message ?? 'The board could not be created.', {
        code: err.code,
        advice: err.advice,
      });
    }
  },
});
