import { useState } from 'react';
import { Avatar, Badge, Box, Button, Dialog, Flex, Typography } from '@strapi/design-system';
import { Link as LinkIcon, Plus, Star, Trash, WarningCircle } from '@strapi/icons';
import type { AccountDTO } from '../../../../common/wire';
import { useT } from '../../utils/useT';
import { SectionCard } from '../shared/SectionCard';

interface Props {
  accounts: AccountDTO[];
  environment: string;
  canManage: boolean;
  /** The account an action is running on. */
  busy: number | null;
  /** Whether the OAuth flow is starting (connect another account, reconnect). */
  connecting: boolean;
  /** Starts the OAuth flow (Pinterest's consent page decides which account it is). */
  onConnect: () => void;
  onMakeDefault: (account: AccountDTO) => void;
  onDisconnect: (account: AccountDTO) => void;
}

/** `@username`, else the display name, else the configured token. */
export function useAccountName() {
  const t = useT();
  return (a: Pick<AccountDTO, 'username' | 'displayName'>) =>
    a.username
      ? `@${a.username}`
      : (a.displayName ?? t('connection.staticToken', 'Token from the configuration'));
}

function StatusBadge({ status }: { status: AccountDTO['status'] }) {
  const t = useT();
  if (status === 'connected')
    return <Badge active>{t('accounts.status.connected', 'Connected')}</Badge>;
  if (status === 'reconnect_required')
    return (
      <Badge backgroundColor="danger100" textColor="danger700">
        {t('accounts.status.reconnect_required', 'Reconnect required')}
      </Badge>
    );
  return <Badge>{t('accounts.status.disconnected', 'Disconnected')}</Badge>;
}

/** One account: who it is, its health, and what an administrator can do with it. */
function AccountRow({
  account: a,
  environment,
  canManage,
  busy,
  connecting,
  onConnect,
  onMakeDefault,
  onAskDisconnect,
}: {
  account: AccountDTO;
  environment: string;
  canManage: boolean;
  busy: boolean;
  connecting: boolean;
  onConnect: () => void;
  onMakeDefault: () => void;
  onAskDisconnect: () => void;
}) {
  const t = useT();
  const name = useAccountName();
  const reconnect = a.status === 'reconnect_required';
  return (
    <Box
      tag="li"
      padding={4}
      hasRadius
      borderStyle="solid"
      borderWidth="1px"
      borderColor={reconnect ? 'danger600' : 'neutral200'}
      background={reconnect ? 'danger100' : 'neutral0'}
      aria-label={name(a)}
    >
      <Flex justifyContent="space-between" alignItems="center" wrap="wrap" gap={4}>
        <Flex gap={4}>
          <Avatar.Item
            src={a.profileImage ?? undefined}
            alt=""
            fallback={(a.username ?? a.displayName ?? '?').slice(0, 2).toUpperCase()}
          />
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="omega" fontWeight="bold">
              {a.displayName && a.displayName !== a.username ? `${a.displayName} · ` : ''}
              {name(a)}
            </Typography>
            <Flex gap={2} wrap="wrap">
              <Badge>{t(`environment.${environment}`, environment)}</Badge>
              <StatusBadge status={a.status} />
              {a.isDefault ? (
                <Badge backgroundColor="primary100" textColor="primary700">
                  {t('accounts.default', 'Default')}
                </Badge>
              ) : null}
            </Flex>
            {reconnect ? (
              <Flex gap={1}>
                <WarningCircle fill="danger600" aria-hidden />
                <Typography variant="pi" textColor="danger700" fontWeight="bold">
                  {t(
                    'accounts.reconnect',
                    'Pinterest no longer accepts this account’s token. {count} pins wait until you reconnect it.',
                    { count: a.waitingJobs }
                  )}
                </Typography>
              </Flex>
            ) : a.status === 'disconnected' && a.waitingJobs > 0 ? (
              <Typography variant="pi" textColor="neutral600">
                {t(
                  'accounts.disconnectedWaiting',
                  '{count} pins wait until this account is connected again or their entries choose another account.',
                  { count: a.waitingJobs }
                )}
              </Typography>
            ) : null}
          </Flex>
        </Flex>
        {canManage && a.source === 'oauth' ? (
          <Flex gap={2} wrap="wrap">
            {a.status !== 'connected' ? (
              <Button
                onClick={onConnect}
                loading={connecting}
                startIcon={<LinkIcon />}
                variant={reconnect ? 'danger' : 'secondary'}
              >
                {t('action.reconnect', 'Reconnect')}
              </Button>
            ) : null}
            {!a.isDefault && a.status === 'connected' ? (
              <Button
                onClick={onMakeDefault}
                loading={busy}
                startIcon={<Star />}
                variant="tertiary"
              >
                {t('accounts.makeDefault', 'Make default')}
              </Button>
            ) : null}
            {a.status !== 'disconnected' ? (
              <Button
                onClick={onAskDisconnect}
                disabled={busy}
                startIcon={<Trash />}
                variant="danger-light"
              >
                {t('action.disconnect', 'Disconnect')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
    </Box>
  );
}

/**
 * Settings → Pinterest → Accounts: every Pinterest account this site pins to, the default one
 * first, and connecting another one.
 */
export function AccountsList({
  accounts,
  environment,
  canManage,
  busy,
  connecting,
  onConnect,
  onMakeDefault,
  onDisconnect,
}: Props) {
  const t = useT();
  const name = useAccountName();
  const [confirming, setConfirming] = useState<AccountDTO | null>(null);
  return (
    <SectionCard title={t('accounts.title', 'Accounts')} testId="pinterest-accounts">
      <Flex justifyContent="space-between" alignItems="flex-start" wrap="wrap" gap={4}>
        <Typography textColor="neutral600">
          {t(
            'accounts.intro',
            'Entries pin to the default account unless their content type, locale or editor chooses another one.'
          )}
        </Typography>
        {canManage ? (
          <Button onClick={onConnect} loading={connecting} startIcon={<Plus />} variant="secondary">
            {t('accounts.connectAnother', 'Connect another account')}
          </Button>
        ) : null}
      </Flex>
      <Flex tag="ul" direction="column" alignItems="stretch" gap={3}>
        {accounts.map((a) => (
          <AccountRow
            key={a.id}
            account={a}
            environment={environment}
            canManage={canManage}
            busy={busy === a.id}
            connecting={connecting}
            onConnect={onConnect}
            onMakeDefault={() => onMakeDefault(a)}
            onAskDisconnect={() => setConfirming(a)}
          />
        ))}
      </Flex>
      <Dialog.Root open={confirming !== null} onOpenChange={(open) => !open && setConfirming(null)}>
        <Dialog.Content>
          <Dialog.Header>
            {t('accounts.disconnect.title', 'Disconnect {name}?', {
              name: confirming ? name(confirming) : '',
            })}
          </Dialog.Header>
          <Dialog.Body icon={<WarningCircle fill="danger600" />}>
            {t(
              'accounts.disconnect.body',
              'Its pins stay on Pinterest and their stats are kept. Its waiting pins wait until it is connected again; entries routed to it do not pin meanwhile.'
            )}
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button fullWidth variant="tertiary">
                {t('action.cancel', 'Cancel')}
              </Button>
            </Dialog.Cancel>
            <Dialog.Action>
              <Button
                fullWidth
                variant="danger-light"
                startIcon={<Trash />}
                onClick={() => {
                  if (confirming) onDisconnect(confirming);
                  setConfirming(null);
                }}
              >
                {t('accounts.disconnect.confirm', 'Disconnect the account')}
              </Button>
            </Dialog.Action>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </SectionCard>
  );
}
