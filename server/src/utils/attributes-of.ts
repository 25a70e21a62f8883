import type { Core } from '@strapi/strapi';
import type { AttributesOf } from '../mapping/entry-values';

/** The attributes of a content type or a component, as its schema declares them. */
export const attributesOf =
  (strapi: Core.Strapi): AttributesOf =>
  (uid) => {
    const schema: unknown =
      strapi.contentTypes[uid as keyof typeof strapi.contentTypes] ??
      strapi.components[uid as keyof typeof strapi.components];
    return (schema as { attributes?: ReturnType<AttributesOf> } | undefined)?.attributes;
  };
