import { useEffect, useRef, useState } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { CampaignPreviewDTO } from '../../../../common/campaigns';
import { useDesignPreview } from '../../hooks/useDesignPreview';
import { useTemplateName } from '../../hooks/useDesignTemplates';
import { useT } from '../../utils/useT';
import { DesignImage } from './DesignImage';

type FirstPin = CampaignPreviewDTO['first'][number];

/**
 * Whether the element has come into (or near) view once; true at once where there is no observer.
 */
function useSeen<T extends Element>() {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (seen || !ref.current) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: '80px' }
    );
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [seen]);
  return [ref, seen] as const;
}

function Thumb({
  pin,
  contentType,
  locale,
}: {
  pin: FirstPin;
  contentType: string;
  locale: string | null;
}) {
  const t = useT();
  const { url, loading, error } = useDesignPreview(
    pin.design
      ? {
          contentType,
          documentId: pin.documentId,
          locale,
          design: { template: pin.design },
          width: 200,
        }
      : null,
    0
  );
  return (
    <DesignImage
      url={url}
      loading={loading}
      error={error}
      compact
      alt={t('design.fresh.thumb', 'Design of the pin “{title}”', {
        title: pin.title ?? pin.documentId,
      })}
      width="48px"
      testId="fresh-design-thumb"
    />
  );
}

function Row({
  pin,
  contentType,
  locale,
}: {
  pin: FirstPin;
  contentType: string;
  locale: string | null;
}) {
  const { formatDate } = useIntl();
  const templateName = useTemplateName();
  // rendered only once the row scrolls into view: a long plan asks for no image it does not show
  const [ref, seen] = useSeen<HTMLLIElement>();
  return (
    <Flex tag="li" ref={ref} gap={3} alignItems="center" paddingTop={1} paddingBottom={1}>
      <Box width="48px" minWidth="48px">
        {seen && pin.design ? (
          <Thumb pin={pin} contentType={contentType} locale={locale} />
        ) : (
          <Box width="48px" height="72px" hasRadius background="neutral150" />
        )}
      </Box>
      <Flex direction="column" alignItems="flex-start" gap={0} minWidth={0}>
        <Typography variant="pi" textColor="neutral600">
          {formatDate(new Date(pin.at), { dateStyle: 'medium', timeStyle: 'short' })}
        </Typography>
        <Typography variant="pi" ellipsis>
          {pin.title ?? pin.documentId}
        </Typography>
        {pin.design ? (
          <Typography variant="pi" textColor="neutral500">
            {templateName(pin.design)}
          </Typography>
        ) : null}
      </Flex>
    </Flex>
  );
}

/**
 * The plan's first pins with the design each will get ("a new design for each re-pin"): a small
 * rendered thumbnail per row, asked for only when the row is visible.
 */
export function FreshPinsPreview({
  preview,
  contentType,
  locale,
}: {
  preview: CampaignPreviewDTO;
  contentType: string;
  locale: string | null;
}) {
  const t = useT();
  if (!preview.first.length) return null;
  return (
    <Box
      background="neutral100"
      padding={4}
      hasRadius
      marginTop={4}
      tag="section"
      aria-labelledby="fresh-pins-title"
    >
      <Typography variant="sigma" textColor="neutral600" tag="h3" id="fresh-pins-title">
        {t('design.fresh.first', 'First pins and their designs')}
      </Typography>
      <Box
        tag="ul"
        marginTop={2}
        style={{ maxHeight: '420px', overflowY: 'auto' }}
        aria-label={t('design.fresh.first', 'First pins and their designs')}
      >
        {preview.first.map((pin) => (
          <Row
            key={`${pin.documentId}-${pin.boardId}-${pin.at}`}
            pin={pin}
            contentType={contentType}
            locale={locale}
          />
        ))}
      </Box>
    </Box>
  );
}
