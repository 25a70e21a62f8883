/**
 * What error messages may say about a media address. Messages end up in a job's `lastError`, the
 * admin panel, the posts API and logs, so:
 * - a URL keeps its scheme, host, port and path; query values (signatures, tokens, expiries of a
 *   signed URL) and the fragment are replaced, credentials dropped;
 * - a network failure is named by its code, never by its message (which can carry the address a
 *   name resolved to).
 */
export function redactUrl(raw: string | URL): string {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    // not a URL: keep what is before any query or fragment, briefly
    return String(raw)
      .replace(/[?#].*$/s, '')
      .slice(0, 200);
  }
  const names = [...url.searchParams.keys()].map((name) => `${encodeURIComponent(name)}=***`);
  const query = names.length ? `?${names.join('&')}` : url.search ? '?***' : '';
  return `${url.protocol}//${url.host}${url.pathname}${query}`;
}

const IP_LIKE = /\b(?:\d{1,3}\.){3}\d{1,3}\b|\[?[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\]?(?::\d+)?/gi;

/** A network error in a few safe words: its code, else its message with addresses removed. */
export function describeNetworkError(e: unknown): string {
  const err = e as { code?: unknown; cause?: { code?: unknown }; message?: unknown } | null;
  const code = err?.code ?? err?.cause?.code;
  if (typeof code === 'string' && code) return code;
  const message = typeof err?.message === 'string' ? err.message : 'network error';
  return message.replace(IP_LIKE, '(address)').slice(0, 200);
}
