import type { Core } from '@strapi/strapi';
import { servicesOf, type PluginServices } from './wiring';

type Factories = {
  [K in keyof PluginServices]: (ctx: { strapi: Core.Strapi }) => PluginServices[K];
};

/** The plugin's Strapi services; reach them with `getService` (server/src/utils/get-service.ts). */
const services: Factories = {
  settings: ({ strapi }) => servicesOf(strapi).settings,
  connection: ({ strapi }) => servicesOf(strapi).connection,
  pins: ({ strapi }) => servicesOf(strapi).pins,
  posts: ({ strapi }) => servicesOf(strapi).posts,
  campaigns: ({ strapi }) => servicesOf(strapi).campaigns,
  analytics: ({ strapi }) => servicesOf(strapi).analytics,
  designs: ({ strapi }) => servicesOf(strapi).designs,
  queue: ({ strapi }) => servicesOf(strapi).queue,
  seo: ({ strapi }) => servicesOf(strapi).seo,
};

export default services;
