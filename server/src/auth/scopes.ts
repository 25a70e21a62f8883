/**
 * The scopes the plugin asks for: the minimum for reading the account and boards and writing pins.
 */
export const REQUIRED_SCOPES = [
  'user_accounts:read',
  'boards:read',
  'boards:write',
  'pins:read',
  'pins:write',
] as const;

/**
 * Scopes asked for but not needed: `ads:read` lets the editor's keyword assistant read Pinterest's
 * search terms (server/src/seo); without it the assistant uses the site's own words.
 */
export const OPTIONAL_SCOPES = ['ads:read'] as const;

/** Pinterest returns granted scopes space-separated (commas are accepted too). */
export const parseScopes = (scope: string | null | undefined): string[] =>
  [...new Set((scope ?? '').split(/[\s,]+/).filter(Boolean))].sort();

/** Scopes the plugin needs that the user did not grant (a user can narrow them at consent). */
export const missingScopes = (granted: readonly string[]): string[] =>
  REQUIRED_SCOPES.filter((s) => !granted.includes(s));
