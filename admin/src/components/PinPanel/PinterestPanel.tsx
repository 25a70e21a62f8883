import { useCallback, useEffect, useRef, useState } from 'react';
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
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import type { EntryPinsDTO, JobDTO } from '../../../../common/wire';
import { isApiError, useApiErrorText, useApiQuery, usePinterestApi } from '../../api';
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
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const { toggleNotification } = useNotification();
  // useRBAC names each result after the action's last segment: pins.publish → canPublish
  const { allowedActions } = useRBAC(PERMISSIONS.pinEntries);
  const [data, setData] = useState<EntryPinsDTO | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const boards = useApiQuery(api.listBoards);
  const boardNames: Record<string, string> = Object.fromEntries(
    (boards.data ?? []).map((b) => [b.id, b.name])
  );

  const load = useCallback(
    () =>
      api.entryPins(model, documentId, locale).then(
        (body) => {
          setData(body);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(e)
      ),
    [api, model, documentId, locale]
  );

  // Reload when the entry changes (a save or a publish), and watch closely for a while after it;
  // keep watching while a pin is on its way.
  const watchUntil = useRef(0);
  const settling = useRef(false);
  const state = data ? entryPinState(data) : null;
  useEffect(() => {
    settling.current = Boolean(state && isSettling(state));
  });
  useEffect(() => {
    watchUntil.current = Date.now() + 20_000;
    void load();
  }, [load, version]);
  useEffect(() => {
    const timer = setInterval(() => {
      if (settling.current || Date.now() < watchUntil.current) void load();
    }, 1_500);
    return () => clearInterval(timer);
  }, [load]);

  if (!data || !state)
    return loadError ? (
      <Typography variant="pi" textColor="danger700" role="alert">
        {t('panel.loadFailed', 'The pin status could not be loaded: {message}', {
          message: errorText(loadError),
        })}
      </Typography>
    ) : (
      <Typography textColor="neutral600">{t('panel.loading', 'Loading…')}</Typography>
    );

  const act = async (request: () => Promise<JobDTO | null>, done: string) => {
    try {
      await request();
      toggleNotification({ type: 'success', message: done });
    } catch (e) {
      toggleNotification({
        type: 'danger',
        message: errorText(e, t('panel.actionFailed', 'That did not work. Try again.')),
      });
    }
    await load();
  };
  const job = state.job;

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
              {boardNames[pin.boardId] ?? t('panel.board', 'Board {id}', { id: pin.boardId })}
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
      {loadError ? (
        <Typography variant="pi" textColor="danger700" role="alert">
          {t('panel.loadFailed', 'The pin status could not be loaded: {message}', {
            message: errorText(loadError),
          })}
        </Typography>
      ) : null}
      {boards.error ? (
        <Typography variant="pi" textColor="neutral600">
          {t('panel.boardsFailed', 'Board names could not be loaded: {message}', {
            message: errorText(boards.error),
          })}
        </Typography>
      ) : null}
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
          {job && (state.status === 'failed' || state.status === 'waiting') ? (
            <Button
              variant="secondary"
              startIcon={<ArrowClockwise />}
              onClick={() =>
                void act(() => api.retryJob(job.id), t('panel.retried', 'Retrying now.'))
              }
            >
              {t('panel.retry', 'Retry')}
            </Button>
          ) : null}
          {job && state.status === 'scheduled' ? (
            <Button
              variant="danger-light"
              startIcon={<Cross />}
              onClick={() =>
                void act(
                  () => api.cancelJob(job.id),
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
                  () => api.repin(model, documentId, locale),
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
                  () => api.pinNow(model, documentId, locale),
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
      job &&
      (state.status === 'scheduled' || state.status === 'cancelled') ? (
        <Reschedule
          key={`${job.id}-${job.runAt}`}
          initial={state.status === 'scheduled' ? state.nextRunAt : null}
          onSave={(iso) =>
            act(
              () => api.rescheduleJob(job.id, iso),
              t('panel.rescheduled', 'The pin was rescheduled.')
            )
          }
        />
      ) : null}
    </Flex>
  );
}

let mappedTypes: Promise<string[]> | null = null;

/** The content types that pin, asked once per admin session (again after a failure). */
function useMappedContentTypes() {
  const api = usePinterestApi();
  const load = useCallback(() => {
    mappedTypes ??= api.mappedContentTypes().catch((e: unknown) => {
      mappedTypes = null;
      throw e;
    });
    return mappedTypes;
  }, [api]);
  return useApiQuery(load);
}

/** Why the panel could not learn which content types pin (nothing for a reader not allowed to). */
function PanelError({ error }: { error: unknown }) {
  const t = useT();
  const errorText = useApiErrorText();
  return (
    <Typography variant="pi" textColor="danger700" role="alert">
      {t('panel.typesFailed', 'The Pinterest panel could not load: {message}', {
        message: errorText(error),
      })}
    </Typography>
  );
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
  if (!documentId) return null;
  if (!mapped.data && mapped.error && !(isApiError(mapped.error) && mapped.error.status === 403))
    return { title: 'Pinterest', content: <PanelError error={mapped.error} /> };
  if (!mapped.data?.includes(model)) return null;
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
