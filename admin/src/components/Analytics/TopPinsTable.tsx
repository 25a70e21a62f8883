import { Link as RouterLink } from 'react-router-dom';
import {
  Box,
  Button,
  Flex,
  Link,
  Table,
  Tbody,
  Td,
  TextButton,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { CaretDown, CaretUp, ExternalLink } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { TopPinDTO, TopPinSort, TopPinsDTO } from '../../../../common/analytics';
import { useT } from '../../utils/useT';

interface Props {
  data: TopPinsDTO;
  sort: TopPinSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
  showVideo: boolean;
  onSort: (sort: TopPinSort) => void;
  onPage: (page: number) => void;
}

const entryPath = (p: TopPinDTO) =>
  `/content-manager/collection-types/${p.contentType}/${p.documentId}${p.locale && p.locale !== 'default' ? `?plugins[i18n][locale]=${encodeURIComponent(p.locale)}` : ''}`;

/** The period's pins, sortable by each metric, with links to the entry and to the pin. */
export function TopPinsTable({
  data,
  sort,
  dir,
  page,
  pageSize,
  showVideo,
  onSort,
  onPage,
}: Props) {
  const t = useT();
  const { formatNumber } = useIntl();
  const columns: Array<{ key: TopPinSort; label: string }> = [
    { key: 'impressions', label: t('analytics.impressions', 'Impressions') },
    { key: 'saves', label: t('analytics.saves', 'Saves') },
    { key: 'pinClicks', label: t('analytics.pinClicks', 'Pin clicks') },
    { key: 'outboundClicks', label: t('analytics.outboundClicks', 'Outbound clicks') },
    { key: 'saveRate', label: t('analytics.saveRate', 'Save rate') },
    ...(showVideo
      ? [{ key: 'videoViews' as const, label: t('analytics.videoViews', 'Video views') }]
      : []),
  ];
  const pages = Math.max(1, Math.ceil(data.total / pageSize));
  const value = (p: TopPinDTO, key: TopPinSort) =>
    key === 'saveRate'
      ? formatNumber(p.saveRate, { style: 'percent', maximumFractionDigits: 2 })
      : p[key] === null
        ? '—'
        : formatNumber(p[key]);

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Table colCount={columns.length + 3} rowCount={data.pins.length + 1}>
        <Thead>
          <Tr>
            <Th role="columnheader">
              <Typography variant="sigma">{t('analytics.table.entry', 'Entry')}</Typography>
            </Th>
            <Th role="columnheader">
              <Typography variant="sigma">{t('analytics.table.board', 'Board')}</Typography>
            </Th>
            {columns.map((c) => (
              <Th
                key={c.key}
                role="columnheader"
                aria-sort={sort === c.key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <TextButton
                  onClick={() => onSort(c.key)}
                  endIcon={
                    sort === c.key ? (
                      dir === 'asc' ? (
                        <CaretUp aria-hidden />
                      ) : (
                        <CaretDown aria-hidden />
                      )
                    ) : undefined
                  }
                  aria-label={t('analytics.table.sortBy', 'Sort by {column}', { column: c.label })}
                >
                  <Typography
                    variant="sigma"
                    textColor={sort === c.key ? 'primary600' : 'neutral600'}
                  >
                    {c.label}
                  </Typography>
                </TextButton>
              </Th>
            ))}
            <Th role="columnheader">
              <VisuallyHidden>{t('analytics.table.pin', 'Pin on Pinterest')}</VisuallyHidden>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {data.pins.map((p) => (
            <Tr key={p.pinId}>
              <Td>
                <Flex direction="column" alignItems="flex-start">
                  <Link tag={RouterLink} to={entryPath(p)}>
                    {p.title || t('analytics.table.untitled', 'Untitled pin')}
                  </Link>
                  <Typography variant="pi" textColor="neutral600">
                    {p.contentTypeName}
                    {p.locale && p.locale !== 'default' ? ` · ${p.locale}` : ''}
                  </Typography>
                </Flex>
              </Td>
              <Td>
                <Typography>{p.boardName ?? p.boardId}</Typography>
              </Td>
              {columns.map((c) => (
                <Td key={c.key}>
                  <Typography fontWeight={sort === c.key ? 'bold' : undefined}>
                    {value(p, c.key)}
                  </Typography>
                </Td>
              ))}
              <Td>
                <Link href={p.pinUrl} isExternal endIcon={<ExternalLink />}>
                  {t('analytics.table.viewPin', 'View pin')}
                  <VisuallyHidden>{` ${p.title ?? p.pinId}`}</VisuallyHidden>
                </Link>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Flex justifyContent="space-between">
        <Typography variant="pi" textColor="neutral600">
          {t('analytics.table.count', '{count} pins with stats in this period', {
            count: data.total,
          })}
        </Typography>
        <Flex gap={2}>
          <Button variant="tertiary" size="S" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            {t('analytics.table.previous', 'Previous')}
          </Button>
          <Box paddingLeft={1} paddingRight={1}>
            <Typography variant="pi">
              {t('analytics.table.page', 'Page {page} of {pages}', { page, pages })}
            </Typography>
          </Box>
          <Button
            variant="tertiary"
            size="S"
            disabled={page >= pages}
            onClick={() => onPage(page + 1)}
          >
            {t('analytics.table.next', 'Next')}
          </Button>
        </Flex>
      </Flex>
    </Flex>
  );
}
