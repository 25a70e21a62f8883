import { createAnalyticsService, type AnalyticsService } from '../analytics/analytics-service';
import type { PluginCore } from './core';
import type { PinsService } from './pins';

export type { AnalyticsService };

/** Pin analytics, reading the account's boards through the pins service's cache. */
export function createAnalytics(core: PluginCore, deps: { pins: PinsService }): AnalyticsService {
  return createAnalyticsService(core.strapi, {
    config: core.getConfig,
    client: core.getClient,
    accounts: () => core.accounts.list(core.environment()),
    leases: core.leases,
    owner: core.owner,
    boards: (accountId) => deps.pins.boards(accountId ?? null),
    isMapped: core.isMapped,
    mappedTypes: core.mappedTypes,
  });
}
