import { PLUGIN_ID } from '../../pluginId';

/** Settings → Pinterest → Content types, relative to the admin's settings. */
export const CONTENT_TYPES_SETTINGS_LINK = `${PLUGIN_ID}-content-types`;
/** The page and one type's setup in the admin's router. */
export const CONTENT_TYPES_PATH = `/settings/${CONTENT_TYPES_SETTINGS_LINK}`;
export const contentTypeSetupPath = (uid: string) =>
  `${CONTENT_TYPES_PATH}/${encodeURIComponent(uid)}`;
