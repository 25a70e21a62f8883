import { useEffect, useRef, useState } from 'react';
import type { PinPreviewDTO } from '../../../common/wire';
import { useApiErrorText, usePinterestApi } from '../api';

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
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const [preview, setPreview] = useState<PinPreviewDTO | null>(null);
  const [error, setError] = useState<string | null>(null);
  const serialised = JSON.stringify(values);
  const seq = useRef(0);

  useEffect(() => {
    if (!contentType) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      api
        .previewPin({
          contentType,
          documentId: documentId ?? null,
          values: JSON.parse(serialised) as Record<string, unknown>,
        })
        .then(
          (data) => {
            if (mine === seq.current) {
              setPreview(data);
              setError(null);
            }
          },
          (e: unknown) => {
            if (mine === seq.current) setError(errorText(e));
          }
        );
    }, 300);
    return () => clearTimeout(timer);
  }, [contentType, documentId, serialised, api, errorText]);

  return { preview, error };
}
