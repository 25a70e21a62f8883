import { errors } from '@strapi/utils';

/** The 400 for a content type the plugin does not pin (not set up in config or Settings). */
export const notPinnable = (contentType: string) =>
  new errors.ValidationError(
    `contentType: ${contentType} is not configured to pin (set it up in Settings → Pinterest → Content types, or config.contentTypes)`
  );
