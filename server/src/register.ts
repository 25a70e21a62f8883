import type { Core } from '@strapi/strapi';
import { PIN_FIELD_NAME } from '../../common/pin-field';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The editor's choices for an entry (board, section, cover, overrides), stored as JSON.
  strapi.customFields.register({
    name: PIN_FIELD_NAME,
    plugin: 'pinterest',
    type: 'json',
    inputSize: { default: 12, isResizable: false },
  });
};

export default register;
