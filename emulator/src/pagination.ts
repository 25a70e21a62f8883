/**
 * Pinterest's cursor pagination: `page_size` (default 25, max 250 — the spec checks it) and an
 * opaque `bookmark`.
 */
import { invalid } from './api-error';

const encode = (offset: number) =>
  Buffer.from(`emulator:offset:${offset}`, 'utf8').toString('base64url');

export function paginate<T>(
  items: T[],
  query: Record<string, unknown>
): { items: T[]; bookmark: string | null } {
  const size = typeof query.page_size === 'number' ? query.page_size : 25;
  let offset = 0;
  if (typeof query.bookmark === 'string' && query.bookmark !== '') {
    const match = /^emulator:offset:(\d+)$/.exec(
      Buffer.from(query.bookmark, 'base64url').toString('utf8')
    );
    if (!match) throw invalid('bookmark is invalid');
    offset = Number(match[1]);
  }
  const next = offset + size;
  return { items: items.slice(offset, next), bookmark: next < items.length ? encode(next) : null };
}
