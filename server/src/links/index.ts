import type { Core } from '@strapi/strapi';
import { NO_LOCALE } from '../pins/job-keys';
import { isLocalized } from '../utils/is-localized';
import { getService } from '../utils/get-service';
import type { LinkRow } from './link-health-store';
import { linkServiceOf, type LinkService } from './link-service';

const refOf = (row: LinkRow) => ({
  contentType: row.contentType,
  documentId: row.entryDocumentId,
  locale: row.entryLocale,
});

/** The link service of this Strapi instance, on the plugin's parsed config and pins service. */
export const linksOf = (strapi: Core.Strapi): LinkService =>
  linkServiceOf(strapi, () => getService(strapi, 'settings').getConfig(), {
    async currentLink(row) {
      const localized = isLocalized(strapi, row.contentType);
      const entry: unknown = await strapi.documents(row.contentType as never).findOne({
        documentId: row.entryDocumentId,
        ...(localized && row.entryLocale !== NO_LOCALE && { locale: row.entryLocale }),
        status: 'published',
        populate: '*',
      } as never);
      if (!entry || typeof entry !== 'object') return null;
      const preview = await getService(strapi, 'pins').preview({
        ...refOf(row),
        values: entry as Record<string, unknown>,
      });
      return preview?.link ?? null;
    },
    async update(row) {
      await getService(strapi, 'pins').pinNow(refOf(row));
    },
  });
