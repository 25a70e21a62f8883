import { useCallback, useState } from 'react';
import { Box, Button, Checkbox, Flex, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { SectionCard } from '../shared/SectionCard';
import { useApiErrorText } from '../../api/use-api-error-text';
import { useApiQuery } from '../../api/use-api-query';
import { useT } from '../../utils/useT';
import { useLinksApi, type Webhook } from './links-api';

const EVENT_TEXT: Record<string, [string, string]> = {
  'pinterest.pin.created': ['webhooks.event.pinCreated', 'A pin was created'],
  'pinterest.pin.updated': ['webhooks.event.pinUpdated', 'A pin was updated'],
  'pinterest.pin.failed': ['webhooks.event.pinFailed', 'A pin failed'],
  'pinterest.pin.deleted': ['webhooks.event.pinDeleted', 'A pin was deleted'],
  'pinterest.link.broken': ['webhooks.event.linkBroken', 'A live pin’s link broke'],
  'pinterest.campaign.finished': ['webhooks.event.campaignFinished', 'A campaign finished'],
  'pinterest.account.reconnect_required': [
    'webhooks.event.reconnectRequired',
    'The Pinterest account must be reconnected',
  ],
};

function WebhookRow({
  webhook,
  events,
  canManage,
  onSaved,
}: {
  webhook: Webhook;
  events: string[];
  canManage: boolean;
  onSaved: () => void;
}) {
  const t = useT();
  const api = useLinksApi();
  const errorText = useApiErrorText();
  const { toggleNotification } = useNotification();
  const [chosen, setChosen] = useState(() => new Set(webhook.events));
  const [busy, setBusy] = useState(false);
  const changed = events.some((e) => chosen.has(e) !== webhook.events.includes(e));
  const save = () => {
    setBusy(true);
    // Strapi's own events of the webhook are kept as they are
    const next = [
      ...webhook.events.filter((e) => !events.includes(e)),
      ...events.filter((e) => chosen.has(e)),
    ];
    api
      .saveWebhookEvents(webhook, next)
      .then(
        () => {
          toggleNotification({ type: 'success', message: t('webhooks.saved', 'Webhook saved.') });
          onSaved();
        },
        (e: unknown) => toggleNotification({ type: 'danger', message: errorText(e) })
      )
      .finally(() => setBusy(false));
  };
  return (
    <Box padding={3} hasRadius background="neutral100" tag="li">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography fontWeight="bold">{webhook.name}</Typography>
        <Typography variant="pi" textColor="neutral600" style={{ wordBreak: 'break-all' }}>
          {webhook.url}
        </Typography>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          {events.map((e) => (
            <Checkbox
              key={e}
              name={`${webhook.id}-${e}`}
              checked={chosen.has(e)}
              disabled={!canManage}
              onCheckedChange={(v: boolean | 'indeterminate') =>
                setChosen((s) => {
                  const next = new Set(s);
                  if (v === true) next.add(e);
                  else next.delete(e);
                  return next;
                })
              }
            >
              {EVENT_TEXT[e] ? t(EVENT_TEXT[e][0], EVENT_TEXT[e][1]) : e} <code>{e}</code>
            </Checkbox>
          ))}
        </Flex>
        {canManage ? (
          <Box>
            <Button onClick={save} disabled={!changed} loading={busy} variant="secondary">
              {t('webhooks.save', 'Save the events')}
            </Button>
          </Box>
        ) : null}
      </Flex>
    </Box>
  );
}

/**
 * Settings → Pinterest → Webhooks: the plugin's events (registered with Strapi's webhook store)
 * and, for each webhook of Settings → Webhooks, which of them it receives. Strapi's own webhook
 * form only shows its built-in events, so they are ticked here; saving keeps the webhook's other
 * events, and Strapi's form keeps these.
 */
export function WebhookEvents({ canManage }: { canManage: boolean }) {
  const t = useT();
  const api = useLinksApi();
  const errorText = useApiErrorText();
  const [version, setVersion] = useState(0);
  const load = useCallback(
    async () => ({ events: await api.events(), webhooks: await api.webhooks().catch(() => null) }),
    [api]
  );
  const { data, error } = useApiQuery(load, version);
  return (
    <SectionCard title={t('webhooks.title', 'Webhooks')} testId="webhook-events">
      <Typography variant="pi" textColor="neutral600">
        {t(
          'webhooks.intro',
          'The plugin sends these events to the webhooks of Settings → Webhooks. Each carries the entry (content type, documentId, locale), the pin (id, URL, board, link), its status and an error code — never a token.'
        )}
      </Typography>
      {error ? <Typography textColor="danger700">{errorText(error)}</Typography> : null}
      {data ? (
        <Flex
          tag="ul"
          direction="column"
          alignItems="stretch"
          gap={1}
          aria-label={t('webhooks.events', 'Events')}
        >
          {data.events.map((e) => (
            <Typography key={e} tag="li" variant="pi">
              <code>{e}</code> — {EVENT_TEXT[e] ? t(EVENT_TEXT[e][0], EVENT_TEXT[e][1]) : e}
            </Typography>
          ))}
        </Flex>
      ) : null}
      {data?.webhooks === null ? (
        <Typography variant="pi" textColor="neutral600">
          {t('webhooks.noAccess', 'Your role cannot read Settings → Webhooks.')}
        </Typography>
      ) : data && !data.webhooks.length ? (
        <Typography variant="pi" textColor="neutral600">
          {t(
            'webhooks.none',
            'No webhook yet: create one in Settings → Webhooks, then choose its Pinterest events here.'
          )}
        </Typography>
      ) : data ? (
        <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
          {data.webhooks.map((w) => (
            <WebhookRow
              key={`${w.id}-${w.events.join()}`}
              webhook={w}
              events={data.events}
              canManage={canManage}
              onSaved={() => setVersion((v) => v + 1)}
            />
          ))}
        </Flex>
      ) : null}
    </SectionCard>
  );
}
