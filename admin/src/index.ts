import type { StrapiApp } from '@strapi/strapi/admin';
import { ENTRY_METRICS, METRIC_FIELD_NAME, STATS_FIELD_NAME } from '../../common/analytics';
import { PIN_FIELD_NAME } from '../../common/pin-field';
import { StatsPanel } from './components/Analytics/StatsPanel';
import { BulkPinAction } from './components/BulkPin/BulkPinAction';
import { Initializer } from './components/Initializer';
import { AnalyticsIcon, CampaignsIcon } from './components/MenuIcons';
import { PinterestPanel } from './components/PinPanel/PinterestPanel';
import { CONTENT_TYPES_SETTINGS_LINK } from './pages/ContentTypes/paths';
import { PluginIcon } from './components/PluginIcon';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';

/** The languages the plugin is translated to, each loaded when the admin asks for it. */
const TRANSLATIONS: Record<
  string,
  (() => Promise<{ default: Record<string, string> }>) | undefined
> = {
  en: () => import('./translations/en.json'),
  fr: () => import('./translations/fr.json'),
};

export default {
  register(app: StrapiApp) {
    app.customFields.register({
      name: PIN_FIELD_NAME,
      pluginId: PLUGIN_ID,
      type: 'json',
      icon: PluginIcon,
      intlLabel: { id: getTranslation('field.label'), defaultMessage: 'Pinterest' },
      intlDescription: {
        id: getTranslation('field.description.ctb'),
        defaultMessage: 'Where and how this entry is pinned on Pinterest',
      },
      components: { Input: () => import('./components/PinField/PinFieldInput') as never },
    });

    // An entry's Pinterest totals (written by the analytics sync, read-only in the edit view).
    app.customFields.register([
      {
        name: STATS_FIELD_NAME,
        pluginId: PLUGIN_ID,
        type: 'json',
        icon: PluginIcon,
        intlLabel: { id: getTranslation('stats.field.label'), defaultMessage: 'Pinterest stats' },
        intlDescription: {
          id: getTranslation('stats.field.description.ctb'),
          defaultMessage: 'The entry’s Pinterest totals, kept up to date by the plugin (read-only)',
        },
        components: { Input: () => import('./components/Analytics/StatsFieldInput') as never },
      },
      {
        name: METRIC_FIELD_NAME,
        pluginId: PLUGIN_ID,
        type: 'float',
        icon: PluginIcon,
        intlLabel: { id: getTranslation('metric.field.label'), defaultMessage: 'Pinterest total' },
        intlDescription: {
          id: getTranslation('metric.field.description.ctb'),
          defaultMessage:
            'One Pinterest total as a number, to sort and filter entries by it (read-only)',
        },
        components: { Input: () => import('./components/Analytics/MetricFieldInput') as never },
        options: {
          base: [
            {
              name: 'options.metric',
              type: 'select',
              intlLabel: { id: getTranslation('metric.field.option'), defaultMessage: 'Total' },
              description: {
                id: getTranslation('metric.field.option.description'),
                defaultMessage: 'Which of the entry’s Pinterest totals this field holds',
              },
              defaultValue: 'saves',
              options: ENTRY_METRICS.map((m) => ({
                key: m,
                value: m,
                metadatas: { intlLabel: { id: getTranslation(`metric.${m}`), defaultMessage: m } },
              })),
            },
          ],
        } as never,
      },
    ]);

    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/analytics`,
      icon: AnalyticsIcon,
      intlLabel: { id: getTranslation('analytics.menu'), defaultMessage: 'Pinterest analytics' },
      Component: () => import('./pages/AnalyticsPage'),
      permissions: PERMISSIONS.readStats,
    });

    // Re-pin campaigns: the planner, the campaigns and their progress (the bulk action starts them
    // too).
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/campaigns`,
      icon: CampaignsIcon,
      intlLabel: { id: getTranslation('campaigns.menu'), defaultMessage: 'Re-pin campaigns' },
      Component: () => import('./pages/Campaigns'),
      permissions: PERMISSIONS.bulkRepin,
    });

    app.addSettingsLink(
      {
        id: PLUGIN_ID,
        intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Pinterest' },
      },
      {
        id: 'pinterest-settings',
        to: PLUGIN_ID,
        intlLabel: { id: getTranslation('settings.link'), defaultMessage: 'Connection & defaults' },
        Component: () => import('./pages/SettingsPage'),
        permissions: PERMISSIONS.readSettings,
      }
    );
    // which content types pin and what their pins are made of, without code
    app.addSettingsLink(PLUGIN_ID, {
      id: 'pinterest-content-types',
      to: CONTENT_TYPES_SETTINGS_LINK,
      intlLabel: { id: getTranslation('ct.settingsLink'), defaultMessage: 'Content types' },
      Component: () => import('./pages/ContentTypes'),
      permissions: PERMISSIONS.readSettings,
    });

    app.registerPlugin({
      id: PLUGIN_ID,
      initializer: Initializer,
      isReady: false,
      name: PLUGIN_ID,
    });
  },

  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel: (panels: unknown[]) => void };
    };
    contentManager.apis.addEditViewSidePanel([PinterestPanel]);
    // "Pin to Pinterest…" on the list view's selected entries: a paced re-pin campaign
    (
      contentManager.apis as unknown as { addBulkAction: (actions: unknown[]) => void }
    ).addBulkAction([BulkPinAction]);
    contentManager.apis.addEditViewSidePanel([StatsPanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        const load = TRANSLATIONS[locale];
        // a language the plugin is not translated to: Strapi shows the English defaults
        if (!load) return { data: {}, locale };
        const { default: data } = await load();
        return {
          data: Object.fromEntries(Object.entries(data).map(([k, v]) => [getTranslation(k), v])),
          locale,
        };
      })
    );
  },
};
