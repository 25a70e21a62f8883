import { OPTIONAL_SCOPES, REQUIRED_SCOPES } from './scopes';

/**
 * The Pinterest consent page URL (PINTEREST.md §1.1): client_id, redirect_uri, response_type=code,
 * scope, state.
 */
export function buildAuthorizeUrl(opts: {
  oauthUrl: string;
  appId: string;
  redirectUri: string;
  state: string;
  scopes?: readonly string[];
}): string {
  const url = new URL(opts.oauthUrl);
  url.searchParams.set('client_id', opts.appId);
  url.searchParams.set('redirect_uri', opts.redirectUri);
  url.searchParams.set('response_type', 'code');
  // the optional ones too: a user may untick them at consent, and the plugin still works
  url.searchParams.set(
    'scope',
    (opts.scopes ?? [...REQUIRED_SCOPES, ...OPTIONAL_SCOPES]).join(',')
  );
  url.searchParams.set('state', opts.state);
  return url.toString();
}
