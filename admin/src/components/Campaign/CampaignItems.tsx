import {
  Box,
  Button,
  Flex,
  IconButton,
  Link,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { ArrowClockwise, ChevronLeft, ChevronRight, ExternalLink } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { CampaignItemDTO } from '../../../../common/campaigns';
import { useAdvice } from '../../utils/useAdvice';
import { useT } from '../../utils/useT';
import { useSkipReasonText } from './PlanSummary';

interface Page {
  items: CampaignItemDTO[];
  pagination: { page: number; pageSize: number; total: number };
}

function Pager({ data, onPage }: { data: Page; onPage: (page: number) => void }) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(data.pagination.total / data.pagination.pageSize));
  if (pages <= 1) return null;
  return (
    <Flex gap={2} justifyContent="flex-end" alignItems="center" paddingTop={2}>
      <IconButton
        label={t('campaign.items.previous', 'Previous page')}
        disabled={data.pagination.page <= 1}
        onClick={() => onPage(data.pagination.page - 1)}
      >
        <ChevronLeft />
      </IconButton>
      <Typography variant="pi">
        {t('campaign.items.page', 'Page {page} of {pages}', { page: data.pagination.page, pages })}
      </Typography>
      <IconButton
        label={t('campaign.items.next', 'Next page')}
        disabled={data.pagination.page >= pages}
        onClick={() => onPage(data.pagination.page + 1)}
      >
        <ChevronRight />
      </IconButton>
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
      <Table colCount={4} rowCount={data.items.length + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">{t('campaign.items.entry', 'Entry')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('campaign.items.board', 'Board')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('campaign.items.reason', 'Why')}</Typography>
            </Th>
            <Th>
              <VisuallyHidden>{t('campaign.items.actions', 'Actions')}</VisuallyHidden>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {data.items.map((item) => (
            <Tr key={item.id}>
              <Td>
                <Link href={`/admin${entryLink(model, item)}`}>
                  {item.title ?? item.documentId}
                </Link>
              </Td>
              <Td>
                <Typography>{boards[item.boardId] ?? item.boardId}</Typography>
              </Td>
              <Td style={{ whiteSpace: 'normal' }}>
                <Typography textColor="danger600">{item.lastError?.message}</Typography>{' '}
                <Typography textColor="neutral600">
                  {item.lastError ? adviceFor(item.lastError) : null}
                </Typography>
              </Td>
              <Td>
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
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Pager data={data} onPage={onPage} />
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
      <Table colCount={2} rowCount={data.items.length + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">{t('campaign.items.entry', 'Entry')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('campaign.items.reason', 'Why')}</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {data.items.map((item) => (
            <Tr key={item.id}>
              <Td>
                <Link href={`/admin${entryLink(model, item)}`}>
                  {item.title ?? item.documentId}
                </Link>
              </Td>
              <Td>
                <Typography>{item.skipReason ? reasonText(item.skipReason) : '—'}</Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Pager data={data} onPage={onPage} />
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
      <Box>
        <Table colCount={3} rowCount={data.items.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('campaign.items.entry', 'Entry')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('campaign.items.board', 'Board')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('campaign.items.pinnedAt', 'Pinned')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {data.items.map((item) => (
              <Tr key={item.id}>
                <Td>
                  {item.pinUrl ? (
                    <Link href={item.pinUrl} isExternal endIcon={<ExternalLink />}>
                      {item.title ?? item.documentId}
                    </Link>
                  ) : (
                    <Typography>{item.title ?? item.documentId}</Typography>
                  )}
                </Td>
                <Td>
                  <Typography>{boards[item.boardId] ?? item.boardId}</Typography>
                </Td>
                <Td>
                  <Typography>
                    {item.pinnedAt
                      ? formatDate(new Date(item.pinnedAt), {
                          dateStyle: 'medium',
                          timeStyle: 'short',
                        })
                      : '—'}
                  </Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Box>
      <Pager data={data} onPage={onPage} />
    </Flex>
  );
}
