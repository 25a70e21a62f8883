import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { brandSettingsSchema, designPreviewInputSchema } from '../../../common/designs';
import { templateById } from '../designs/templates';
import { PinError } from '../errors/pin-error';
import { notPinnable } from './not-pinnable';
import { createEntryAccess, type AdminCtx } from '../permissions/entry-access';
import { getService } from '../utils/get-service';
import { validate } from './validate';

type Ctx = AdminCtx & {
  request: { body?: unknown };
  body: unknown;
  status: number;
  type: string;
  set(name: string, value: string): void;
};

/** A refusal the service words (an unknown font) is a 400. */
const asValidation = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof PinError && e.code === 'INVALID_REQUEST')
      throw new errors.ValidationError(e.message);
    throw e;
  }
};

/** Designed pins: the templates, the editor's preview, the brand settings. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  templates(ctx: Ctx) {
    ctx.body = { templates: getService(strapi, 'designs').templates() };
  },

  /**
   * The design of an entry as a JPEG, with the editor's unsaved texts; reading the entry is
   * checked.
   */
  async preview(ctx: Ctx) {
    const input = validate(designPreviewInputSchema, ctx.request.body);
    if (!templateById(input.design.template))
      throw new errors.ValidationError(
        `design.template: there is no template “${input.design.template}”`
      );
    await createEntryAccess(strapi).assertPreview(ctx, input);
    const bytes = await getService(strapi, 'designs').preview(input);
    if (!bytes) throw notPinnable(input.contentType);
    ctx.type = 'image/jpeg';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = bytes;
  },

  async getBrand(ctx: Ctx) {
    ctx.body = await getService(strapi, 'designs').brand();
  },

  async putBrand(ctx: Ctx) {
    const input = validate(brandSettingsSchema, ctx.request.body);
    ctx.body = await asValidation(() => getService(strapi, 'designs').saveBrand(input));
  },
});
