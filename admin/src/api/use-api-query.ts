import { useEffect, useState } from 'react';

interface QueryState<T> {
  /** The loader and version whose answer (or failure) this is. */
  source: unknown;
  version: unknown;
  data: T | null;
  error: unknown;
}

/**
 * Runs `load` whenever it or `version` changes (memoise `load` with `useCallback`; `null` runs
 * nothing; change `version` to ask again) and keeps its answer. The last answer stays while the
 * next one loads or if it fails; `error` is the last failure (cleared by the next success),
 * `loading` whether the current request has not answered yet.
 */
export function useApiQuery<T>(load: (() => Promise<T>) | null, version: unknown = 0) {
  const [state, setState] = useState<QueryState<T>>({
    source: null,
    version: null,
    data: null,
    error: null,
  });
  useEffect(() => {
    if (!load) return;
    let live = true;
    load().then(
      (data) => {
        if (live) setState({ source: load, version, data, error: null });
      },
      (error: unknown) => {
        if (live) setState((s) => ({ source: load, version, data: s.data, error }));
      }
    );
    return () => {
      live = false;
    };
  }, [load, version]);
  return {
    data: state.data,
    error: state.error,
    loading: load !== null && (state.source !== load || state.version !== version),
  };
}
