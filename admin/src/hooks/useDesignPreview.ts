import { useEffect, useRef, useState } from 'react';
import { useAuth } from '@strapi/strapi/admin';
import { fetchDesignPreview, useApiErrorText, type DesignPreviewRequest } from '../api';

interface Answer {
  /** The request (serialised) this answer is for. */
  key: string | null;
  url: string | null;
  error: string | null;
}

/**
 * The design as the server renders it (`POST /pinterest/designs/preview`), as an object URL for an
 * `<img>`, asked again `delay` ms after the input last changed. `null` asks nothing. The last image
 * stays while the next one renders; `error` is a sentence for the editor.
 */
export function useDesignPreview(input: DesignPreviewRequest | null, delay = 400) {
  const token = useAuth('useDesignPreview', (s) => s.token);
  const errorText = useApiErrorText();
  const [answer, setAnswer] = useState<Answer>({ key: null, url: null, error: null });
  const serialised = input ? JSON.stringify(input) : null;
  const current = useRef<string | null>(null);

  useEffect(() => {
    if (!serialised) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      fetchDesignPreview(JSON.parse(serialised) as DesignPreviewRequest, {
        token,
        signal: abort.signal,
      }).then(
        (blob) => {
          if (abort.signal.aborted) return;
          const next = URL.createObjectURL(blob);
          if (current.current) URL.revokeObjectURL(current.current);
          current.current = next;
          setAnswer({ key: serialised, url: next, error: null });
        },
        (e: unknown) => {
          if (abort.signal.aborted) return;
          setAnswer((a) => ({ key: serialised, url: a.url, error: errorText(e) }));
        }
      );
    }, delay);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [serialised, token, delay, errorText]);

  // the last image is freed with the component
  useEffect(
    () => () => {
      if (current.current) URL.revokeObjectURL(current.current);
    },
    []
  );

  return {
    url: serialised ? answer.url : null,
    loading: serialised !== null && answer.key !== serialised,
    error: serialised !== null && answer.key === serialised ? answer.error : null,
  };
}
