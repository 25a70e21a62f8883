import { Box, Button, EmptyStateLayout, Flex, Link, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink, Route, Routes, useNavigate } from 'react-router-dom';
import { CAMPAIGNS_PATH } from '../../components/BulkPin/BulkPinDialog';
import { CampaignStatusBadge, percentDone } from '../../components/Campaign/CampaignProgress';
import { WideProgressBar } from '../../components/Campaign/WideProgressBar';
import { DataTable } from '../../components/shared/DataTable';
import { useCampaignList } from '../../components/Campaign/useCampaigns';
import { PERMISSIONS } from '../../permissions';
import { useRights } from '../../hooks/useRights';
import { useT } from '../../utils/useT';
import { CampaignPage } from './CampaignPage';
import { PlannerPage } from './PlannerPage';

/** The campaigns, newest first, with their progress; and the way to a new one. */
function CampaignList() {
  const t = useT();
  const navigate = useNavigate();
  const { formatDate, formatNumber } = useIntl();
  const { campaigns, error } = useCampaignList();
  if (error && !campaigns) return <Page.Error />;
  if (!campaigns) return <Page.Loading />;
  const when = (iso: string | null) =>
    iso ? formatDate(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  const newButton = (
    <Button startIcon={<Plus />} onClick={() => navigate(`${CAMPAIGNS_PATH}/new`)}>
      {t('campaigns.new', 'New campaign')}
    </Button>
  );
  return (
    <Page.Main>
      <Page.Title>{t('campaigns.title', 'Re-pin campaigns')}</Page.Title>
      <Layouts.Header
        title={t('campaigns.title', 'Re-pin campaigns')}
        subtitle={t(
          'campaigns.subtitle',
          'New pins for old posts, spread over days or weeks. Start one here or from the Content Manager’s list (select entries, then “Pin to Pinterest…”).'
        )}
        primaryAction={newButton}
      />
      <Layouts.Content>
        {error ? (
          <Box paddingBottom={4}>
            <Typography textColor="danger600" role="alert">
              {t('campaigns.refreshFailed', 'The list could not be refreshed: {message}', {
                message: error,
              })}
            </Typography>
          </Box>
        ) : null}
        {campaigns.length === 0 ? (
          <EmptyStateLayout content={t('campaigns.empty', 'No campaign yet.')} action={newButton} />
        ) : (
          <DataTable
            rows={campaigns}
            rowKey={(c) => c.id}
            columns={[
              {
                key: 'name',
                header: t('campaigns.column.name', 'Campaign'),
                cell: (c) => (
                  <Link tag={NavLink} to={`${CAMPAIGNS_PATH}/${c.id}`}>
                    {c.name}
                  </Link>
                ),
              },
              {
                key: 'status',
                header: t('campaigns.column.status', 'Status'),
                cell: (c) => <CampaignStatusBadge status={c.status} />,
              },
              {
                key: 'progress',
                header: t('campaigns.column.progress', 'Progress'),
                cell: (c) => (
                  <Flex gap={2} alignItems="center" minWidth="200px">
                    <Box flex="1">
                      <WideProgressBar
                        value={percentDone(c.progress)}
                        size="S"
                        aria-label={t('campaigns.progressOf', 'Progress of {name}', {
                          name: c.name,
                        })}
                      />
                    </Box>
                    <Typography variant="pi" textColor="neutral600">
                      {t('campaigns.counts', '{done}/{total} pinned, {failed} failed', {
                        done: formatNumber(c.progress.done),
                        total: formatNumber(c.progress.total - c.progress.skipped),
                        failed: formatNumber(c.progress.failed),
                      })}
                    </Typography>
                  </Flex>
                ),
              },
              {
                key: 'eta',
                header: t('campaigns.column.eta', 'Last pin (ETA)'),
                cell: (c) => (
                  <Typography>
                    {c.status === 'done' ? when(c.finishedAt) : when(c.progress.eta)}
                  </Typography>
                ),
              },
              {
                key: 'created',
                header: t('campaigns.column.created', 'Started'),
                cell: (c) => <Typography>{when(c.createdAt)}</Typography>,
              },
            ]}
          />
        )}
      </Layouts.Content>
    </Page.Main>
  );
}

/**
 * The plugin's "Re-pin campaigns" menu page: the list, the planner (`new`) and each campaign
 * (`:id`).
 */
export default function CampaignsRoot() {
  const { allowedActions, isLoading } = useRights({ canRepin: PERMISSIONS.bulkRepin });
  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canRepin) return <Page.NoPermissions />;
  return (
    <Routes>
      <Route index element={<CampaignList />} />
      <Route path="new" element={<PlannerPage />} />
      <Route path=":id" element={<CampaignPage />} />
    </Routes>
  );
}
