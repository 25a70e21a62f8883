import { Avatar, Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, Link as LinkIcon, Plus, Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { ConnectionDTO } from '../../../../common/wire';
import { useT } from '../../utils/useT';

interface Props {
  connection: ConnectionDTO;
  canManage: boolean;
  busy: boolean;
  onConnect: () => void;
  onRefresh: () => void;
  onDisconnect: () => void;
  /** Several accounts: starts the OAuth flow for one more account (shown once one is connected). */
  onConnectAnother?: () => void;
}

/** One term and its value in the token health list. */
function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="sigma" textColor="neutral600" tag="dt">
        {label}
      </Typography>
      <Typography tag="dd">{children}</Typography>
    </Flex>
  );
}

/** The connected account, its environment, scopes and token health, with the connection actions. */
export function ConnectionCard({
  connection: c,
  canManage,
  busy,
  onConnect,
  onRefresh,
  onDisconnect,
  onConnectAnother,
}: Props) {
  const t = useT();
  // dates in the admin's own language (react-intl), never the browser's raw language tag, which
  // can be one Intl refuses (e.g. "en-US@posix" from a POSIX locale) and would crash the page
  const { formatDate: intlDate } = useIntl();
  const formatDate = (iso: string | null) =>
    iso ? intlDate(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  const connected = c.status !== 'not_connected';
  const environment = t(`environment.${c.environment}`, c.environment);

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={5}>
        <Flex justifyContent="space-between" alignItems="flex-start" wrap="wrap" gap={4}>
          <Flex gap={4}>
            {c.account ? (
              <Avatar.Item
                src={c.account.profileImage ?? undefined}
                alt=""
                fallback={(c.account.username ?? '?').slice(0, 2).toUpperCase()}
              />
            ) : null}
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Typography variant="delta" tag="h2">
                {c.account?.username
                  ? `@${c.account.username}`
                  : c.source === 'static-token'
                    ? t('connection.staticToken', 'Token from the configuration')
                    : t('connection.none', 'No Pinterest account connected')}
              </Typography>
              <Flex gap={2} wrap="wrap">
                <Badge>{environment}</Badge>
                {c.account ? (
                  <Badge>
                    {c.account.isBusiness
                      ? t('account.business', 'Business account')
                      : t('account.personal', 'Personal account')}
                  </Badge>
                ) : null}
                <Badge active={c.status === 'connected'}>{t(`status.${c.status}`, c.status)}</Badge>
              </Flex>
              {c.account?.businessName ? (
                <Typography textColor="neutral600">{c.account.businessName}</Typography>
              ) : null}
            </Flex>
          </Flex>
          {canManage ? (
            <Flex gap={2} wrap="wrap">
              <Button
                onClick={onConnect}
                loading={busy}
                startIcon={<LinkIcon />}
                variant={connected ? 'secondary' : 'default'}
              >
                {c.source === 'oauth'
                  ? t('action.reconnect', 'Reconnect')
                  : t('action.connect', 'Connect a Pinterest account')}
              </Button>
              {c.source === 'oauth' ? (
                <>
                  {onConnectAnother && c.status === 'connected' ? (
                    <Button
                      onClick={onConnectAnother}
                      disabled={busy}
                      startIcon={<Plus />}
                      variant="secondary"
                    >
                      {t('accounts.connectAnother', 'Connect another account')}
                    </Button>
                  ) : null}
                  <Button
                    onClick={onRefresh}
                    disabled={busy}
                    startIcon={<ArrowClockwise />}
                    variant="tertiary"
                  >
                    {t('action.refresh', 'Refresh token now')}
                  </Button>
                  <Button
                    onClick={onDisconnect}
                    disabled={busy}
                    startIcon={<Trash />}
                    variant="danger-light"
                  >
                    {t('action.disconnect', 'Disconnect')}
                  </Button>
                </>
              ) : null}
            </Flex>
          ) : null}
        </Flex>

        {c.token ? (
          <Flex gap={8} wrap="wrap" tag="dl">
            <Fact label={t('token.expires', 'Access token expires')}>
              {c.token.expiresInDays === null
                ? '—'
                : c.token.expiresInDays < 0
                  ? t('token.expired', 'Expired')
                  : t('token.inDays', 'in {days} days', { days: c.token.expiresInDays })}
            </Fact>
            <Fact label={t('token.lastRefresh', 'Last refresh')}>
              {formatDate(c.token.lastRefreshAt)}
            </Fact>
            <Fact label={t('token.refreshExpires', 'Refresh token valid until')}>
              {formatDate(c.token.refreshTokenExpiresAt)}
            </Fact>
          </Flex>
        ) : null}

        {c.scopes.length ? (
          <Flex direction="column" alignItems="flex-start" gap={2}>
            <Typography variant="sigma" textColor="neutral600">
              {t('scopes.granted', 'Granted scopes')}
            </Typography>
            <Flex gap={2} wrap="wrap">
              {c.scopes.map((s) => (
                <Badge key={s}>{s}</Badge>
              ))}
              {c.missingScopes.map((s) => (
                <Badge key={s} backgroundColor="danger100" textColor="danger700">
                  {t('scopes.missing', '{scope} (not granted)', { scope: s })}
                </Badge>
              ))}
            </Flex>
          </Flex>
        ) : null}

        {c.lastError ? (
          <Typography textColor="danger600">
            {t('token.lastError', 'Last error: {message}', { message: c.lastError.message })}
          </Typography>
        ) : null}
      </Flex>
    </Box>
  );
}
