import type { Core } from '@strapi/strapi';
import { brandSettingsSchema, type BrandSettings } from '../../../common/designs';

/** The site's brand for designed pins, in the plugin store (key "brand"). */
export function createBrandStore(strapi: Core.Strapi) {
  const store = () => strapi.store({ type: 'plugin', name: 'pinterest' });
  return {
    async get(): Promise<BrandSettings> {
      const parsed = brandSettingsSchema.safeParse((await store().get({ key: 'brand' })) ?? {});
      return parsed.success ? parsed.data : brandSettingsSchema.parse({});
    },
    async set(value: BrandSettings): Promise<void> {
      await store().set({ key: 'brand', value: brandSettingsSchema.parse(value) });
    },
  };
}
