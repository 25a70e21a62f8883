// The playground's admin panel: English (always there) and French, which the plugin is translated
// to. Each admin picks a language under their profile's "Interface language".
export default {
  config: { locales: ['fr'] },
  bootstrap() {},
};
