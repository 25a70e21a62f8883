import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from './getTranslation';

/**
 * `t('key', 'Default text', values)`: every string of the plugin goes through react-intl. Stable
 * while the locale is, so hooks may depend on it.
 */
export function useT() {
  const { formatMessage } = useIntl();
  return useCallback(
    (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
      formatMessage({ id: getTranslation(id), defaultMessage }, values),
    [formatMessage]
  );
}
