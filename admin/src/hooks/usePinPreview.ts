import { useEffect, useRef, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { PinPreviewDTO } from '../../../common/wire';

export type { PinPreviewDTO };

/**
 * The pin as the server would send it for the form's current (unsaved) values, refreshed as the
 * editor types.
 */
export function usePinPreview(
  contentType: string | undefined,
  documentId: string | undefined,
  values: Record<string, unknown>
) {
  const { post } = useFetchClient();
  const [preview, setPreview] = useState<PinPreviewDTO | null>(null);
  const [error, setError] = useState<string | null>(null);
  const serialised = JSON.stringify(values);
  const seq = useRef(0);

  useEffect(() => {
    if (!contentType) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      post<PinPreviewDTO>('/pinterest/preview', {
        contentType,
        documentId: documentId ?? null,
        values: JSON.parse(serialised),
      })
        .then(({ data }) => {
          if (mine === seq.current) {
            setPreview(data);
            setError(null);
          }
        })
        .catch(
          (e: { response?: { data?: { error?: { message?: string } } }; message?: string }) => {
            if (mine === seq.current)
              setError(e.response?.data?.error?.message ?? e.message ?? 'error');
          }
        );
    }, 300);
    return () => clearTimeout(timer);
  }, [contentType, documentId, serialised, post]);

  return { preview, error };
}
