import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { permission, type ActionKey } from '../../../common/permissions';

/**
 * What Strapi's default roles may do with pins on a new install, so the editors the plugin is for
 * can use it on day one. Entry-scoped routes also check the entry's Content Manager rights, so an
 * Author (whose rights are limited to what they created) reaches only their own entries' pins.
 */
export const DEFAULT_GRANTS: Readonly<Record<string, readonly ActionKey[]>> = {
  'strapi-editor': ['readPins', 'pinEntries', 'readStats'],
  'strapi-author': ['readPins', 'pinEntries'],
};

/** The admin creates Editor, then Author: once Author exists, both do. */
export const LAST_DEFAULT_ROLE = 'strapi-author';

const KEY = 'default-grants';
const doneSchema = z.object({ at: z.string(), granted: z.record(z.string(), z.array(z.string())) });
const roleSchema = z.object({ id: z.number() });
const actionSchema = z.object({ action: z.string() });

/** The actions a role still lacks among those it should get. Pure. */
export function missingActions(wanted: readonly string[], held: readonly string[]): string[] {
  const have = new Set(held);
  return wanted.filter((a) => !have.has(a));
}

/**
 * Grants `DEFAULT_GRANTS` once per database: the first start that finds Strapi's default roles adds
 * what they lack and records it; later starts do nothing, so a right an administrator removed is
 * never given back. Returns what was granted, null when done before, or `no-roles` when the
 * default roles do not exist yet (a new database, before the admin has made them).
 */
export async function grantDefaultsOnce(
  strapi: Core.Strapi
): Promise<Record<string, string[]> | 'no-roles' | null> {
  const store = strapi.store({ type: 'plugin', name: 'pinterest' });
  if (doneSchema.safeParse(await store.get({ key: KEY })).success) return null;
  const granted: Record<string, string[]> = {};
  let rolesFound = 0;
  for (const [code, keys] of Object.entries(DEFAULT_GRANTS)) {
    const found: unknown = await strapi.db.query('admin::role').findOne({ where: { code } });
    const role = roleSchema.safeParse(found);
    if (!role.success) continue;
    rolesFound += 1;
    const wanted = keys.map(permission);
    const held = z
      .array(actionSchema)
      .parse(
        await strapi.db
          .query('admin::permission')
          .findMany({ select: ['action'], where: { role: { id: role.data.id }, action: wanted } })
      )
      .map((p) => p.action);
    const missing = missingActions(wanted, held);
    if (!missing.length) continue;
    const permissions = strapi.service('admin::permission') as unknown as {
      createMany(rows: Array<Record<string, unknown>>): Promise<unknown>;
    };
    await permissions.createMany(
      missing.map((action) => ({
        action,
        role: role.data.id,
        subject: null,
        properties: {},
        conditions: [],
      }))
    );
    granted[code] = missing;
  }
  if (!rolesFound) return 'no-roles';
  await store.set({ key: KEY, value: { at: new Date().toISOString(), granted } });
  return granted;
}

/** Says in the log what a first start granted. */
export function logGrants(strapi: Core.Strapi, granted: Record<string, string[]>): void {
  for (const [role, actions] of Object.entries(granted))
    strapi.log.info(`[pinterest] first start: granted ${actions.join(', ')} to the ${role} role`);
}
