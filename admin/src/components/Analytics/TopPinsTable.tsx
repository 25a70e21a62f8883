import { Link as RouterLink } from 'react-router-dom';
import { Flex, Link, Typography, VisuallyHidden } from '@strapi/design-system';
import { ExternalLink } from '@strapi/icons';
import { useIntl } from 'react-intl';
import {
  TOP_PIN_SORTS,
  type TopPinDTO,
  type TopPinSort,
  type TopPinsDTO,
} from '../../../../common/analytics';
import { useT } from '../../utils/useT';
import { DataTable, type DataColumn } from '../shared/DataTable';
import { Pager } from '../shared/Pager';
import { useMetricLabels } from './useMetricLabels';

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

const isSort = (key: string): key is TopPinSort =>
  (TOP_PIN_SORTS as readonly string[]).includes(key);

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
  const label = useMetricLabels();
  const { formatNumber } = useIntl();
  const value = (p: TopPinDTO, key: TopPinSort) =>
    key === 'saveRate'
      ? formatNumber(p.saveRate, { style: 'percent', maximumFractionDigits: 2 })
      : p[key] === null
        ? '—'
        : formatNumber(p[key]);
  const columns: Array<DataColumn<TopPinDTO>> = [
    {
      key: 'entry',
      header: t('analytics.table.entry', 'Entry'),
      cell: (p) => (
        <Flex direction="column" alignItems="flex-start">
          <Link tag={RouterLink} to={entryPath(p)}>
            {p.title || t('analytics.table.untitled', 'Untitled pin')}
          </Link>
          <Typography variant="pi" textColor="neutral600">
            {p.contentTypeName}
            {p.locale && p.locale !== 'default' ? ` · ${p.locale}` : ''}
          </Typography>
        </Flex>
      ),
    },
    {
      key: 'board',
      header: t('analytics.table.board', 'Board'),
      cell: (p) => <Typography>{p.boardName ?? p.boardId}</Typography>,
    },
    ...TOP_PIN_SORTS.filter((key) => key !== 'videoViews' || showVideo).map(
      (key): DataColumn<TopPinDTO> => ({
        key,
        header: label[key],
        sortable: true,
        cell: (p) => (
          <Typography fontWeight={sort === key ? 'bold' : undefined}>{value(p, key)}</Typography>
        ),
      })
    ),
    {
      key: 'pin',
      header: t('analytics.table.pin', 'Pin on Pinterest'),
      hideHeader: true,
      cell: (p) => (
        <Link href={p.pinUrl} isExternal endIcon={<ExternalLink />}>
          {t('analytics.table.viewPin', 'View pin')}
          <VisuallyHidden>{` ${p.title ?? p.pinId}`}</VisuallyHidden>
        </Link>
      ),
    },
  ];

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <DataTable
        columns={columns}
        rows={data.pins}
        rowKey={(p) => p.pinId}
        sort={{ key: sort, dir, onSort: (key) => isSort(key) && onSort(key) }}
      />
      <Flex justifyContent="space-between">
        <Typography variant="pi" textColor="neutral600">
          {t('analytics.table.count', '{count} pins with stats in this period', {
            count: data.total,
          })}
        </Typography>
        <Pager page={page} pageSize={pageSize} total={data.total} onPage={onPage} />
      </Flex>
    </Flex>
  );
}
