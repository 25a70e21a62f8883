import type { Core } from '@strapi/strapi';
import type { AnalyticsService } from '../analytics/analytics-service';
import type { Runtime } from '../services/runtime';

interface Services {
  runtime: Runtime;
  analytics: AnalyticsService;
}

/** The one typed way to reach the plugin's services. */
export const getService = <K extends keyof Services>(strapi: Core.Strapi, name: K): Services[K] =>
  strapi.plugin('pinterest').service(name) as Services[K];
