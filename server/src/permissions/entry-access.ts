/**
 * Ties the plugin's admin routes to the Content Manager: a route about an entry asks Strapi's own
 * permission checker whether the caller may read (or publish) that entry, with the role's
 * conditions (e.g. the Author's "is creator") and locales. A refusal is a 403 whose message names
 * the missing permission in a plain sentence.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { NO_LOCALE } from '../../../common/locales';
import { isLocalized } from '../utils/is-localized';
import {
  permission,
  ACTION_DEFINITIONS,
  ACTIONS,
  type ActionKey,
} from '../../../common/permissions';

/** The Content Manager actions the plugin's routes rely on. */
export const CM_ACTIONS = {
  read: { uid: 'plugin::content-manager.explorer.read', name: 'Read' },
  create: { uid: 'plugin::content-manager.explorer.create', name: 'Create' },
  publish: { uid: 'plugin::content-manager.explorer.publish', name: 'Publish' },
} as const;
export type CmAction = keyof typeof CM_ACTIONS;

/** What an admin route's context carries once Strapi's admin auth ran. */
export interface AdminCtx {
  state?: { userAbility?: unknown };
}

interface Ability {
  can(action: string, subject?: unknown): boolean;
}

type Check = (entity?: unknown) => boolean;
interface PermissionChecker {
  cannot: Record<CmAction, Check>;
  requiresEntity: Record<CmAction, () => boolean>;
}

export interface EntryTarget {
  contentType: string;
  documentId: string;
  /** One locale of a localized type; undefined: every version of the document. */
  locale?: string;
}

const abilityOf = (ctx: AdminCtx): Ability => {
  const ability = ctx.state?.userAbility as Ability | undefined;
  if (!ability || typeof ability.can !== 'function')
    throw new errors.PolicyError('This route needs an administrator session.');
  return ability;
};

const nameOf = (strapi: Core.Strapi, uid: string): string =>
  (strapi.contentType(uid as never) as { info?: { displayName?: string } } | undefined)?.info
    ?.displayName ?? uid;

/** The 403 for a missing Content Manager permission, in one plain sentence. */
export function cmRefusal(
  strapi: Core.Strapi,
  actions: readonly CmAction[],
  uid: string,
  what: string
): errors.PolicyError {
  const names = actions.map((a) => `“${CM_ACTIONS[a].name}”`).join(' or ');
  return new errors.PolicyError(
    `You need the Content Manager's ${names} permission on ${what} of ${nameOf(strapi, uid)} for this; an administrator can grant it in Settings → Roles.`,
    { permissions: actions.map((a) => CM_ACTIONS[a].uid), subject: uid }
  );
}

/** The 403 for a missing plugin permission, in one plain sentence. */
export function pluginRefusal(key: ActionKey, why: string): errors.PolicyError {
  const name = ACTION_DEFINITIONS.find((d) => d.uid === ACTIONS[key])?.displayName ?? key;
  return new errors.PolicyError(
    `You need the Pinterest permission “${name}” ${why}; an administrator can grant it in Settings → Roles.`,
    { permissions: [permission(key)] }
  );
}

export function createEntryAccess(strapi: Core.Strapi) {
  const checkerFor = (ctx: AdminCtx, model: string): PermissionChecker => {
    const service: unknown = strapi.plugin('content-manager').service('permission-checker');
    return (
      service as { create(o: { userAbility: Ability; model: string }): PermissionChecker }
    ).create({ userAbility: abilityOf(ctx), model });
  };

  const requireType = (uid: string) => {
    if (!strapi.contentType(uid as never)) throw new errors.NotFoundError(`No content type ${uid}`);
  };

  /** Every stored version (draft, published, locales) of the documents, with their creator. */
  const versionsOf = (uid: string, documentIds: string[], locale?: string) => {
    const { attributes } = strapi.contentType(uid as never);
    return strapi.db.query(uid).findMany({
      where: {
        documentId: { $in: documentIds },
        ...(locale && isLocalized(strapi, uid) ? { locale } : {}),
      },
      populate: ['createdBy', 'updatedBy'].filter((a) => a in attributes),
    }) as Promise<unknown[]>;
  };

  /** The locale codes the app has (i18n). */
  const appLocales = async (): Promise<string[]> => {
    const service = strapi.plugin('i18n')?.service<{ find?: () => Promise<unknown> }>('locales');
    const found: unknown = await service?.find?.();
    return Array.isArray(found)
      ? found.map((l: { code?: unknown }) => String(l.code)).filter(Boolean)
      : [];
  };

  return {
    /**
     * The caller may do `action` on the entry (every stored version of it in the locale asked,
     * conditions included). An entry with no stored version is checked against the content type.
     */
    async assertEntry(ctx: AdminCtx, action: CmAction, target: EntryTarget): Promise<void> {
      requireType(target.contentType);
      const checker = checkerFor(ctx, target.contentType);
      const versions = await versionsOf(target.contentType, [target.documentId], target.locale);
      const refused = versions.length
        ? versions.some((v) => checker.cannot[action](v))
        : checker.cannot[action]();
      if (refused) {
        const locale =
          target.locale && isLocalized(strapi, target.contentType)
            ? ` in locale ${target.locale}`
            : '';
        throw cmRefusal(strapi, [action], target.contentType, `this entry${locale}`);
      }
    },

    /**
     * The caller may do `action` on every chosen entry; without a choice (every entry matching a
     * filter), on the content type with no condition limiting it to some entries.
     */
    async assertEntries(
      ctx: AdminCtx,
      action: CmAction,
      uid: string,
      documentIds: string[] | undefined,
      locale?: string
    ): Promise<void> {
      requireType(uid);
      const checker = checkerFor(ctx, uid);
      if (checker.cannot[action]()) throw cmRefusal(strapi, [action], uid, 'the entries');
      if (!documentIds) {
        // on a localized type the locales a role may touch are conditions too: a campaign over
        // every entry is allowed when the role may act in each locale it covers, with no other
        // condition (an entry of that locale and nothing else must pass)
        const localesOk =
          isLocalized(strapi, uid) &&
          (locale ? [locale] : await appLocales()).every(
            (code) => !checker.cannot[action]({ locale: code })
          );
        if (checker.requiresEntity[action]() && !localesOk)
          throw new errors.PolicyError(
            `Your Content Manager “${CM_ACTIONS[action].name}” permission on ${nameOf(strapi, uid)} is limited by conditions, so a campaign over every matching entry is not allowed; choose the entries in the Content Manager list instead.`,
            { permissions: [CM_ACTIONS[action].uid], subject: uid }
          );
        return;
      }
      const versions = await versionsOf(uid, documentIds, locale);
      if (versions.some((v) => checker.cannot[action](v)))
        throw cmRefusal(strapi, [action], uid, 'some of the chosen entries');
    },

    /** The caller may do one of `actions` on the content type (some entry of it, at least). */
    assertType(ctx: AdminCtx, actions: readonly CmAction[], uid: string): void {
      requireType(uid);
      const checker = checkerFor(ctx, uid);
      if (actions.every((a) => checker.cannot[a]()))
        throw cmRefusal(strapi, actions, uid, 'the entries');
    },

    /**
     * What the editor's field shows of an entry (preview, design, keywords): a stored entry needs
     * the right to read it, a new one the right to read or create entries of its type.
     */
    async assertPreview(
      ctx: AdminCtx,
      target: { contentType: string; documentId?: string | null; locale?: string | null }
    ): Promise<void> {
      const { contentType, documentId, locale } = target;
      if (!documentId) return this.assertType(ctx, ['read', 'create'], contentType);
      await this.assertEntry(ctx, 'read', {
        contentType,
        documentId,
        locale: locale && locale !== NO_LOCALE ? locale : undefined,
      });
    },

    /** The caller holds the plugin action. */
    assertPlugin(ctx: AdminCtx, key: ActionKey, why: string): void {
      if (!abilityOf(ctx).can(permission(key))) throw pluginRefusal(key, why);
    },
  };
}

export type EntryAccess = ReturnType<typeof createEntryAccess>;
