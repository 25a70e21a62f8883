import type { SettingsDTO } from '../../../common/wire';
import type { ContentTypeMapping, PluginConfig } from '../config/schema';
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

    async save(value) {
      await core.settings.set(value);
      return service.describe();
    },
  };
  return service;
}
