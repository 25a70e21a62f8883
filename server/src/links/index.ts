import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { linkServiceOf, type LinkService } from './link-service';

/** The link service of this Strapi instance, on the plugin's parsed config. */
export const linksOf = (strapi: Core.Strapi): LinkService =>
  linkServiceOf(strapi, () => getService(strapi, 'settings').getConfig());
