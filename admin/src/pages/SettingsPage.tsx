import { useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import { Alert, Button, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { AccountsList } from '../components/Settings/AccountsList';
import { ConnectionCard } from '../components/Settings/ConnectionCard';
import { ContentTypeDefaults } from '../components/Settings/ContentTypeDefaults';
import { BrandSettingsCard } from '../components/Settings/BrandSettings';
import { SeoSettingsCard } from '../components/Seo/SeoSettingsCard';
import { RichPinsSample } from '../components/Links/RichPinsSample';
import { WebhookEvents } from '../components/Links/WebhookEvents';
import { useDesignBrand } from '../hooks/useDesignBrand';
import { useApiErrorText } from '../api';
import {
  useAccounts,
  useBoards,
  useConnection,
  useLocales,
  useSettings,
} from '../hooks/useConnection';
import { offersAccountChoice } from '../components/PinField/AccountSelect';
import { PERMISSIONS } from '../permissions';
import { useRights } from '../hooks/useRights';
import { useDates } from '../utils/useDates';
import { useT } from '../utils/useT';

/** Settings → Pinterest: connect the account, see its health, and set the defaults. */
export default function SettingsPage() {
  const t = useT();
  const { when } = useDates();
  const location = useLocation();
  const { toggleNotification } = useNotification();
  const { allowedActions, isLoading: rbacLoading } = useRights({
    canRead: PERMISSIONS.readSettings,
    canManage: PERMISSIONS.manageSettings,
  });
  const { connection, error, busy, reload, connect, refresh, disconnect, resumeWrites } =
    useConnection();
  const { settings, error: settingsError, save } = useSettings();
  const accounts = useAccounts();
  // several accounts: the list shows each one; with one, the card alone (as before) offers another
  const several = (accounts.accounts?.length ?? 0) > 1;
  // each type's account (and its locales') once there is a choice of connected accounts
  const choice = offersAccountChoice(accounts.accounts) ? accounts.accounts : null;
  const { locales } = useLocales(
    Boolean(choice && settings?.contentTypes.some((c) => c.localized))
  );
  const design = useDesignBrand();
  const errorText = useApiErrorText();
  const failed = (fallback: string) => (e: unknown) =>
    toggleNotification({ type: 'danger', message: errorText(e, fallback) });
  const { boards, error: boardsError } = useBoards(connection?.status === 'connected');
  const tokenWorks = connection?.status === 'connected' && connection.source === 'static-token';
  const outcome = useMemo(
    () => Object.fromEntries(new URLSearchParams(location.search)),
    [location.search]
  );

  if (rbacLoading || (!connection && !error)) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;
  if (error || !connection) return <Page.Error />;
  const canManage = allowedActions.canManage;

  return (
    <Page.Main>
      <Page.Title>{t('settings.title', 'Pinterest')}</Page.Title>
      <Layouts.Header
        title={t('settings.title', 'Pinterest')}
        subtitle={t(
          'settings.subtitle',
          'Connect your Pinterest account and choose how entries are pinned.'
        )}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {outcome.connected ? (
            <Alert
              variant="success"
              closeLabel={t('close', 'Close')}
              title={t('outcome.connected.title', 'Connected')}
            >
              {t('outcome.connected', 'Pinterest account @{username} is connected.', {
                username: outcome.connected,
              })}
              {outcome.missingScopes
                ? ` ${t('outcome.missingScopes', 'Some permissions were not granted: {scopes}. Pinning needs them: reconnect and keep them checked.', { scopes: outcome.missingScopes })}`
                : ''}
            </Alert>
          ) : null}
          {outcome.error ? (
            <Alert
              variant="danger"
              closeLabel={t('close', 'Close')}
              title={t('outcome.failed.title', 'The connection failed')}
            >
              {outcome.message ?? outcome.error}
            </Alert>
          ) : null}
          {connection.status === 'reconnect_required' ? (
            <Alert
              variant="danger"
              closeLabel={t('close', 'Close')}
              title={t('banner.reconnect.title', 'Reconnect required')}
            >
              {t(
                'banner.reconnect',
                'Pinterest no longer accepts this site’s token. {count} pins are waiting and will go out by themselves once you reconnect.',
                { count: connection.waitingJobs }
              )}
            </Alert>
          ) : null}
          {connection.writesPaused ? (
            <Alert
              variant="danger"
              closeLabel={t('close', 'Close')}
              title={t('banner.paused.title', 'Pinning is paused')}
              action={
                canManage ? (
                  <Button
                    variant="danger-light"
                    onClick={() =>
                      void resumeWrites().catch(
                        failed(t('error.resumeWrites', 'Pinning could not be resumed.'))
                      )
                    }
                  >
                    {t('action.resumeWrites', 'Resume pinning now')}
                  </Button>
                ) : undefined
              }
            >
              {t(
                'banner.paused',
                'Pinterest reported a spam block. Pins wait until {until}: {reason}',
                {
                  until: when(connection.writesPaused.until),
                  reason: connection.writesPaused.reason,
                }
              )}
            </Alert>
          ) : null}
          {connection.setup.problems.length && canManage ? (
            tokenWorks ? (
              // a working token is not a problem: OAuth is offered as the way to keep it fresh
              <Alert
                variant="default"
                closeLabel={t('close', 'Close')}
                title={t('setup.tokenWorks.title', 'Connected with the configured token')}
              >
                {t(
                  'setup.tokenWorks',
                  'Pinning works. To renew the access by itself instead of replacing the token by hand, finish the OAuth setup: {problems}',
                  { problems: connection.setup.problems.join(' ') }
                )}
              </Alert>
            ) : (
              <Alert
                variant="warning"
                closeLabel={t('close', 'Close')}
                title={t('setup.title', 'Finish the setup to connect with OAuth')}
              >
                {connection.setup.problems.join(' ')}
              </Alert>
            )
          ) : null}
          <ConnectionCard
            connection={connection}
            canManage={canManage && connection.setup.problems.length === 0}
            busy={busy}
            onConnect={() =>
              void connect().catch(failed(t('error.connect', 'The connection could not start.')))
            }
            onRefresh={() =>
              void refresh().then(
                (o) =>
                  toggleNotification({
                    type: o === 'refreshed' ? 'success' : 'warning',
                    message: t(
                      `refresh.${o}`,
                      o === 'refreshed' ? 'Token refreshed.' : 'The token was not refreshed.'
                    ),
                  }),
                failed(t('error.refresh', 'The token could not be refreshed.'))
              )
            }
            onDisconnect={() =>
              void disconnect().then(
                () => accounts.reload(),
                failed(t('error.disconnect', 'The account could not be disconnected.'))
              )
            }
            onConnectAnother={
              several
                ? undefined
                : () =>
                    void connect().catch(
                      failed(t('error.connect', 'The connection could not start.'))
                    )
            }
          />
          {accounts.error ? (
            <Alert
              variant="danger"
              closeLabel={t('close', 'Close')}
              title={t('accounts.loadFailed', 'The accounts could not be loaded')}
            >
              {accounts.error}
            </Alert>
          ) : null}
          {accounts.accounts && several ? (
            <AccountsList
              accounts={accounts.accounts}
              environment={connection.environment}
              canManage={canManage && connection.setup.problems.length === 0}
              busy={accounts.busy}
              connecting={busy}
              onConnect={() =>
                void connect().catch(failed(t('error.connect', 'The connection could not start.')))
              }
              onMakeDefault={(a) =>
                void accounts
                  .makeDefault(a.id)
                  .then(
                    () => reload(),
                    failed(
                      t('accounts.makeDefaultFailed', 'The default account could not be changed.')
                    )
                  )
              }
              onDisconnect={(a) =>
                void accounts
                  .disconnect(a.id)
                  .then(
                    () => reload(),
                    failed(t('error.disconnect', 'The account could not be disconnected.'))
                  )
              }
            />
          ) : null}
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="pi" textColor="neutral600">
              {t('setup.redirect', 'Redirect URI to register on your Pinterest app: {uri}', {
                uri: connection.setup.redirectUri,
              })}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t(
                'setup.trial',
                'Apps on Trial access create pins visible only to their creator; production use needs Standard access.'
              )}
            </Typography>
          </Flex>
          {settingsError ? (
            <Alert
              variant="danger"
              closeLabel={t('close', 'Close')}
              title={t('defaults.loadFailed', 'The defaults could not be loaded')}
            >
              {settingsError}
            </Alert>
          ) : null}
          {settings ? (
            <ContentTypeDefaults
              settings={settings}
              boards={boards}
              boardsError={boardsError}
              canManage={canManage}
              accounts={choice}
              locales={locales}
              onSave={(next) =>
                save(next).catch(
                  failed(t('defaults.saveFailed', 'The defaults could not be saved.'))
                )
              }
            />
          ) : null}
          {design.error ? (
            <Alert
              variant="danger"
              closeLabel={t('close', 'Close')}
              title={t('design.brand.loadFailed', 'The brand could not be loaded')}
            >
              {design.error}
            </Alert>
          ) : null}
          {design.brand ? (
            <BrandSettingsCard
              brand={design.brand}
              canManage={canManage}
              onSave={(next) =>
                design.save(next).then(
                  () =>
                    toggleNotification({
                      type: 'success',
                      message: t('design.brand.saved', 'Brand saved.'),
                    }),
                  failed(t('design.brand.saveFailed', 'The brand could not be saved.'))
                )
              }
            />
          ) : null}
          <SeoSettingsCard canManage={canManage} />
          <RichPinsSample />
          <WebhookEvents canManage={canManage} />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
