import {
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  Link,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink, Route, Routes, useNavigate } from 'react-router-dom';
import { CAMPAIGNS_PATH } from '../../components/BulkPin/BulkPinDialog';
import { CampaignStatusBadge, percentDone } from '../../components/Campaign/CampaignProgress';
import { WideProgressBar } from '../../components/Campaign/WideProgressBar';
import { useCampaignList } from '../../components/Campaign/useCampaigns';
import { PERMISSIONS } from '../../permissions';
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
        {campaigns.length === 0 ? (
          <EmptyStateLayout content={t('campaigns.empty', 'No campaign yet.')} action={newButton} />
        ) : (
          <Table colCount={5} rowCount={campaigns.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('campaigns.column.name', 'Campaign')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('campaigns.column.status', 'Status')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">
                    {t('campaigns.column.progress', 'Progress')}
                  </Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">
                    {t('campaigns.column.eta', 'Last pin (ETA)')}
                  </Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">
                    {t('campaigns.column.created', 'Started')}
                  </Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {campaigns.map((c) => (
                <Tr key={c.id}>
                  <Td>
                    <Link tag={NavLink} to={`${CAMPAIGNS_PATH}/${c.id}`}>
                      {c.name}
                    </Link>
                  </Td>
                  <Td>
                    <CampaignStatusBadge status={c.status} />
                  </Td>
                  <Td>
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
                  </Td>
                  <Td>
                    <Typography>
                      {c.status === 'done' ? when(c.finishedAt) : when(c.progress.eta)}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography>{when(c.createdAt)}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
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
  // useRBAC names each result after the action's last segment: bulk.repin → canRepin
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.bulkRepin);
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
