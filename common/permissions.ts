/**
 * The plugin's admin permissions: one list, registered in bootstrap, used on every admin route and
 * reused by the admin panel for menus and buttons.
 */
export const PLUGIN_ID = 'pinterest';

export const ACTIONS = {
  readSettings: 'settings.read',
  manageSettings: 'settings.manage',
  readPins: 'pins.read',
  pinEntries: 'pins.publish',
  bulkRepin: 'bulk.repin',
  readStats: 'stats.read',
} as const;

export type ActionKey = keyof typeof ACTIONS;

/** Fully qualified permission action, e.g. `plugin::pinterest.pins.read`. */
export const permission = (key: ActionKey): string => `plugin::${PLUGIN_ID}.${ACTIONS[key]}`;

export const ACTION_DEFINITIONS: ReadonlyArray<{
  uid: string;
  displayName: string;
  subCategory: string;
}> = [
  { uid: ACTIONS.readSettings, displayName: 'Read settings', subCategory: 'Settings' },
  {
    uid: ACTIONS.manageSettings,
    displayName: 'Manage the connection and settings',
    subCategory: 'Settings',
  },
  { uid: ACTIONS.readPins, displayName: "Read entries' pins", subCategory: 'Pins' },
  { uid: ACTIONS.pinEntries, displayName: 'Pin entries (retry, pin now)', subCategory: 'Pins' },
  { uid: ACTIONS.bulkRepin, displayName: 'Bulk re-pin', subCategory: 'Pins' },
  { uid: ACTIONS.readStats, displayName: 'Read stats', subCategory: 'Analytics' },
];
