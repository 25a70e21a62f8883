import { Link as RouterLink } from 'react-router-dom';
import { Box, Link, Typography } from '@strapi/design-system';
import type { WeakPinDTO } from '../../../../common/seo';
import { useSeoWeakest } from '../../hooks/useSeoStatus';
import { useT } from '../../utils/useT';
import { DataTable, type DataColumn } from '../shared/DataTable';

const entryPath = (p: WeakPinDTO) =>
  `/content-manager/collection-types/${p.contentType}/${p.documentId}${p.locale && p.locale !== 'default' ? `?plugins[i18n][locale]=${encodeURIComponent(p.locale)}` : ''}`;

/** The dashboard's "fix these first": live pins with the lowest checklist scores. */
export function WeakestPins() {
  const t = useT();
  const { data } = useSeoWeakest(true);
  const rule: Record<string, string> = {
    keywordInTitle: t('seo.short.keywordInTitle', 'keyword in title'),
    keywordInDescription: t('seo.short.keywordInDescription', 'keyword in description'),
    descriptionLength: t('seo.short.descriptionLength', 'description length'),
    boardRelated: t('seo.short.boardRelated', 'board'),
    altText: t('seo.short.altText', 'alt text'),
    link: t('seo.short.link', 'link'),
    image: t('seo.short.image', 'image 2:3'),
    titleNotCaps: t('seo.short.titleNotCaps', 'capitals'),
    hashtags: t('seo.short.hashtags', 'hashtags'),
  };
  if (!data?.length) return null;
  const columns: Array<DataColumn<WeakPinDTO>> = [
    {
      key: 'entry',
      header: t('analytics.table.entry', 'Entry'),
      cell: (p) => (
        <Link tag={RouterLink} to={entryPath(p)}>
          {p.title || t('analytics.table.untitled', 'Untitled pin')}
        </Link>
      ),
    },
    {
      key: 'score',
      header: t('seo.weakest.score', 'Score'),
      cell: (p) => <Typography fontWeight="bold">{p.score}</Typography>,
    },
    {
      key: 'failing',
      header: t('seo.weakest.failing', 'To fix'),
      cell: (p) => p.failing.map((r) => rule[r] ?? r).join(', '),
      cellStyle: { whiteSpace: 'normal' },
    },
  ];

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Box paddingBottom={4}>
        <Typography variant="delta" tag="h2">
          {t('seo.weakest.title', 'Weakest live pins: fix these first')}
        </Typography>
        <Typography variant="pi" textColor="neutral600" tag="p">
          {t(
            'seo.weakest.hint',
            'The pin checklist’s score when each pin was last published; improve the entry and publish again.'
          )}
        </Typography>
      </Box>
      <DataTable
        columns={columns}
        rows={data}
        rowKey={(p) => `${p.contentType}:${p.documentId}:${p.locale}`}
      />
    </Box>
  );
}
