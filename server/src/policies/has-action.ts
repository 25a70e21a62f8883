import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { ACTION_DEFINITIONS, PLUGIN_ID } from '../../../common/permissions';

const configSchema = z.object({ action: z.string().min(1) }).strict();

type PolicyContext = { state?: { userAbility?: { can: (action: string) => boolean } } };

/**
 * The plugin's admin routes: the caller's role must hold the plugin action. Unlike Strapi's
 * generic "Policy Failed", a refusal says in plain words which permission is missing and who can
 * grant it — the field and the side panel show that sentence to the editor.
 */
export default (policyContext: PolicyContext, config: unknown, _ctx: { strapi: Core.Strapi }) => {
  const { action } = configSchema.parse(config);
  if (policyContext.state?.userAbility?.can(action)) return true;
  const name =
    ACTION_DEFINITIONS.find((d) => `plugin::${PLUGIN_ID}.${d.uid}` === action)?.displayName ??
    action;
  throw new errors.PolicyError(
    `Your role does not have the Pinterest permission “${name}”. An administrator can grant it in Settings → Administration panel → Roles → your role → Plugins → Pinterest.`,
    { permission: action }
  );
};
