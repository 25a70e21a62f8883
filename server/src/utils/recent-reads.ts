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
  return {
    read(key: string, load: () => Promise<T>): Promise<T> {
      const t = now();
      const hit = kept.get(key);
      if (hit && t - hit.at < ttlMs) return hit.value;
      const started = generation;
      const value = load();
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
