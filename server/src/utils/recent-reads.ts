/**
 * Reads this instance made a moment ago, used again instead of asking the database each time
 * (the pin path asks for the same few rows for every pin). A read is kept `ttlMs` from when it
 * started; `forget()` drops everything (`writing` wraps the store's own writes with it), and a
 * read that started before a `forget()` is never kept. A failed read is not kept either.
 */
export function createRecentReads<T>(ttlMs: number, now: () => number = Date.now) {
  const kept = new Map<string, { at: number; value: Promise<T> }>();
  let generation = 0;
  const forget = (): void => {
    generation += 1;
    kept.clear();
  };
  /** The read of `key` kept at `t`, while it is younger than `ttlMs`. */
  const fresh = (key: string, t: number): Promise<T> | undefined => {
    const hit = kept.get(key);
    return hit && t - hit.at < ttlMs ? hit.value : undefined;
  };
  /** Keeps the read of `key` started at `t`, unless it fails or a `forget()` overtakes it. */
  const keep = (key: string, t: number, value: Promise<T>): Promise<T> => {
    const started = generation;
    kept.set(key, { at: t, value });
    value.then(
      () => {
        if (generation !== started && kept.get(key)?.value === value) kept.delete(key);
      },
      () => {
        if (kept.get(key)?.value === value) kept.delete(key);
      }
    );
    return value;
  };
  return {
    read(key: string, load: () => Promise<T>): Promise<T> {
      const t = now();
      return fresh(key, t) ?? keep(key, t, load());
    },
    /**
     * Several keys at once: each one read lately from that read, the others in one `load` of
     * just those keys. `load` answers the keys it found; a key it leaves out reads as `absent`
     * (and that answer is kept like any other).
     */
    async readMany(
      keys: string[],
      load: (missing: string[]) => Promise<Map<string, T>>,
      absent: T
    ): Promise<Map<string, T>> {
      const t = now();
      const values = new Map<string, Promise<T>>();
      const missing: string[] = [];
      for (const key of new Set(keys)) {
        const hit = fresh(key, t);
        if (hit) values.set(key, hit);
        else missing.push(key);
      }
      if (missing.length) {
        const loaded = load(missing);
        for (const key of missing)
          values.set(
            key,
            keep(
              key,
              t,
              loaded.then((found) => (found.has(key) ? (found.get(key) as T) : absent))
            )
          );
      }
      const out = new Map<string, T>();
      for (const [key, value] of values) out.set(key, await value);
      return out;
    },
    forget,
    /** A write of what is read here: forgotten before it and again once it is over. */
    async writing<W>(write: () => Promise<W>): Promise<W> {
      forget();
      try {
        return await write();
      } finally {
        forget();
      }
    },
  };
}
