import type { ContentTypeMapping } from '../config/schema';

/** Where a content type's mapping comes from: the code (`config/plugins`) or the admin. */
export type MappingSource = 'code' | 'admin';

export interface RegisteredMapping {
  mapping: ContentTypeMapping;
  source: MappingSource;
}

/**
 * The content types that pin and their mappings: those in the plugin config (they win: a type
 * configured in code is read-only in the admin), then those an administrator enabled in Settings →
 * Pinterest → Content types. The admin's part is kept in memory and read again from the store when
 * older than `ttlMs`, so every instance follows a change within seconds while the publish path
 * stays synchronous.
 */
export function createMappingRegistry(opts: {
  config: () => Record<string, ContentTypeMapping>;
  /** The enabled admin mappings, as stored. */
  load: () => Promise<Record<string, ContentTypeMapping>>;
  ttlMs?: number;
  now?: () => number;
}) {
  const ttlMs = opts.ttlMs ?? 5_000;
  const now = opts.now ?? Date.now;
  let admin: Record<string, ContentTypeMapping> = {};
  let loadedAt = -Infinity;
  let loading: Promise<void> | null = null;

  const all = (): Record<string, RegisteredMapping> => {
    const out: Record<string, RegisteredMapping> = {};
    for (const [uid, mapping] of Object.entries(admin)) out[uid] = { mapping, source: 'admin' };
    for (const [uid, mapping] of Object.entries(opts.config()))
      out[uid] = { mapping, source: 'code' };
    return out;
  };

  return {
    /** Reads the admin mappings again when they are older than the TTL (or when forced). */
    async refresh(force = false): Promise<void> {
      if (!force && now() - loadedAt < ttlMs) return;
      loading ??= opts
        .load()
        .then((loaded) => {
          admin = loaded;
          loadedAt = now();
        })
        .finally(() => {
          loading = null;
        });
      await loading;
    },
    all,
    get: (uid: string): RegisteredMapping | null => all()[uid] ?? null,
    isMapped: (uid: string): boolean => uid in opts.config() || uid in admin,
    uids: (): string[] => Object.keys(all()),
  };
}

export type MappingRegistry = ReturnType<typeof createMappingRegistry>;
