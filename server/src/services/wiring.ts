import type { Core } from '@strapi/strapi';
import type { AnalyticsService } from '../analytics/analytics-service';
import { createAnalytics } from './analytics';
import { createCampaigns, type CampaignsService } from './campaigns';
import { createConnectionService, type ConnectionService } from './connection';
import { createPluginCore } from './core';
import { createDesigns, type DesignsService } from './designs';
import { createPins, type PinsService } from './pins';
import { createPosts, type PostsService } from './posts';
import { createQueueService, type QueueService } from './queue';
import { createSeo, type SeoService } from './seo';
import { createSettingsService, type SettingsService } from './settings';

/** The plugin's services by name, as `getService` hands them out. */
export interface PluginServices {
  settings: SettingsService;
  connection: ConnectionService;
  pins: PinsService;
  posts: PostsService;
  campaigns: CampaignsService;
  analytics: AnalyticsService;
  designs: DesignsService;
  queue: QueueService;
  seo: SeoService;
}

const wired = new WeakMap<Core.Strapi, PluginServices>();

/**
 * Builds the services of one Strapi instance, once, on the private core they share (config,
 * stores, tokens, rate budget, client, worker). Each Strapi service of ./index.ts is one of these.
 */
export function servicesOf(strapi: Core.Strapi): PluginServices {
  let services = wired.get(strapi);
  if (!services) {
    const core = createPluginCore(strapi);
    const connection = createConnectionService(core);
    const pins = createPins(core, { connection });
    const posts = createPosts(core);
    const campaigns = createCampaigns(core, { pins });
    const designs = createDesigns(core);
    const seo = createSeo(core, { pins, designs });
    services = {
      settings: createSettingsService(core),
      connection,
      pins,
      posts,
      campaigns,
      analytics: createAnalytics(core, { pins }),
      designs,
      queue: createQueueService(core, { campaigns, lookup: posts.lookup, designs, seo }),
      seo,
    };
    wired.set(strapi, services);
  }
  return services;
}
