import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import { useT } from '../../utils/useT';

/**
 * A rendered design in a 2:3 frame: the image once it came, a loader while the next one renders,
 * the failure as a sentence.
 */
export function DesignImage({
  url,
  loading,
  error,
  alt,
  width,
  testId,
  compact,
}: {
  url: string | null;
  loading: boolean;
  error: string | null;
  alt: string;
  width: string;
  testId?: string;
  /** A thumbnail: a short failure text (the server's words in its tooltip). */
  compact?: boolean;
}) {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={1} width={width}>
      <Box
        position="relative"
        hasRadius
        overflow="hidden"
        background="neutral150"
        style={{ aspectRatio: '2 / 3' }}
        aria-busy={loading}
      >
        {url ? (
          <img
            src={url}
            alt={alt}
            data-testid={testId}
            style={{ display: 'block', width: '100%', height: '100%', objectFit: 'cover' }}
          />
        ) : null}
        {loading ? (
          <Flex
            position="absolute"
            top={0}
            left={0}
            right={0}
            bottom={0}
            justifyContent="center"
            alignItems="center"
            style={url ? { background: 'rgba(255,255,255,.45)' } : undefined}
          >
            <Loader small>{t('design.preview.loading', 'Rendering the design…')}</Loader>
          </Flex>
        ) : null}
      </Box>
      {error && compact ? (
        <Typography variant="pi" textColor="danger600" title={error}>
          {t('design.thumb.error', 'Not rendered')}
        </Typography>
      ) : null}
      {error && !compact ? (
        <Typography variant="pi" textColor="danger600" role="alert">
          {t('design.preview.error', 'The design could not be rendered: {message}', {
            message: error,
          })}
        </Typography>
      ) : null}
    </Flex>
  );
}
