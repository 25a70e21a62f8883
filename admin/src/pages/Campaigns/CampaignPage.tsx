import { useCallback, useMemo, useState } from 'react';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink, useParams } from 'react-router-dom';
import { CAMPAIGNS_PATH } from '../../components/BulkPin/BulkPinDialog';
import { FailedItems, PinnedItems, SkippedItems } from '../../components/Campaign/CampaignItems';
import { CampaignProgress } from '../../components/Campaign/CampaignProgress';
import { useCampaign, useCampaignItems } from '../../components/Campaign/useCampaigns';
import { useCampaignAccounts } from '../../components/Campaign/useCampaigns';
import { useApiErrorText, useApiQuery, usePinterestApi } from '../../api';
import { useT } from '../../utils/useT';

const Card = ({ children }: { children: React.ReactNode }) => (
  <Box
    background="neutral0"
    hasRadius
    shadow="tableShadow"
    paddingTop={6}
    paddingBottom={6}
    paddingLeft={7}
    paddingRight={7}
  >
    {children}
  </Box>
);

/**
 * One campaign: its live progress, its failures with a retry, what it left out, the pins it made.
 */
export function CampaignPage() {
  const t = useT();
  const { formatDate } = useIntl();
  const errorText = useApiErrorText();
  const { toggleNotification } = useNotification();
  const id = Number(useParams<{ id: string }>().id);
  const { campaign, error, stale, act } = useCampaign(Number.isFinite(id) ? id : null);
  const [version, setVersion] = useState(0);
  // the lists follow the counts: a new failure, skip or pin reloads them
  const counts = campaign
    ? `${campaign.progress.failed}-${campaign.progress.skipped}-${campaign.progress.done}-${version}`
    : version;
  const failed = useCampaignItems(campaign ? id : null, 'failed', counts);
  const skipped = useCampaignItems(campaign ? id : null, 'skipped', counts);
  const pinned = useCampaignItems(campaign ? id : null, 'pinned', counts);
  // several accounts: the boards (and the name) of the account the campaign pins with
  const api = usePinterestApi();
  const accountId = campaign?.input.accountId ?? null;
  const loadBoards = useCallback(() => api.listBoards(accountId), [api, accountId]);
  const loadedBoards = useApiQuery(campaign ? loadBoards : null);
  const boards = loadedBoards.data;
  const boardsError = loadedBoards.error ? errorText(loadedBoards.error) : null;
  const accounts = useCampaignAccounts();
  const account = accounts.find((a) => a.id === accountId);
  const itemsError = failed.error ?? skipped.error ?? pinned.error;
  const boardNames = useMemo(
    () => Object.fromEntries((boards ?? []).map((b) => [b.id, b.name])),
    [boards]
  );

  const run = (promise: Promise<unknown>) =>
    promise.then(
      () => setVersion((v) => v + 1),
      (e: unknown) => toggleNotification({ type: 'danger', message: errorText(e) })
    );

  if (!campaign && error) return <Page.Error />;
  if (!campaign) return <Page.Loading />;
  const { input } = campaign;
  const pacing = input.pacing;
  const pace = [
    t('campaign.describe.interval', 'one pin every {minutes} min', {
      minutes: pacing.intervalMinutes,
    }),
    pacing.maxPerDay
      ? t('campaign.describe.maxPerDay', 'at most {count} a day', { count: pacing.maxPerDay })
      : null,
    pacing.window
      ? t('campaign.describe.window', 'between {start} and {end}', {
          start: pacing.window.start,
          end: pacing.window.end,
        })
      : null,
    pacing.timeZone,
    t('campaign.describe.minDays', '{days} days between two pins of a link', {
      days: pacing.minDaysBetweenSameLink,
    }),
  ]
    .filter(Boolean)
    .join(', ');
  const boardList = input.boards
    .map((b) =>
      b.boardId === 'entry'
        ? t('campaign.describe.entryBoard', 'each entry’s own board')
        : (boardNames[b.boardId] ?? b.boardId)
    )
    .join(', ');

  return (
    <Page.Main>
      <Page.Title>{campaign.name}</Page.Title>
      <Layouts.Header
        title={campaign.name}
        subtitle={t('campaign.describe.created', 'Started {date}{by}', {
          date: campaign.createdAt
            ? formatDate(new Date(campaign.createdAt), { dateStyle: 'medium', timeStyle: 'short' })
            : '—',
          by: campaign.createdBy ? ` · ${campaign.createdBy}` : '',
        })}
        navigationAction={
          <Link tag={NavLink} to={CAMPAIGNS_PATH} startIcon={<ArrowLeft />}>
            {t('planner.back', 'Campaigns')}
          </Link>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Card>
            <CampaignProgress
              campaign={campaign}
              stale={stale}
              compact
              onAction={(a) => void run(act(a))}
            />
          </Card>
          <Card>
            <Flex direction="column" alignItems="stretch" gap={2}>
              <Typography variant="delta" tag="h2">
                {t('campaign.describe.title', 'Plan')}
              </Typography>
              {accounts.length > 1 && account ? (
                <Typography>
                  {t('campaign.describe.account', 'Pinterest account: {name}', {
                    name: account.username
                      ? `${account.displayName ?? account.username} (@${account.username})`
                      : (account.displayName ?? `#${account.id}`),
                  })}
                </Typography>
              ) : null}
              <Typography>
                {t('campaign.describe.boards', 'Boards: {boards}', { boards: boardList })}
              </Typography>
              <Typography>{t('campaign.describe.pacing', 'Pace: {pace}', { pace })}</Typography>
              {input.freshness.titleTemplates.length || input.freshness.imageField ? (
                <Typography>
                  {t(
                    'campaign.describe.freshness',
                    'Freshness: {count} title variants, images from {field}',
                    {
                      count: input.freshness.titleTemplates.length,
                      field:
                        input.freshness.imageField ?? t('campaign.describe.hero', 'the hero image'),
                    }
                  )}
                </Typography>
              ) : null}
            </Flex>
          </Card>
          {itemsError || boardsError ? (
            <Card>
              <Flex direction="column" alignItems="stretch" gap={2} role="alert">
                {itemsError ? (
                  <Typography textColor="danger600">
                    {t(
                      'campaign.items.error',
                      'The campaign’s pins could not be loaded: {message}',
                      {
                        message: itemsError,
                      }
                    )}
                  </Typography>
                ) : null}
                {boardsError ? (
                  <Typography textColor="danger600">
                    {t('boards.error', 'Boards could not be loaded: {message}', {
                      message: boardsError,
                    })}
                  </Typography>
                ) : null}
              </Flex>
            </Card>
          ) : null}
          {failed.data && failed.data.pagination.total > 0 ? (
            <Card>
              <FailedItems
                model={input.selection.contentType}
                data={failed.data}
                boards={boardNames}
                onPage={failed.setPage}
                onRetry={(itemId) => void run(act('retry', itemId))}
                onRetryAll={() => void run(act('retry'))}
              />
            </Card>
          ) : null}
          {pinned.data && pinned.data.pagination.total > 0 ? (
            <Card>
              <PinnedItems data={pinned.data} boards={boardNames} onPage={pinned.setPage} />
            </Card>
          ) : null}
          {skipped.data && skipped.data.pagination.total > 0 ? (
            <Card>
              <SkippedItems
                model={input.selection.contentType}
                data={skipped.data}
                onPage={skipped.setPage}
              />
            </Card>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
