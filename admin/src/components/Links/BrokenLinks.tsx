import { useCallback } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Flex, Link, Typography } from '@strapi/design-system';
import { SectionCard } from '../shared/SectionCard';
import { useApiErrorText } from '../../api/use-api-error-text';
import { useApiQuery } from '../../api/use-api-query';
import { useDates } from '../../utils/useDates';
import { useT } from '../../utils/useT';
import { useLinksApi, type PinLink } from './links-api';
import { useLinkText } from './useLinkText';

const entryPath = (l: PinLink) =>
  `/content-manager/collection-types/${l.contentType}/${l.documentId}${l.locale && l.locale !== 'default' ? `?plugins[i18n][locale]=${encodeURIComponent(l.locale)}` : ''}`;

/**
 * The analytics page's "Broken links": live pins whose link the scheduled scan found broken, with
 * what the page answered and the fix.
 */
export function BrokenLinks() {
  const t = useT();
  const { when } = useDates();
  const api = useLinksApi();
  const text = useLinkText();
  const errorText = useApiErrorText();
  const load = useCallback(() => api.broken(), [api]);
  const { data, error } = useApiQuery(load);
  if (!data && !error) return null;
  if (data && !data.enabled) return null;
  return (
    <SectionCard title={t('links.broken.title', 'Broken links')} testId="broken-links">
      {error ? (
        <Typography textColor="danger700">{errorText(error)}</Typography>
      ) : !data?.links.length ? (
        <Typography textColor="neutral600">
          {t(
            'links.broken.none',
            'No broken link: every live pin’s page answered at its last check.'
          )}
        </Typography>
      ) : (
        <>
          <Typography variant="pi" textColor="neutral600">
            {t(
              'links.broken.fix',
              'If an entry’s address changed (a slug edit), publish the entry again: its pin is updated with the new link (or use Re-pin where Pinterest refuses edits). Otherwise fix the page, or change the entry’s link and publish.'
            )}
          </Typography>
          <Flex tag="ul" direction="column" alignItems="stretch" gap={3}>
            {data.links.map((l) => (
              <Flex key={l.recordId} tag="li" direction="column" alignItems="flex-start" gap={1}>
                <Link tag={RouterLink} to={entryPath(l)}>
                  {l.title ?? t('links.broken.untitled', '(untitled entry)')}
                </Link>
                <Typography variant="pi" textColor="neutral600" style={{ wordBreak: 'break-all' }}>
                  {l.link}
                </Typography>
                {l.check ? (
                  <Typography variant="pi" textColor="danger700">
                    {l.check.problems
                      .filter((p) => p.code !== 'NOT_HTTPS')
                      .map((p) => text.problem(l.check!, p))
                      .join(' ')}
                  </Typography>
                ) : null}
                {l.linkCheckedAt ? (
                  <Typography variant="pi" textColor="neutral500">
                    {t('links.checkedAt', 'Checked {when}', { when: when(l.linkCheckedAt) })}
                  </Typography>
                ) : null}
                {l.pinUrl ? (
                  <Link href={l.pinUrl} isExternal>
                    {t('links.openPin', 'Open the pin on Pinterest')}
                  </Link>
                ) : null}
              </Flex>
            ))}
          </Flex>
        </>
      )}
    </SectionCard>
  );
}
