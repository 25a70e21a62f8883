import { useCallback, useEffect, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  DateTimePicker,
  Field,
  Flex,
  Link,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Clock, Cross, ExternalLink } from '@strapi/icons';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import type { BoardDTO, EntryPinsDTO } from '../../../../common/wire';
import { PERMISSIONS } from '../../permissions';
import { entryPinState, isSettling, type EntryPinStatus } from '../../utils/pin-status';
import { useAdvice } from '../../utils/useAdvice';
import { useT } from '../../utils/useT';

const STATUS_TEXT: Record<EntryPinStatus, string> = {
  not_pinned: 'Not pinned',
  waiting: 'Waiting',
  scheduled: 'Scheduled',
  pinning: 'Pinning',
  pinned: 'Pinned',
  failed: 'Failed',
  reconnect_required: 'Reconnect required',
  paused: 'Paused',
  out_of_sync: 'Changes not synced',
  cancelled: 'Cancelled',
  deleted: 'Deleted on Pinterest',
};

/** A scheduled (or cancelled) pin's time, changed in place. */
function Reschedule({
  initial,
  onSave,
}: {
  initial: string | null;
  onSave: (iso: string) => Promise<void>;
}) {
  const t = useT();
  const [when, setWhen] = useState<Date | null>(initial ? new Date(initial) : null);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Field.Root name="pinterest-reschedule">
        <Field.Label>{t('panel.reschedule.label', 'Pin at')}</Field.Label>
        <DateTimePicker
          value={when}
          dateLabel={t('panel.reschedule.date', 'Pin date')}
          timeLabel={t('panel.reschedule.time', 'Pin time')}
          onChange={(d: Date | undefined) => setWhen(d ?? null)}
          onClear={() => setWhen(null)}
        />
      </Field.Root>
      <Button
        variant="secondary"
        startIcon={<Clock />}
        disabled={!when}
        onClick={() => when && void onSave(when.toISOString())}
      >
        {t('panel.reschedule', 'Reschedule')}
      </Button>
    </Flex>
  );
}

function PanelContent({
  model,
  documentId,
  locale,
  version,
}: {
  model: string;
  documentId: string;
  locale: string | undefined;
  version: string;
}) {
  const t = useT();
  const adviceFor = useAdvice();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  // useRBAC names each result after the action's last segment: pins.publish → canPublish
  const { allowedActions } = useRBAC(PERMISSIONS.pinEntries);
  const [data, setData] = useState<EntryPinsDTO | null>(null);
  const [boards, setBoards] = useState<Record<string, string>>({});
  const query = locale ? `?locale=${encodeURIComponent(locale)}` : '';

  const load = useCallback(async () => {
    const { data: body } = await get<EntryPinsDTO>(
      `/pinterest/entries/${model}/${documentId}/pins${query}`
    );
    setData(body);
  }, [get, model, documentId, query]);

  useEffect(() => {
    get<{ boards: BoardDTO[] }>('/pinterest/boards').then(
      ({ data: b }) => setBoards(Object.fromEntries(b.boards.map((x) => [x.id, x.name]))),
      () => undefined
    );
  }, [get]);

  // Reload when the entry changes (a save or a publish), and watch closely for a while after it.
  const [watchUntil, setWatchUntil] = useState(0);
  useEffect(() => {
    void load().catch(() => undefined);
    setWatchUntil(Date.now() + 20_000);
  }, [load, version]);

  const state = data ? entryPinState(data) : null;
  const watching = Boolean(state && (isSettling(state) || Date.now() < watchUntil));
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(() => void load().catch(() => undefined), 1_500);
    return () => clearInterval(timer);
  }, [watching, load, data]);

  if (!data || !state)
    return <Typography textColor="neutral600">{t('panel.loading', 'Loading…')}</Typography>;

  const act = async (path: string, done: string, body: Record<string, unknown> = {}) => {
    try {
      await post(path, body);
      toggleNotification({ type: 'success', message: done });
      await load();
    } catch {
      toggleNotification({
        type: 'danger',
        message: t('panel.actionFailed', 'That did not work. Try again.'),
      });
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Flex gap={2} justifyContent="space-between">
        <Typography variant="sigma" textColor="neutral600">
          {t('panel.status', 'Status')}
        </Typography>
        <Badge
          active={state.status === 'pinned'}
          backgroundColor={
            state.status === 'failed' || state.status === 'reconnect_required'
              ? 'danger100'
              : undefined
          }
          textColor={
            state.status === 'failed' || state.status === 'reconnect_required'
              ? 'danger700'
              : undefined
          }
        >
          {t(`panel.status.${state.status}`, STATUS_TEXT[state.status])}
        </Badge>
      </Flex>
      {state.pins.map((pin) => (
        <Box key={pin.id} padding={3} hasRadius background="neutral100">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="omega" fontWeight="semiBold">
              {boards[pin.boardId] ?? t('panel.board', 'Board {id}', { id: pin.boardId })}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t(`panel.pin.${pin.status}`, pin.status)}
            </Typography>
            {pin.pinUrl ? (
              <Link href={pin.pinUrl} isExternal endIcon={<ExternalLink />}>
                {t('panel.viewPin', 'View the pin on Pinterest')}
              </Link>
            ) : null}
          </Flex>
        </Box>
      ))}
      {state.error && state.status !== 'pinned' ? (
        <Box padding={3} hasRadius background="danger100">
          <Typography variant="pi" textColor="danger700" tag="p" fontWeight="bold">
            {state.error.message}
          </Typography>
          <Typography variant="pi" textColor="danger700" tag="p">
            {adviceFor(state.error)}
          </Typography>
        </Box>
      ) : null}
      {state.status === 'scheduled' && state.nextRunAt ? (
        <Typography variant="pi" textColor="neutral700" fontWeight="semiBold">
          {t('panel.scheduledFor', 'Scheduled for {time}', {
            time: new Date(state.nextRunAt).toLocaleString(),
          })}
        </Typography>
      ) : null}
      {state.status === 'cancelled' ? (
        <Typography variant="pi" textColor="neutral600">
          {t('panel.cancelledText', 'This pin was cancelled. Pin it now or choose a new time.')}
        </Typography>
      ) : null}
      {state.nextRunAt && (state.status === 'waiting' || state.status === 'paused') ? (
        <Typography variant="pi" textColor="neutral600">
          {t('panel.next', 'Next attempt: {time}', {
            time: new Date(state.nextRunAt).toLocaleString(),
          })}
        </Typography>
      ) : null}
      {allowedActions.canPublish ? (
        <Flex gap={2} wrap="wrap">
          {state.job && (state.status === 'failed' || state.status === 'waiting') ? (
            <Button
              variant="secondary"
              startIcon={<ArrowClockwise />}
              onClick={() =>
                void act(
                  `/pinterest/jobs/${state.job!.id}/retry`,
                  t('panel.retried', 'Retrying now.')
                )
              }
            >
              {t('panel.retry', 'Retry')}
            </Button>
          ) : null}
          {state.job && state.status === 'scheduled' ? (
            <Button
              variant="danger-light"
              startIcon={<Cross />}
              onClick={() =>
                void act(
                  `/pinterest/jobs/${state.job!.id}/cancel`,
                  t('panel.cancelled', 'The scheduled pin was cancelled.')
                )
              }
            >
              {t('panel.cancel', 'Cancel the scheduled pin')}
            </Button>
          ) : null}
          {state.status === 'out_of_sync' ? (
            <Button
              variant="secondary"
              startIcon={<ArrowClockwise />}
              onClick={() =>
                void act(
                  `/pinterest/entries/${model}/${documentId}/repin${query}`,
                  t('panel.repinned', 'The pin will be replaced in a moment.')
                )
              }
            >
              {t('panel.repin', 'Re-pin with the changes')}
            </Button>
          ) : null}
          {state.status !== 'scheduled' ? (
            <Button
              variant="tertiary"
              onClick={() =>
                void act(
                  `/pinterest/entries/${model}/${documentId}/pin${query}`,
                  t('panel.queued', 'The entry will be pinned in a moment.')
                )
              }
            >
              {t('panel.pinNow', 'Pin now')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {allowedActions.canPublish &&
      state.job &&
      (state.status === 'scheduled' || state.status === 'cancelled') ? (
        <Reschedule
          key={`${state.job.id}-${state.job.runAt}`}
          initial={state.status === 'scheduled' ? state.nextRunAt : null}
          onSave={(iso) =>
            act(
              `/pinterest/jobs/${state.job!.id}/reschedule`,
              t('panel.rescheduled', 'The pin was rescheduled.'),
              { runAt: iso }
            )
          }
        />
      ) : null}
    </Flex>
  );
}

let mappedTypes: Promise<string[]> | null = null;

/** The content types that pin, asked once per admin session. */
function useMappedContentTypes(): string[] | null {
  const { get } = useFetchClient();
  const [types, setTypes] = useState<string[] | null>(null);
  useEffect(() => {
    mappedTypes ??= get<{ contentTypes: string[] }>('/pinterest/content-types').then(
      ({ data }) => data.contentTypes,
      () => {
        mappedTypes = null;
        return [];
      }
    );
    void mappedTypes.then(setTypes);
  }, [get]);
  return types;
}

/**
 * Content Manager edit view side panel: this entry's pins, their state, errors in plain words,
 * Retry and Pin now.
 */
export const PinterestPanel: PanelComponent = ({
  model,
  documentId,
  document,
}: PanelComponentProps) => {
  const mapped = useMappedContentTypes();
  if (!documentId || !mapped?.includes(model)) return null;
  return {
    title: 'Pinterest',
    content: (
      <PanelContent
        model={model}
        documentId={documentId}
        locale={(document as { locale?: string } | undefined)?.locale ?? undefined}
        version={`${(document as { updatedAt?: string } | undefined)?.updatedAt ?? ''}|${(document as { publishedAt?: string } | undefined)?.publishedAt ?? ''}`}
      />
    ),
  };
};
