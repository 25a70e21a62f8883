import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import type { ContentTypeSample } from '../../api/content-type-setup-schemas';
import { useT } from '../../utils/useT';
import { PinPreviewCard } from '../PinField/PinPreviewCard';

interface Props {
  sample: ContentTypeSample | null;
  loading: boolean;
  /** Why no sample could be made (the choices are refused or incomplete). */
  error: string | null;
  incomplete: boolean;
}

/** The pin one of the type's published entries would make with the choices on the page. */
export function SamplePin({ sample, loading, error, incomplete }: Props) {
  const t = useT();
  const title = t('ct.sample', 'Sample pin');
  let body: React.ReactNode;
  if (incomplete)
    body = (
      <Typography textColor="neutral600">
        {t(
          'ct.sample.incomplete',
          'Choose at least a title, an image and a link to see a sample pin.'
        )}
      </Typography>
    );
  else if (error)
    body = (
      <Typography textColor="danger600" role="alert">
        {t('ct.sample.failed', 'No sample: {message}', { message: error })}
      </Typography>
    );
  else if (!sample)
    body = <Loader small>{t('ct.sample.loading', 'Building the sample pin…')}</Loader>;
  else if (!sample.entry || !sample.preview)
    body = (
      <Typography textColor="neutral600">
        {t(
          'ct.sample.noEntry',
          'No published entry yet: publish one to see the pin it would make.'
        )}
      </Typography>
    );
  else
    body = (
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="pi" textColor="neutral600">
          {t('ct.sample.from', 'From “{title}”{locale}, as it would be pinned now', {
            title: sample.entry.title ?? sample.entry.documentId,
            locale: sample.entry.locale ? ` (${sample.entry.locale})` : '',
          })}
        </Typography>
        <PinPreviewCard
          preview={sample.preview}
          imageUrl={sample.preview.media?.url ?? null}
          connected={null}
        />
      </Flex>
    );

  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={6}
      tag="section"
      aria-label={title}
      aria-busy={loading}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between">
          <Typography variant="delta" tag="h2">
            {title}
          </Typography>
          {loading && sample ? <Loader small /> : null}
        </Flex>
        {body}
      </Flex>
    </Box>
  );
}
