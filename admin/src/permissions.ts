import { permission, type ActionKey } from '../../common/permissions';

/** The plugin's permissions in the shape useRBAC and menu links expect. */
export const perms = (key: ActionKey) => [{ action: permission(key), subject: null }];

export const PERMISSIONS = {
  readSettings: perms('readSettings'),
  manageSettings: perms('manageSettings'),
  readPins: perms('readPins'),
  pinEntries: perms('pinEntries'),
  bulkRepin: perms('bulkRepin'),
  readStats: perms('readStats'),
};
