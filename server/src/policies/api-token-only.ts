import { errors } from '@strapi/utils';

/**
 * Strapi's API-token strategy (named `api-token` before 5.x split admin and content-API tokens).
 */
const API_TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

/**
 * Content-API routes that only a Strapi API token may call (Settings → API Tokens, full access or
 * custom with the route's action): not the public role, not a users-permissions login, whatever
 * permissions those roles were given.
 */
export default (policyContext: { state?: { auth?: { strategy?: { name?: string } } } }) => {
  const strategy = policyContext.state?.auth?.strategy?.name;
  if (strategy && API_TOKEN_STRATEGIES.has(strategy)) return true;
  throw new errors.PolicyError(
    'This route needs a Strapi API token (Settings → API Tokens) with the Pinterest posts permission.',
    {
      policy: 'api-token-only',
    }
  );
};
