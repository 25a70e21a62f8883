import { useIntl } from 'react-intl';
import { getTranslation } from './getTranslation';

/** `t('key', 'Default text', values)`: every string of the plugin goes through react-intl. */
export function useT() {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
}
