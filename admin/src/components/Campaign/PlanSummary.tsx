import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { CampaignPreviewDTO, SkipReason } from '../../../../common/campaigns';
import { useT } from '../../utils/useT';

export function useSkipReasonText() {
  const t = useT();
  return (reason: string) =>
    ({
      NOT_PUBLISHED: t('campaign.skip.NOT_PUBLISHED', 'not published'),
      NO_MEDIA: t('campaign.skip.NO_MEDIA', 'no hero image'),
      MEDIA_UNSUPPORTED: t(
        'campaign.skip.MEDIA_UNSUPPORTED',
        'image Pinterest does not take (format, size, or a video)'
      ),
      NO_LINK: t('campaign.skip.NO_LINK', 'no link to send readers to'),
      PINNED_RECENTLY: t('campaign.skip.PINNED_RECENTLY', 'pinned recently'),
      NO_BOARD: t('campaign.skip.NO_BOARD', 'no board of its own'),
    })[reason as SkipReason] ?? reason;
}

/** Pins per day (or week, month) as bars, with the count of each bar as its accessible name. */
function Timeline({ timeline }: { timeline: CampaignPreviewDTO['timeline'] }) {
  const t = useT();
  const { formatDate } = useIntl();
  if (!timeline.buckets.length) return null;
  const max = Math.max(...timeline.buckets.map((b) => b.count), 1);
  const label = (start: string) =>
    timeline.unit === 'month'
      ? formatDate(new Date(start), { month: 'short', year: 'numeric' })
      : formatDate(new Date(start), { day: 'numeric', month: 'short' });
  const unitText = {
    day: t('campaign.timeline.day', 'pins per day'),
    week: t('campaign.timeline.week', 'pins per week'),
    month: t('campaign.timeline.month', 'pins per month'),
  }[timeline.unit];
  const first = timeline.buckets[0];
  const last = timeline.buckets[timeline.buckets.length - 1];
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Typography variant="sigma" textColor="neutral600">
        {t('campaign.timeline.title', 'Timeline')} · {unitText}
      </Typography>
      <Flex
        role="img"
        aria-label={t('campaign.timeline.label', 'Timeline of the plan: {unit}', {
          unit: unitText,
        })}
        alignItems="flex-end"
        gap="2px"
        height="64px"
        paddingTop={1}
      >
        {timeline.buckets.map((b) => (
          <Box
            key={b.start}
            flex="1"
            minWidth="3px"
            maxWidth="32px"
            background={b.count ? 'primary500' : 'neutral200'}
            hasRadius
            title={`${label(b.start)}: ${b.count}`}
            style={{ height: `${Math.max(3, Math.round((b.count / max) * 60))}px` }}
          />
        ))}
      </Flex>
      <Flex justifyContent="space-between">
        <Typography variant="pi" textColor="neutral600">
          {label(first.start)}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {label(last.start)}
        </Typography>
      </Flex>
    </Flex>
  );
}

/**
 * What the campaign will do before it starts: N pins, the first and last time, which entries are
 * left
 * out and why, and the plan as a timeline.
 */
export function PlanSummary({
  preview,
  loading,
  error,
  showFirst,
}: {
  preview: CampaignPreviewDTO | null;
  loading: boolean;
  error: string | null;
  showFirst?: boolean;
}) {
  const t = useT();
  const { formatDate, formatNumber } = useIntl();
  const reasonText = useSkipReasonText();
  const when = (iso: string | null) =>
    iso ? formatDate(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  const skippedTotal = preview?.skipped.reduce((a, s) => a + s.count, 0) ?? 0;

  return (
    <Box
      background="neutral100"
      padding={4}
      hasRadius
      borderColor="neutral200"
      aria-live="polite"
      aria-busy={loading}
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between" alignItems="center">
          <Typography variant="delta" tag="h3">
            {t('campaign.summary.title', 'What will happen')}
          </Typography>
          {loading ? <Loader small>{t('campaign.summary.loading', 'Planning…')}</Loader> : null}
        </Flex>
        {error ? (
          <Typography textColor="danger600" role="alert">
            {error}
          </Typography>
        ) : null}
        {preview ? (
          <>
            <Typography variant="omega" data-testid="plan-summary">
              {preview.pins
                ? t(
                    'campaign.summary.pins',
                    '{pins, plural, one {# pin} other {# pins}}, the first at {first}, the last at {last}.',
                    { pins: preview.pins, first: when(preview.firstAt), last: when(preview.lastAt) }
                  )
                : t('campaign.summary.none', 'No pin: nothing in the selection can be pinned.')}
            </Typography>
            {skippedTotal ? (
              <Flex direction="column" alignItems="stretch" gap={1}>
                <Typography variant="omega">
                  {t('campaign.summary.skipped', '{count} left out:', {
                    count: formatNumber(skippedTotal),
                  })}
                </Typography>
                <Box tag="ul" paddingLeft={4}>
                  {preview.skipped.map((s) => (
                    <li key={s.reason}>
                      <Typography variant="omega">
                        {reasonText(s.reason)} ({formatNumber(s.count)})
                        {preview.skippedSamples.some((x) => x.reason === s.reason)
                          ? ` — ${preview.skippedSamples
                              .filter((x) => x.reason === s.reason)
                              .slice(0, 3)
                              .map((x) => x.title ?? x.documentId)
                              .join(', ')}`
                          : ''}
                      </Typography>
                    </li>
                  ))}
                </Box>
              </Flex>
            ) : null}
            <Timeline timeline={preview.timeline} />
            {showFirst && preview.first.length ? (
              <Flex direction="column" alignItems="stretch" gap={1}>
                <Typography variant="sigma" textColor="neutral600">
                  {t('campaign.summary.first', 'First pins')}
                </Typography>
                {preview.first.slice(0, 8).map((f) => (
                  <Flex key={`${f.documentId}-${f.boardId}-${f.at}`} gap={3}>
                    <Typography variant="pi" textColor="neutral600" style={{ minWidth: '11em' }}>
                      {when(f.at)}
                    </Typography>
                    <Typography variant="pi" ellipsis>
                      {f.title ?? f.documentId}
                    </Typography>
                  </Flex>
                ))}
              </Flex>
            ) : null}
          </>
        ) : null}
      </Flex>
    </Box>
  );
}
