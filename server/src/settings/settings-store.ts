import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { ContentTypeMapping } from '../config/schema';
import { contentTypeDefaultsSchema } from './content-type-defaults';

export const settingsSchema = z
  .object({ contentTypes: z.record(z.string(), contentTypeDefaultsSchema) })
  .strict();
export type StoredSettings = z.infer<typeof settingsSchema>;

export function createSettingsStore(strapi: Core.Strapi) {
  const store = () => strapi.store({ type: 'plugin', name: 'pinterest' });
  return {
    async get(): Promise<StoredSettings> {
      const parsed = settingsSchema.safeParse(await store().get({ key: 'settings' }));
      return parsed.success ? parsed.data : { contentTypes: {} };
    },
    async set(value: StoredSettings): Promise<void> {
      await store().set({ key: 'settings', value });
    },
  };
}

/** The mapping a job uses: the code's config, with the administrator's saved defaults on top. */
export function effectiveMapping(
  config: ContentTypeMapping,
  saved: StoredSettings['contentTypes'][string] | undefined
): ContentTypeMapping {
  if (!saved) return config;
  return {
    ...config,
    pinOnPublish: saved.pinOnPublish,
    defaultBoardId: saved.defaultBoardId ?? config.defaultBoardId,
    defaultBoardSectionId: saved.defaultBoardId
      ? (saved.defaultBoardSectionId ?? undefined)
      : config.defaultBoardSectionId,
    onUnpublish: saved.onUnpublish ?? config.onUnpublish,
  };
}
