/**
 * The authorize URL (`GET /oauth/` on the emulator's root, like www.pinterest.com/oauth/): checks
 * the
 * request, shows a consent page (scopes as checkboxes, "Give access" / "Cancel"), and redirects to
 * `redirect_uri?code=…&state=…` (or `?error=access_denied&state=…`).
 */
import { randomBytes } from 'node:crypto';
import { CODE_TTL_MS } from './oauth';
import { findUser, parseScopeList, type EmulatorState, type UserAccount } from './state';

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | null;
}

export type PageAnswer = { status: number; html?: string; location?: string };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#111}h1{font-size:1.4rem}
fieldset{border:1px solid #ddd;border-radius:12px;margin:1rem 0}ul{list-style:none;padding:0}li{margin:.3rem 0}
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:2rem;border:0;margin-right:.5rem;cursor:pointer}.give{background:#e60023;color:#fff}.cancel{background:#efefef}</style>
</head><body>${body}</body></html>`;

export const errorPage = (message: string) =>
  page(
    'Pinterest emulator: authorization error',
    `<h1>This app cannot be authorized</h1><p role="alert">${escapeHtml(message)}</p>`
  );

/**
 * Checks client_id, response_type, redirect_uri and scope; the message for the error page
 * otherwise.
 */
export function checkAuthorize(
  state: EmulatorState,
  params: URLSearchParams
): { ok: true; req: AuthorizeRequest } | { ok: false; error: string } {
  const clientId = params.get('client_id');
  const redirectUri = params.get('redirect_uri');
  if (!clientId) return { ok: false, error: 'client_id is missing.' };
  if (clientId !== state.app.client_id)
    return {
      ok: false,
      error: `Unknown client_id ${clientId}: no app is registered with this id.`,
    };
  if (params.get('response_type') !== 'code')
    return { ok: false, error: 'response_type must be "code".' };
  if (!redirectUri) return { ok: false, error: 'redirect_uri is missing.' };
  let parsed: URL;
  try {
    parsed = new URL(redirectUri);
  } catch {
    return { ok: false, error: 'redirect_uri must be an absolute URL.' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { ok: false, error: 'redirect_uri must be an http(s) URL.' };
  if (state.app.redirect_uris.length && !state.app.redirect_uris.includes(redirectUri)) {
    return {
      ok: false,
      error: `redirect_uri ${redirectUri} does not match a redirect URI registered for this app.`,
    };
  }
  const scopes = parseScopeList(params.get('scope'));
  if (!scopes.length) return { ok: false, error: 'scope is missing: ask for at least one scope.' };
  return { ok: true, req: { clientId, redirectUri, scopes, state: params.get('state') } };
}

function redirect(req: AuthorizeRequest, params: Record<string, string>): PageAnswer {
  const target = new URL(req.redirectUri);
  for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
  if (req.state !== null) target.searchParams.set('state', req.state);
  return { status: 302, location: target.toString() };
}

/**
 * The account that signs in on the consent page: the one picked on the page (several users), else
 * the `oauthUser` flag's, else the primary user.
 */
const consentUser = (state: EmulatorState, picked?: string | null): UserAccount =>
  (picked ? findUser(state, picked) : undefined) ??
  findUser(state, state.flags.oauthUser) ??
  state.user;

/** Approves: a single-use code bound to the redirect URI, valid 10 minutes. */
export function approve(
  state: EmulatorState,
  req: AuthorizeRequest,
  scopes: string[],
  now: number,
  picked?: string | null
): PageAnswer {
  const code = randomBytes(18).toString('base64url');
  state.codes.set(code, {
    code,
    clientId: req.clientId,
    redirectUri: req.redirectUri,
    userId: consentUser(state, picked).id,
    scopes,
    expiresAt: now + CODE_TTL_MS,
    used: false,
  });
  return redirect(req, { code });
}

export function consentPage(
  state: EmulatorState,
  req: AuthorizeRequest,
  query: string,
  problem?: string
): string {
  const boxes = req.scopes
    .map(
      (s) =>
        `<li><label><input type="checkbox" name="scope" value="${escapeHtml(s)}" checked> ${escapeHtml(s)}</label></li>`
    )
    .join('');
  const signedIn = consentUser(state);
  // several accounts on this emulator: choose which one signs in (as Pinterest's account switcher)
  const switcher =
    state.users.size > 1
      ? `<p><label>Signed in as <select name="user">${[...state.users.values()]
          .map(
            (u) =>
              `<option value="${escapeHtml(u.id)}"${u.id === signedIn.id ? ' selected' : ''}>@${escapeHtml(u.username)}${u.business_name ? ` (${escapeHtml(u.business_name)})` : ''}</option>`
          )
          .join('')}</select></label> (local Pinterest emulator).</p>`
      : '';
  return page(
    'Pinterest emulator: give access',
    `<main><h1>${escapeHtml(state.app.name)} wants to access your Pinterest account</h1>
${switcher ? '' : `<p>Signed in as <strong>@${escapeHtml(signedIn.username)}</strong> (local Pinterest emulator).</p>`}
${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="/oauth/?${escapeHtml(query)}">${switcher}<fieldset><legend>Allow it to use</legend><ul>${boxes}</ul></fieldset>
<button class="give" type="submit" name="decision" value="allow">Give access</button>
<button class="cancel" type="submit" name="decision" value="deny">Cancel</button></form></main>`
  );
}

/** GET and POST /oauth/. */
export function authorizePage(
  state: EmulatorState,
  method: string,
  url: URL,
  form: URLSearchParams | null,
  now: number
): PageAnswer {
  const check = checkAuthorize(state, url.searchParams);
  if (!check.ok) return { status: 400, html: errorPage(check.error) };
  const { req } = check;
  if (method === 'POST' && form) {
    if (form.get('decision') !== 'allow') return redirect(req, { error: 'access_denied' });
    const granted = form.getAll('scope').filter((s) => req.scopes.includes(s));
    if (!granted.length)
      return {
        status: 400,
        html: consentPage(
          state,
          req,
          url.search.slice(1),
          'Choose at least one permission, or cancel.'
        ),
      };
    return approve(state, req, granted, now, form.get('user'));
  }
  if (method !== 'GET') return { status: 405, html: errorPage(`${method} is not allowed here.`) };
  if (state.flags.autoApprove) return approve(state, req, req.scopes, now);
  return { status: 200, html: consentPage(state, req, url.search.slice(1)) };
}
