import { useCallback } from 'react';
import { useT } from '../utils/useT';
import { isApiError } from './api-error';

/**
 * A failed call in words for the admin: a translated explanation for an answer the admin could
 * not read, the server's own message for a refusal (it names the field or the conflict), else the
 * caller's `fallback` or a translated generic text with the transport's message.
 */
export function useApiErrorText() {
  const t = useT();
  return useCallback(
    (e: unknown, fallback?: string): string => {
      if (isApiError(e) && e.kind === 'answer')
        return t(
          'api.badAnswer',
          'The server’s answer to {request} could not be read ({detail}). Reload the page; if this persists, the plugin’s admin and server may not be the same version.',
          { request: e.request, detail: e.detail ?? '' }
        );
      if (isApiError(e) && e.serverMessage) return e.serverMessage;
      if (fallback) return fallback;
      const message = e instanceof Error && e.message ? e.message : null;
      return message
        ? t('api.failed', 'The request failed: {message}', { message })
        : t('api.failedUnknown', 'The request failed.');
    },
    [t]
  );
}
