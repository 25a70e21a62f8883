import { useCallback } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { SectionCard } from '../shared/SectionCard';
import { useApiErrorText } from '../../api/use-api-error-text';
import { useApiQuery } from '../../api/use-api-query';
import { useT } from '../../utils/useT';
import { LinkCheckView } from './LinkHealth';
import { useLinksApi } from './links-api';

/**
 * Settings → Pinterest → Rich Pins: the pages of the most recent live pins, checked now, and
 * whether they carry the tags Pinterest reads for Rich Pins — with advice for the frontend.
 */
export function RichPinsSample() {
  const t = useT();
  const api = useLinksApi();
  const errorText = useApiErrorText();
  const load = useCallback(() => api.richPins(), [api]);
  const { data, error } = useApiQuery(load);
  if (data && !data.enabled) return null;
  return (
    <SectionCard title={t('links.richPins.title', 'Rich Pins')}>
      <Typography variant="pi" textColor="neutral600">
        {t(
          'links.richPins.intro',
          'Pinterest shows a Rich Pin’s title, description, site name and date from the page’s Open Graph or schema.org article tags. A sample of recent entries:'
        )}
      </Typography>
      {error ? <Typography textColor="danger700">{errorText(error)}</Typography> : null}
      {data && !data.sample.length ? (
        <Typography textColor="neutral600">
          {t('links.richPins.none', 'No live pin yet: the sample appears after the first pins.')}
        </Typography>
      ) : null}
      {data?.sample.map((s) => (
        <Box key={s.recordId} padding={3} hasRadius background="neutral100">
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography fontWeight="bold">{s.title ?? s.link}</Typography>
            <Typography variant="pi" textColor="neutral600" style={{ wordBreak: 'break-all' }}>
              {s.link}
            </Typography>
            {s.check ? <LinkCheckView check={s.check} /> : null}
          </Flex>
        </Box>
      ))}
    </SectionCard>
  );
}
