import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { seoInputSchema, seoSettingsInputSchema, type SeoInput } from '../../../common/seo';
import { notPinnable } from './not-pinnable';
import { createEntryAccess, type AdminCtx } from '../permissions/entry-access';
import { getService } from '../utils/get-service';
import { validate } from './validate';

type Ctx = AdminCtx & {
  request: { body?: unknown };
  query?: unknown;
  body: unknown;
  status: number;
};

const variantsBody = z
  .object({
    contentType: seoInputSchema.shape.contentType,
    locale: z.string().max(32).nullish(),
  })
  .strict();

const weakestQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(50).default(10) })
  .strict();

/** Pinterest SEO: keyword suggestions and the checklist in the editor, status, weakest pins. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Like the preview: a stored entry needs the right to read it; a new one, to read or create. */
  const readInput = async (ctx: Ctx): Promise<SeoInput> => {
    const input = validate(seoInputSchema, ctx.request.body);
    await createEntryAccess(strapi).assertPreview(ctx, input);
    return input;
  };
  const unmapped = (input: SeoInput) => notPinnable(input.contentType);

  return {
    async suggestions(ctx: Ctx) {
      const input = await readInput(ctx);
      const answer = await getService(strapi, 'seo').suggestions(input);
      if (!answer) throw unmapped(input);
      ctx.body = answer;
    },

    async checklist(ctx: Ctx) {
      const input = await readInput(ctx);
      const answer = await getService(strapi, 'seo').checklist(input);
      if (!answer) throw unmapped(input);
      ctx.body = answer;
    },

    async status(ctx: Ctx) {
      ctx.body = await getService(strapi, 'seo').status();
    },

    async saveSettings(ctx: Ctx) {
      const input = validate(seoSettingsInputSchema, ctx.request.body);
      ctx.body = await getService(strapi, 'seo').saveSettings(input);
    },

    /** A campaign's title and description variants: the type's entries must be readable. */
    async variants(ctx: Ctx) {
      const input = validate(variantsBody, ctx.request.body);
      createEntryAccess(strapi).assertType(ctx, ['read'], input.contentType);
      const answer = await getService(strapi, 'seo').variants(
        input.contentType,
        input.locale ?? null
      );
      if (!answer) throw unmapped({ ...input, values: {} });
      ctx.body = answer;
    },

    async weakest(ctx: Ctx) {
      const { limit } = validate(weakestQuery, ctx.query ?? {});
      ctx.body = { pins: await getService(strapi, 'seo').weakest(limit) };
    },
  };
};
