import { Flex, IconButton, Typography } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import { useT } from '../../utils/useT';

/** Previous and next page around "Page N of M"; nothing when everything fits on one page. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <Flex gap={2} justifyContent="flex-end" alignItems="center">
      <IconButton
        label={t('pager.previous', 'Previous page')}
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        <ChevronLeft />
      </IconButton>
      <Typography variant="pi">
        {t('pager.page', 'Page {page} of {pages}', { page, pages })}
      </Typography>
      <IconButton
        label={t('pager.next', 'Next page')}
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        <ChevronRight />
      </IconButton>
    </Flex>
  );
}
