import type { Core } from '@strapi/strapi';
import type { PluginServices } from '../services/wiring';

/** The one typed way to reach the plugin's services. */
export function getService<K extends keyof PluginServices>(
  strapi: Core.Strapi,
  name: K
): PluginServices[K] {
  const service: unknown = strapi.plugin('pinterest').service(name);
  return service as PluginServices[K];
}
