import { createBrandStore } from '../designs/brand-store';
import { createDesignLibrary } from '../designs/design-library';
import { createDesignsService, type DesignsService } from '../designs/design-service';
import { populateFor, mappingPaths } from '../mapping/entry-values';
import { NO_LOCALE } from '../pins/job-keys';
import { attributesOf } from '../utils/attributes-of';
import { isLocalized } from '../utils/is-localized';
import type { PluginCore } from './core';

export type { DesignsService };

/** Designed pins: templates, brand, preview, and the designed image of a pin job. */
export function createDesigns(core: PluginCore): DesignsService {
  const { strapi } = core;
  return createDesignsService({
    config: () => core.getConfig().designs,
    library: createDesignLibrary(strapi, () => core.getConfig().designs.folderName),
    brand: createBrandStore(strapi),
    storedDefaults: async () => (await core.settings.get()).contentTypes,
    mediaContext: core.mediaContext,
    mappingFor: core.mappingFor,
    loadEntry: async (ref, mapping) => {
      const populate = populateFor(ref.contentType, mappingPaths(mapping), attributesOf(strapi));
      const localized = isLocalized(strapi, ref.contentType);
      const entry: unknown = await strapi.documents(ref.contentType as never).findOne({
        documentId: ref.documentId,
        ...(localized && ref.locale && ref.locale !== NO_LOCALE && { locale: ref.locale }),
        populate,
      } as never);
      return entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : null;
    },
  });
}
