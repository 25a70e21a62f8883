import type { StrapiApp } from '@strapi/strapi/admin';
import { PIN_FIELD_NAME } from '../../common/pin-field';
import { Initializer } from './components/Initializer';
import { PinterestPanel } from './components/PinPanel/PinterestPanel';
import { PluginIcon } from './components/PluginIcon';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';

export default {
  register(app: StrapiApp) {
    app.customFields.register({
      name: PIN_FIELD_NAME,
      pluginId: PLUGIN_ID,
      type: 'json',
      icon: PluginIcon,
      intlLabel: { id: getTranslation('field.label'), defaultMessage: 'Pinterest' },
      intlDescription: { id: getTranslation('field.description.ctb'), defaultMessage: 'Where and how this entry is pinned on Pinterest' },
      components: { Input: () => import('./components/PinField/PinFieldInput') as never },
    });

    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Pinterest' } },
      {
        id: 'pinterest-settings',
        to: PLUGIN_ID,
        intlLabel: { id: getTranslation('settings.link'), defaultMessage: 'Connection & defaults' },
        Component: () => import('./pages/SettingsPage'),
        permissions: PERMISSIONS.readSettings,
      },
    );

    app.registerPlugin({ id: PLUGIN_ID, initializer: Initializer, isReady: false, name: PLUGIN_ID });
  },

  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: { addEditViewSidePanel: (panels: unknown[]) => void } };
    contentManager.apis.addEditViewSidePanel([PinterestPanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as { default: Record<string, string> };
          return { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [getTranslation(k), v])), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
