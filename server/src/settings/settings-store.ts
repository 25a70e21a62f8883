import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { contentTypeMappingSchema, type ContentTypeMapping } from '../config/schema';
import { contentTypeDefaultsSchema } from './content-type-defaults';

export const settingsSchema = z
  .object({ contentTypes: z.record(z.string(), contentTypeDefaultsSchema) })
  .strict();
export type StoredSettings = z.infer<typeof settingsSchema>;

/**
 * A content type's mapping as an administrator saved it in Settings → Pinterest → Content types
 * (the same shape as a `config.contentTypes` entry), and whether it is on.
 */
export const storedMappingSchema = contentTypeMappingSchema.extend({ enabled: z.boolean() });
export type StoredMapping = z.infer<typeof storedMappingSchema>;
const storedMappingsSchema = z.record(z.string(), storedMappingSchema);

/**
 * How long a read of the saved settings is reused. Every pin reads them (its mapping, its design,
 * its SEO checklist); another instance follows a change within this, this one at once (`set`).
 */
export const SETTINGS_TTL_MS = 2_000;

export function createSettingsStore(strapi: Core.Strapi, opts: { now?: () => number } = {}) {
  const now = opts.now ?? Date.now;
  const store = () => strapi.store({ type: 'plugin', name: 'pinterest' });
  let cached: { value: StoredSettings; at: number } | null = null;
  const readMappings = async (): Promise<Record<string, StoredMapping>> => {
    const raw: unknown = (await store().get({ key: 'mappings' })) ?? {};
    const parsed = storedMappingsSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    // one bad row must not hide the others: keep every mapping that still reads
    const out: Record<string, StoredMapping> = {};
    for (const [uid, value] of Object.entries(raw as Record<string, unknown>)) {
      const one = storedMappingSchema.safeParse(value);
      if (one.success) out[uid] = one.data;
    }
    return out;
  };
  return {
    /** Every content type mapping saved in the admin, enabled or not. */
    mappings: readMappings,
    async saveMapping(uid: string, mapping: StoredMapping): Promise<void> {
      await store().set({ key: 'mappings', value: { ...(await readMappings()), [uid]: mapping } });
    },
    /** The saved settings, read again when the last read is older than SETTINGS_TTL_MS. */
    async get(): Promise<StoredSettings> {
      if (cached && now() - cached.at < SETTINGS_TTL_MS) return cached.value;
      const at = now();
      const parsed = settingsSchema.safeParse(await store().get({ key: 'settings' }));
      const value = parsed.success ? parsed.data : { contentTypes: {} };
      cached = { value, at };
      return value;
    },
    async set(value: StoredSettings): Promise<void> {
      cached = null;
      await store().set({ key: 'settings', value });
      cached = null;
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
    defaultAccountId: saved.defaultAccountId ?? config.defaultAccountId,
    localeDefaults: { ...config.localeDefaults, ...saved.localeDefaults },
  };
}
