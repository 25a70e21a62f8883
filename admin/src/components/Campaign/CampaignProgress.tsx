import { Alert, Box, Button, Flex, Status, Typography } from '@strapi/design-system';
import { Cross, Play, Stop } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { CampaignDTO, CampaignStatus } from '../../../../common/campaigns';
import { WideProgressBar } from './WideProgressBar';
import { useAdvice } from '../../utils/useAdvice';
import { useT } from '../../utils/useT';

const STATUS_VARIANT: Record<
  CampaignStatus,
  'success' | 'secondary' | 'warning' | 'danger' | 'neutral'
> = {
  running: 'secondary',
  paused: 'warning',
  stopped: 'danger',
  cancelled: 'neutral',
  done: 'success',
};

export function useStatusText() {
  const t = useT();
  return (status: CampaignStatus) =>
    ({
      running: t('campaign.status.running', 'Running'),
      paused: t('campaign.status.paused', 'Paused'),
      stopped: t('campaign.status.stopped', 'Stopped'),
      cancelled: t('campaign.status.cancelled', 'Cancelled'),
      done: t('campaign.status.done', 'Done'),
    })[status];
}

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const text = useStatusText();
  return (
    <Status variant={STATUS_VARIANT[status]} size="S">
      <Typography tag="span" variant="omega" fontWeight="bold">
        {text(status)}
      </Typography>
    </Status>
  );
}

/** How far along: the share of pins settled (pinned, failed, skipped or cancelled), 0–100. */
export const percentDone = (p: CampaignDTO['progress']) =>
  p.total ? Math.round(((p.total - p.remaining) / p.total) * 100) : p.planning ? 0 : 100;

/**
 * The live state of a campaign: a progress bar, pinned / failed / skipped / remaining, when the
 * next
 * pin goes and when the last should, why it stopped; and pause, resume, cancel.
 */
export function CampaignProgress({
  campaign,
  stale,
  onAction,
  compact,
}: {
  campaign: CampaignDTO;
  stale?: boolean;
  onAction?: (action: 'pause' | 'resume' | 'cancel') => void;
  compact?: boolean;
}) {
  const t = useT();
  const { formatDate, formatNumber } = useIntl();
  const adviceFor = useAdvice();
  const p = campaign.progress;
  const when = (iso: string | null) =>
    iso ? formatDate(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  const percent = percentDone(p);
  const counts: Array<[string, number, string]> = [
    ['done', p.done, t('campaign.progress.done', 'Pinned')],
    ['failed', p.failed, t('campaign.progress.failed', 'Failed')],
    ['skipped', p.skipped, t('campaign.progress.skipped', 'Skipped')],
    ['remaining', p.remaining, t('campaign.progress.remaining', 'Remaining')],
  ];

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex justifyContent="space-between" alignItems="center" gap={2} wrap="wrap">
        <Flex gap={2} alignItems="center">
          {compact ? null : (
            <Typography variant="delta" tag="h2">
              {campaign.name}
            </Typography>
          )}
          <CampaignStatusBadge status={campaign.status} />
        </Flex>
        <Typography variant="pi" textColor="neutral600">
          {p.planning
            ? t('campaign.progress.planning', 'Planning… {count} entries read so far', {
                count: formatNumber(p.examined),
              })
            : t('campaign.progress.total', '{pins} pins planned, {skipped} entries left out', {
                pins: formatNumber(p.total - p.skipped),
                skipped: formatNumber(p.skipped),
              })}
        </Typography>
      </Flex>
      <Flex gap={3} alignItems="center">
        <Box flex="1">
          <WideProgressBar
            value={percent}
            size="M"
            aria-label={t('campaign.progress.label', 'Campaign progress')}
          />
        </Box>
        <Typography variant="omega" fontWeight="bold" aria-hidden>
          {percent} %
        </Typography>
      </Flex>
      <Flex
        gap={6}
        wrap="wrap"
        role="list"
        aria-label={t('campaign.progress.counts', 'Campaign counts')}
      >
        {counts.map(([key, value, label]) => (
          <Flex key={key} direction="column" alignItems="flex-start" role="listitem">
            <Typography variant="sigma" textColor="neutral600">
              {label}
            </Typography>
            <Typography
              variant="beta"
              textColor={
                key === 'failed' && value > 0
                  ? 'danger600'
                  : key === 'done'
                    ? 'success600'
                    : 'neutral800'
              }
              data-count={key}
            >
              {formatNumber(value)}
            </Typography>
          </Flex>
        ))}
        <Flex direction="column" alignItems="flex-start">
          <Typography variant="sigma" textColor="neutral600">
            {t('campaign.progress.next', 'Next pin')}
          </Typography>
          <Typography variant="omega">
            {campaign.status === 'running' ? when(p.nextAt) : '—'}
          </Typography>
        </Flex>
        <Flex direction="column" alignItems="flex-start">
          <Typography variant="sigma" textColor="neutral600">
            {t('campaign.progress.eta', 'Last pin (ETA)')}
          </Typography>
          <Typography variant="omega">
            {campaign.status === 'done' ? when(campaign.finishedAt) : when(p.eta)}
          </Typography>
        </Flex>
      </Flex>
      {campaign.status === 'stopped' && campaign.stopReason ? (
        <Alert
          variant="danger"
          closeLabel={t('close', 'Close')}
          title={t('campaign.stopped.title', 'The campaign stopped by itself')}
        >
          {campaign.stopReason.message} {adviceFor(campaign.stopReason)}
        </Alert>
      ) : null}
      {stale ? (
        <Typography variant="pi" textColor="warning600">
          {t('campaign.progress.stale', 'The progress could not be refreshed; trying again.')}
        </Typography>
      ) : null}
      {onAction ? (
        <Flex gap={2} wrap="wrap">
          {campaign.status === 'running' ? (
            <Button variant="secondary" startIcon={<Stop />} onClick={() => onAction('pause')}>
              {t('campaign.action.pause', 'Pause')}
            </Button>
          ) : null}
          {campaign.status === 'paused' || campaign.status === 'stopped' ? (
            <Button variant="secondary" startIcon={<Play />} onClick={() => onAction('resume')}>
              {t('campaign.action.resume', 'Resume')}
            </Button>
          ) : null}
          {campaign.status === 'running' ||
          campaign.status === 'paused' ||
          campaign.status === 'stopped' ? (
            <Button variant="danger-light" startIcon={<Cross />} onClick={() => onAction('cancel')}>
              {t('campaign.action.cancel', 'Cancel the campaign')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
    </Flex>
  );
}
