import { Button, Flex, Link, Typography } from '@strapi/design-system';
import { ArrowClockwise, ExternalLink } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { CampaignItemDTO, CampaignItemsPageDTO } from '../../../../common/campaigns';
import { useAdvice } from '../../utils/useAdvice';
import { useT } from '../../utils/useT';
import { DataTable } from '../shared/DataTable';
import { Pager } from '../shared/Pager';
import { useSkipReasonText } from './PlanSummary';

type Page = CampaignItemsPageDTO;

function ItemsPager({ data, onPage }: { data: Page; onPage: (page: number) => void }) {
  return (
    <Flex paddingTop={2} justifyContent="flex-end">
      <Pager
        page={data.pagination.page}
        pageSize={data.pagination.pageSize}
        total={data.pagination.total}
        onPage={onPage}
      />
    </Flex>
  );
}

const entryLink = (model: string, item: CampaignItemDTO) =>
  `/content-manager/collection-types/${model}/${item.documentId}${item.locale !== 'default' ? `?plugins[i18n][locale]=${item.locale}` : ''}`;

/**
 * Failed pins with their reason in plain words and what to do, each with a retry (and one for all).
 */
export function FailedItems({
  model,
  data,
  boards,
  onPage,
  onRetry,
  onRetryAll,
}: {
  model: string;
  data: Page;
  boards: Record<string, string>;
  onPage: (p: number) => void;
  onRetry: (id: number) => void;
  onRetryAll: () => void;
}) {
  const t = useT();
  const adviceFor = useAdvice();
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex justifyContent="space-between" alignItems="center">
        <Typography variant="delta" tag="h2">
          {t('campaign.failed.title', 'Failed pins ({count})', { count: data.pagination.total })}
        </Typography>
        <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={onRetryAll}>
          {t('campaign.failed.retryAll', 'Retry all failed pins')}
        </Button>
      </Flex>
      <DataTable
        rows={data.items}
        rowKey={(item) => item.id}
        columns={[
          {
            key: 'entry',
            header: t('campaign.items.entry', 'Entry'),
            cell: (item) => (
              <Link href={`/admin${entryLink(model, item)}`}>{item.title ?? item.documentId}</Link>
            ),
          },
          {
            key: 'board',
            header: t('campaign.items.board', 'Board'),
            cell: (item) => <Typography>{boards[item.boardId] ?? item.boardId}</Typography>,
          },
          {
            key: 'reason',
            header: t('campaign.items.reason', 'Why'),
            cellStyle: { whiteSpace: 'normal' },
            cell: (item) => (
              <>
                <Typography textColor="danger600">{item.lastError?.message}</Typography>{' '}
                <Typography textColor="neutral600">
                  {item.lastError ? adviceFor(item.lastError) : null}
                </Typography>
              </>
            ),
          },
          {
            key: 'actions',
            header: t('campaign.items.actions', 'Actions'),
            hideHeader: true,
            cell: (item) => (
              <Button
                variant="tertiary"
                size="S"
                startIcon={<ArrowClockwise />}
                onClick={() => onRetry(item.id)}
                aria-label={t('campaign.failed.retryOne', 'Retry “{title}”', {
                  title: item.title ?? item.documentId,
                })}
              >
                {t('campaign.failed.retry', 'Retry')}
              </Button>
            ),
          },
        ]}
      />
      <ItemsPager data={data} onPage={onPage} />
    </Flex>
  );
}

/** Entries the campaign left out, and why. */
export function SkippedItems({
  model,
  data,
  onPage,
}: {
  model: string;
  data: Page;
  onPage: (p: number) => void;
}) {
  const t = useT();
  const reasonText = useSkipReasonText();
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="delta" tag="h2">
        {t('campaign.skipped.title', 'Left out ({count})', { count: data.pagination.total })}
      </Typography>
      <DataTable
        rows={data.items}
        rowKey={(item) => item.id}
        columns={[
          {
            key: 'entry',
            header: t('campaign.items.entry', 'Entry'),
            cell: (item) => (
              <Link href={`/admin${entryLink(model, item)}`}>{item.title ?? item.documentId}</Link>
            ),
          },
          {
            key: 'reason',
            header: t('campaign.items.reason', 'Why'),
            cell: (item) => (
              <Typography>{item.skipReason ? reasonText(item.skipReason) : '—'}</Typography>
            ),
          },
        ]}
      />
      <ItemsPager data={data} onPage={onPage} />
    </Flex>
  );
}

/** The latest pins made, with links to them on Pinterest. */
export function PinnedItems({
  data,
  boards,
  onPage,
}: {
  data: Page;
  boards: Record<string, string>;
  onPage: (p: number) => void;
}) {
  const t = useT();
  const { formatDate } = useIntl();
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="delta" tag="h2">
        {t('campaign.pinned.title', 'Pins made ({count})', { count: data.pagination.total })}
      </Typography>
      <DataTable
        rows={data.items}
        rowKey={(item) => item.id}
        columns={[
          {
            key: 'entry',
            header: t('campaign.items.entry', 'Entry'),
            cell: (item) =>
              item.pinUrl ? (
                <Link href={item.pinUrl} isExternal endIcon={<ExternalLink />}>
                  {item.title ?? item.documentId}
                </Link>
              ) : (
                <Typography>{item.title ?? item.documentId}</Typography>
              ),
          },
          {
            key: 'board',
            header: t('campaign.items.board', 'Board'),
            cell: (item) => <Typography>{boards[item.boardId] ?? item.boardId}</Typography>,
          },
          {
            key: 'pinnedAt',
            header: t('campaign.items.pinnedAt', 'Pinned'),
            cell: (item) => (
              <Typography>
                {item.pinnedAt
                  ? formatDate(new Date(item.pinnedAt), { dateStyle: 'medium', timeStyle: 'short' })
                  : '—'}
              </Typography>
            ),
          },
        ]}
      />
      <ItemsPager data={data} onPage={onPage} />
    </Flex>
  );
}
