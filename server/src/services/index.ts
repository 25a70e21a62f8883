import type { Core } from '@strapi/strapi';
import { createAnalyticsService } from '../analytics/analytics-service';
import { createRuntime } from './runtime';

export default {
  runtime: ({ strapi }: { strapi: Core.Strapi }) => createRuntime(strapi),
  analytics: ({ strapi }: { strapi: Core.Strapi }) => createAnalyticsService(strapi),
};
