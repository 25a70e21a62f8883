import type { SettingsDTO } from '../../../common/wire';
import type { ContentTypeMapping, PluginConfig } from '../config/schema';
import { grantDefaultsOnce, LAST_DEFAULT_ROLE, logGrants } from '../settings/default-grants';
import type { StoredSettings } from '../settings/settings-store';
import type { PluginCore } from './core';

/**
 * The plugin's configuration and the administrator's defaults per content type (Settings →
 * Pinterest), and what they make of each content type.
 */
export interface SettingsService {
  /** The parsed plugin config (`config/plugins`, `PINTEREST_*`), read once. */
  getConfig(): PluginConfig;
  /** The content types the config lets pin. */
  contentTypes(): string[];
  /** Whether a content type is configured to pin. */
  isMapped(contentType: string): boolean;
  /** The content type's mapping with the administrator's defaults on top; null when unmapped. */
  mappingFor(contentType: string): Promise<ContentTypeMapping | null>;
  /** The attribute holding the `plugin::pinterest.pin` field, if the content type has one. */
  pinFieldOf(contentType: string, mapping: ContentTypeMapping): string | null;
  /** The defaults of every configured content type, as the settings page shows them. */
  describe(): Promise<SettingsDTO>;
  /** Saves the administrator's defaults (the caller checked the content types are mapped). */
  save(value: StoredSettings): Promise<SettingsDTO>;
  /**
   * On a new install, gives Strapi's default Editor and Author roles the plugin's everyday rights,
   * once per database (one instance at a time). Returns what was granted, or null when done before.
   */
  grantDefaultRolesOnce(): Promise<Record<string, string[]> | null>;
}

export function createSettingsService(core: PluginCore): SettingsService {
  const { strapi } = core;
  const service: SettingsService = {
    getConfig: core.getConfig,
    contentTypes: () => Object.keys(core.getConfig().contentTypes),
    isMapped: core.isMapped,
    mappingFor: core.mappingFor,
    pinFieldOf: core.pinFieldOf,

    async describe() {
      const saved = await core.settings.get();
      return {
        contentTypes: Object.entries(core.getConfig().contentTypes).map(([uid, mapping]) => {
          const s = saved.contentTypes[uid];
          const ct: { info?: { displayName?: string } } | undefined = strapi.contentType(
            uid as never
          );
          return {
            uid,
            displayName: ct?.info?.displayName ?? uid,
            pinOnPublish: s?.pinOnPublish ?? mapping.pinOnPublish,
            defaultBoardId: s?.defaultBoardId ?? mapping.defaultBoardId ?? null,
            defaultBoardSectionId:
              s?.defaultBoardSectionId ?? mapping.defaultBoardSectionId ?? null,
            onUnpublish: s?.onUnpublish ?? mapping.onUnpublish,
          };
        }),
      };
    },

    async grantDefaultRolesOnce() {
      const grant = async () => {
        if (!(await core.leases.acquire('default-grants', core.owner, 60_000))) return null;
        try {
          return await grantDefaultsOnce(strapi);
        } finally {
          await core.leases.release('default-grants', core.owner);
        }
      };
      const granted = await grant();
      if (granted === 'no-roles') {
        // a new database: the admin makes its default roles after the plugins start; grant as soon
        // as the last of them (Author) exists
        strapi.db.lifecycles.subscribe({
          models: ['admin::role'],
          async afterCreate(event: { result?: { code?: string } }) {
            if (event.result?.code !== LAST_DEFAULT_ROLE) return;
            const late = await grant();
            if (late && late !== 'no-roles') logGrants(strapi, late);
          },
        });
        return null;
      }
      if (granted) logGrants(strapi, granted);
      return granted;
    },

    async save(value) {
      await core.settings.set(value);
      return service.describe();
    },
  };
  return service;
}
