import type { Core } from '@strapi/strapi';

/** Whether a content type is localized with i18n (its entries have one row per locale). */
export function isLocalized(strapi: Core.Strapi, uid: string): boolean {
  const schema = strapi.contentType(uid as never) as
    { pluginOptions?: { i18n?: { localized?: boolean } } } | undefined;
  return Boolean(schema?.pluginOptions?.i18n?.localized);
}
