import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS } from '../../common/permissions';
import { getService } from './utils/get-service';
import { mappingProblems } from './mapping/mapping-check';
import { sweepStaleVideoFiles } from './media/video-source';
import { attributesOf } from './utils/attributes-of';
import { groupCommitWindowOf, setGroupCommitWindow } from './utils/group-commit';
import { registerWebhookEvents, subscribeEventSources } from './events/emitter';
import { linksOf } from './links';
import { installStatementCache } from './utils/sqlite-statement-cache';

/** What the plugin uses of the admin's permission service: registering its RBAC actions. */
type AdminPermissions = {
  actionProvider: { registerMany: (actions: Array<Record<string, unknown>>) => Promise<void> };
};

const isAdminPermissions = (s: unknown): s is AdminPermissions =>
  typeof s === 'object' && s !== null && 'actionProvider' in s;

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const permissions: unknown = strapi.service('admin::permission');
  if (!isAdminPermissions(permissions))
    throw new Error('[pinterest] the admin permission service cannot register actions');
  await permissions.actionProvider.registerMany(
    ACTION_DEFINITIONS.map((a) => ({
      section: 'plugins',
      pluginName: 'pinterest',
      uid: a.uid,
      displayName: a.displayName,
      subCategory: a.subCategory,
    }))
  );

  // Editors can pin on day one: Strapi's default Editor and Author roles get the everyday rights,
  // once per database
  await getService(strapi, 'settings').grantDefaultRolesOnce();

  const config = getService(strapi, 'settings').getConfig();
  // SQLite: the statements the worker runs again and again are compiled once per connection
  installStatementCache(
    strapi.db.connection,
    strapi.db.dialect.client,
    config.worker.sqliteStatementCache
  );
  // many lanes: their small write transactions share a BEGIN and COMMIT
  setGroupCommitWindow(strapi, groupCommitWindowOf(config.worker));
  for (const uid of Object.keys(config.contentTypes)) {
    const ct = strapi.contentType(uid as never) as
      { attributes: Record<string, unknown> } | undefined;
    if (!ct) {
      throw new Error(
        `[pinterest] config.contentTypes names ${uid}, which does not exist. Fix config/plugins (pinterest.config.contentTypes).`
      );
    }
    for (const problem of mappingProblems(uid, config.contentTypes[uid], attributesOf(strapi)))
      strapi.log.warn(
        `[pinterest] ${uid}: mapping.${problem.field} ${problem.message}; pins will go without it.`
      );
  }

  // several accounts: an install's single account becomes its first one (once, under a lease)
  await getService(strapi, 'connection').migrateAccounts();
  // types mapped for the first time are enabled now: their archive is not pinned by reconcile
  await getService(strapi, 'pins').markEnabledTypes();
  // temporary video files a crashed process left: older than any download may last
  void sweepStaleVideoFiles(2 * config.downloads.deadlineMs)
    .then((n) => n && strapi.log.info(`[pinterest] removed ${n} stale temporary video file(s)`))
    .catch(() => undefined);
  getService(strapi, 'queue').start();
  // webhook events: registered with Strapi's webhook store, emitted where their state is written
  registerWebhookEvents(strapi);
  subscribeEventSources(strapi);

  // Keep the connected account's tokens fresh: refresh when < 5 days are left and at least every 30
  // days.
  strapi.cron.add({
    pinterestTokenRefresh: {
      task: async () => {
        await getService(strapi, 'connection')
          .refreshIfDue()
          .catch((e: Error) =>
            strapi.log.warn(`[pinterest] token refresh check failed: ${e.message}`)
          );
      },
      options: { rule: config.tokenRefreshRule },
    },
    // Nothing lost: published entries whose pin job was never recorded (a crash between publish and
    // enqueue).
    pinterestReconcile: {
      task: async () => {
        const result = await getService(strapi, 'pins')
          .reconcileOnce()
          .catch((e: Error) => {
            strapi.log.warn(`[pinterest] reconcile failed: ${e.message}`);
            return null;
          });
        if (result?.enqueued.length)
          strapi.log.info(
            `[pinterest] reconcile recorded ${result.enqueued.length} missing pin job(s)`
          );
      },
      options: { rule: config.reconcileRule },
    },
    // Re-pin campaigns: plan the next pages and hand due pins to the queue, one instance at a time.
    pinterestCampaigns: {
      task: () => getService(strapi, 'campaigns').tick(),
      options: { rule: config.campaigns.tickRule },
    },
    // Link health: live pins' links re-checked, oldest check first, one instance at a time.
    ...(config.linkCheck.enabled &&
      config.linkCheck.scan.enabled && {
        pinterestLinkHealth: {
          task: () => linksOf(strapi).runScheduled(),
          options: { rule: config.linkCheck.scan.rule },
        },
      }),
    // Pin analytics into the plugin's tables and onto the entries, one instance at a time.
    ...(config.analytics.enabled && {
      pinterestAnalyticsSync: {
        task: () => getService(strapi, 'analytics').runScheduled(),
        options: { rule: config.analytics.rule },
      },
    }),
  });
};

export default bootstrap;
