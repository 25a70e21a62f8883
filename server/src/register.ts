import type { Core } from '@strapi/strapi';
import { METRIC_FIELD_NAME, STATS_FIELD_NAME } from '../../common/analytics';
import { PIN_FIELD_NAME } from '../../common/pin-field';
import { registerDocumentMiddlewares } from './middlewares';
import { registerGraphql } from './graphql';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The editor's choices for an entry (board, section, cover, overrides), stored as JSON.
  strapi.customFields.register({
    name: PIN_FIELD_NAME,
    plugin: 'pinterest',
    type: 'json',
    inputSize: { default: 12, isResizable: false },
  });
  // An entry's Pinterest totals, written by the analytics sync, read-only for editors: the whole
  // object as JSON, and single totals as numbers a site can sort and filter by.
  strapi.customFields.register([
    { name: STATS_FIELD_NAME, plugin: 'pinterest', type: 'json' },
    { name: METRIC_FIELD_NAME, plugin: 'pinterest', type: 'float' },
  ]);
  // The publish hook and the stats guard (server/src/middlewares), before any document call.
  registerDocumentMiddlewares(strapi);
  // GraphQL (when @strapi/plugin-graphql is installed): typed stats, entries' pins
  registerGraphql(strapi);
};

export default register;
