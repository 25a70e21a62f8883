import { permission, type ActionKey } from '../../../../common/permissions';

const guard = (key: ActionKey) => ({
  policies: [{ name: 'plugin::pinterest.has-action', config: { action: permission(key) } }],
});

/**
 * Admin API, served under /pinterest/…; every route needs an admin session and an action, but the
 * OAuth callback.
 */
export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/status', handler: 'pins.status', config: guard('readSettings') },
    {
      method: 'GET',
      path: '/entries/:contentType/:documentId/pins',
      handler: 'pins.forEntry',
      config: guard('readPins'),
    },
    {
      method: 'POST',
      path: '/entries/:contentType/:documentId/pin',
      handler: 'pins.pinNow',
      config: guard('pinEntries'),
    },
    {
      method: 'POST',
      path: '/entries/:contentType/:documentId/repin',
      handler: 'pins.repin',
      config: guard('pinEntries'),
    },
    {
      method: 'POST',
      path: '/jobs/:id/retry',
      handler: 'pins.retryJob',
      config: guard('pinEntries'),
    },
    {
      method: 'POST',
      path: '/jobs/:id/cancel',
      handler: 'pins.cancelJob',
      config: guard('pinEntries'),
    },
    {
      method: 'POST',
      path: '/jobs/:id/reschedule',
      handler: 'pins.rescheduleJob',
      config: guard('pinEntries'),
    },

    {
      method: 'GET',
      path: '/connection',
      handler: 'connection.describe',
      config: guard('readSettings'),
    },
    {
      method: 'POST',
      path: '/connection/authorize',
      handler: 'connection.authorize',
      config: guard('manageSettings'),
    },
    {
      method: 'POST',
      path: '/connection/refresh',
      handler: 'connection.refresh',
      config: guard('manageSettings'),
    },
    {
      method: 'DELETE',
      path: '/connection',
      handler: 'connection.disconnect',
      config: guard('manageSettings'),
    },
    {
      method: 'GET',
      path: '/accounts',
      handler: 'connection.accounts',
      // the editor's field lists them to choose where an entry pins
      config: guard('readPins'),
    },
    {
      method: 'DELETE',
      path: '/accounts/:id',
      handler: 'connection.disconnectAccount',
      config: guard('manageSettings'),
    },
    {
      method: 'POST',
      path: '/accounts/:id/default',
      handler: 'connection.setDefaultAccount',
      config: guard('manageSettings'),
    },
    {
      method: 'POST',
      path: '/connection/resume-writes',
      handler: 'connection.resumeWrites',
      config: guard('manageSettings'),
    },
    // The browser comes back here from Pinterest without the admin's token: the single-use,
    // admin-bound `state` is what authorises it.
    {
      method: 'GET',
      path: '/oauth/callback',
      handler: 'connection.callback',
      config: { auth: false },
    },

    {
      method: 'GET',
      path: '/settings',
      handler: 'connection.getSettings',
      config: guard('readSettings'),
    },
    {
      method: 'PUT',
      path: '/settings',
      handler: 'connection.putSettings',
      config: guard('manageSettings'),
    },
    {
      method: 'GET',
      path: '/settings/content-types',
      handler: 'content-types.list',
      config: guard('readSettings'),
    },
    {
      method: 'PUT',
      path: '/settings/content-types/:uid',
      handler: 'content-types.save',
      config: guard('manageSettings'),
    },
    {
      method: 'POST',
      path: '/settings/content-types/:uid/sample',
      handler: 'content-types.sample',
      config: guard('manageSettings'),
    },

    { method: 'GET', path: '/boards', handler: 'connection.boards', config: guard('readPins') },
    {
      method: 'GET',
      path: '/boards/:boardId/sections',
      handler: 'connection.sections',
      config: guard('readPins'),
    },
    { method: 'POST', path: '/boards', handler: 'editor.createBoard', config: guard('pinEntries') },
    { method: 'POST', path: '/preview', handler: 'editor.preview', config: guard('readPins') },
    // Pinterest SEO (issue 17): keywords and the checklist like the preview; status for Settings
    {
      method: 'POST',
      path: '/seo/suggestions',
      handler: 'seo.suggestions',
      config: guard('readPins'),
    },
    { method: 'POST', path: '/seo/checklist', handler: 'seo.checklist', config: guard('readPins') },
    { method: 'GET', path: '/seo/status', handler: 'seo.status', config: guard('readSettings') },
    {
      method: 'PUT',
      path: '/seo/settings',
      handler: 'seo.saveSettings',
      config: guard('manageSettings'),
    },
    { method: 'GET', path: '/seo/weakest', handler: 'seo.weakest', config: guard('readStats') },
    { method: 'POST', path: '/seo/variants', handler: 'seo.variants', config: guard('bulkRepin') },
    // designed pins (issue 16)
    {
      method: 'GET',
      path: '/designs/templates',
      handler: 'designs.templates',
      config: guard('readPins'),
    },
    {
      method: 'POST',
      path: '/designs/preview',
      handler: 'designs.preview',
      config: guard('readPins'),
    },
    {
      method: 'GET',
      path: '/settings/brand',
      handler: 'designs.getBrand',
      config: guard('readSettings'),
    },
    {
      method: 'PUT',
      path: '/settings/brand',
      handler: 'designs.putBrand',
      config: guard('manageSettings'),
    },
    {
      method: 'GET',
      path: '/content-types',
      handler: 'editor.contentTypes',
      config: guard('readPins'),
    },

    // link health and webhook events (server/src/links, server/src/events)
    { method: 'GET', path: '/links/broken', handler: 'links.broken', config: guard('readStats') },
    { method: 'POST', path: '/links/check', handler: 'links.check', config: guard('readPins') },
    {
      method: 'GET',
      path: '/links/rich-pins',
      handler: 'links.richPins',
      config: guard('readSettings'),
    },
    {
      method: 'GET',
      path: '/links/entries/:contentType/:documentId',
      handler: 'links.forEntry',
      config: guard('readPins'),
    },
    {
      method: 'GET',
      path: '/webhooks/events',
      handler: 'links.webhookEvents',
      config: guard('readSettings'),
    },
    {
      method: 'GET',
      path: '/analytics/status',
      handler: 'analytics.status',
      config: guard('readStats'),
    },
    {
      method: 'GET',
      path: '/analytics/overview',
      handler: 'analytics.overview',
      config: guard('readStats'),
    },
    {
      method: 'GET',
      path: '/analytics/pins',
      handler: 'analytics.pins',
      config: guard('readStats'),
    },
    {
      method: 'GET',
      path: '/analytics/export',
      handler: 'analytics.exportCsv',
      config: guard('readStats'),
    },
    {
      method: 'GET',
      path: '/analytics/entries/:contentType/:documentId',
      handler: 'analytics.entry',
      config: guard('readStats'),
    },
    {
      method: 'POST',
      path: '/analytics/sync',
      handler: 'analytics.syncNow',
      config: guard('manageSettings'),
    },

    {
      method: 'GET',
      path: '/campaigns/options',
      handler: 'campaigns.options',
      config: guard('bulkRepin'),
    },
    {
      method: 'POST',
      path: '/campaigns/preview',
      handler: 'campaigns.preview',
      config: guard('bulkRepin'),
    },
    { method: 'GET', path: '/campaigns', handler: 'campaigns.list', config: guard('bulkRepin') },
    { method: 'POST', path: '/campaigns', handler: 'campaigns.create', config: guard('bulkRepin') },
    {
      method: 'GET',
      path: '/campaigns/:id',
      handler: 'campaigns.findOne',
      config: guard('bulkRepin'),
    },
    {
      method: 'GET',
      path: '/campaigns/:id/items',
      handler: 'campaigns.items',
      config: guard('bulkRepin'),
    },
    {
      method: 'POST',
      path: '/campaigns/:id/pause',
      handler: 'campaigns.pause',
      config: guard('bulkRepin'),
    },
    {
      method: 'POST',
      path: '/campaigns/:id/resume',
      handler: 'campaigns.resume',
      config: guard('bulkRepin'),
    },
    {
      method: 'POST',
      path: '/campaigns/:id/cancel',
      handler: 'campaigns.cancel',
      config: guard('bulkRepin'),
    },
    {
      method: 'POST',
      path: '/campaigns/:id/retry',
      handler: 'campaigns.retryFailed',
      config: guard('bulkRepin'),
    },
    {
      method: 'POST',
      path: '/campaigns/:id/items/:itemId/retry',
      handler: 'campaigns.retryItem',
      config: guard('bulkRepin'),
    },
  ],
};
