/** Reading the plugin's `PINTEREST_*` environment variables into config blocks. */

/** Strapi's `env()` as the plugin's config factory receives it. */
export type Env = (key: string, fallback?: string) => string | undefined;

/** A number, or undefined when the variable is not set (zod then says what is wrong with it). */
export const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

/** true for true / 1 / yes / on (any case), false for anything else, undefined when not set. */
export const bool = (v: string | undefined) =>
  v === undefined || v === '' ? undefined : ['true', '1', 'yes', 'on'].includes(v.toLowerCase());

/** The entries that are set (the app's config and zod defaults fill the rest); else undefined. */
export function onlySet(entries: Record<string, unknown>): Record<string, unknown> | undefined {
  const set = Object.entries(entries).filter(([, v]) => v !== undefined);
  return set.length ? Object.fromEntries(set) : undefined;
}
