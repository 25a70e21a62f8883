import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  DateTimePicker,
  Dialog,
  Field,
  Flex,
  Link,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Clock, Cross, ExternalLink, Image, Pencil } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import type { EntryPinsDTO, JobDTO } from '../../../../common/wire';
import { useApiErrorText, useApiQuery, usePinterestApi } from '../../api';
import { PERMISSIONS } from '../../permissions';
import { useRights } from '../../hooks/useRights';
import {
  BOARD_FIX_CODES,
  entryPinState,
  isSettling,
  lastSyncedAt,
  MEDIA_FIX_CODES,
  type EntryPinStatus,
} from '../../utils/pin-status';
import { useDates } from '../../utils/useDates';
import { useT } from '../../utils/useT';
import { ProblemNote } from '../shared/ProblemNote';
import { EntryLinkFlag } from '../Links/EntryLinkFlag';

const STATUS_TEXT: Record<EntryPinStatus, string> = {
  not_pinned: 'Not pinned',
  waiting: 'Waiting',
  scheduled: 'Scheduled',
  pinning: 'Pinning',
  pinned: 'Pinned',
  sync_waiting: 'Changes waiting to sync',
  syncing: 'Syncing changes',
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

/** Brings the editor to the entry's board picker (the Pinterest field), when the form shows it. */
function focusBoardPicker() {
  const input = document.querySelector<HTMLInputElement>('[data-pinterest-board-picker]');
  input?.scrollIntoView({ block: 'center' });
  input?.focus();
}

/** Brings the editor to the entry's first media field, when the form shows one. */
function focusMediaField() {
  const carousel = document.querySelector<HTMLElement>('[aria-roledescription="carousel"]');
  carousel?.scrollIntoView({ block: 'center' });
  carousel?.querySelector<HTMLElement>('button')?.focus();
}

type Pending = {
  /** What the panel showed when the action started: shown until the server reports a new state. */
  shown: EntryPinsDTO;
  since: number;
  action: 'pinNow' | 'retry';
};

/** Once the server reports a new state after an action, the panel shows it again. */
function stillPending(p: Pending | null, body: EntryPinsDTO): Pending | null {
  if (!p) return p;
  const s = entryPinState(body);
  const changedSince = s.job?.updatedAt ? Date.parse(s.job.updatedAt) >= p.since - 2_000 : false;
  if (!isSettling(s) || (s.error && changedSince) || Date.now() > p.since + 60_000) return null;
  return p;
}

/** Asks before an action that changes what Pinterest shows. */
function ConfirmPin({
  pinned,
  busy,
  onConfirm,
}: {
  pinned: boolean;
  busy: boolean;
  onConfirm: () => void;
}) {
  const t = useT();
  const label = pinned ? t('panel.syncNow', 'Sync now') : t('panel.pinNow', 'Pin now');
  return (
    <Dialog.Root>
      <Dialog.Trigger>
        <Button variant="tertiary" loading={busy} disabled={busy}>
          {label}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>
          {pinned
            ? t('panel.syncNow.title', 'Update the pin on Pinterest now?')
            : t('panel.pinNow.title', 'Create the pin on Pinterest now?')}
        </Dialog.Header>
        <Dialog.Body>
          <Typography tag="p">
            {pinned
              ? t(
                  'panel.syncNow.text',
                  'The pin on Pinterest takes the published entry’s title, description, link and board.'
                )
              : t(
                  'panel.pinNow.text',
                  'A pin is created on Pinterest from the published entry, without waiting.'
                )}
          </Typography>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">{t('panel.confirm.cancel', 'Cancel')}</Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button onClick={onConfirm}>{label}</Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
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
  const { when, ago } = useDates();
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRights({ canPublish: PERMISSIONS.pinEntries });
  const [data, setData] = useState<EntryPinsDTO | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const boards = useApiQuery(api.listBoards);
  // several accounts: the boards of every account the entry's pins went to, for their names
  const pinAccounts = [
    ...new Set((data?.pins ?? []).flatMap((p) => (p.account ? [p.account.id] : []))),
  ]
    .sort((a, b) => a - b)
    .join(',');
  const loadAccountBoards = useCallback(
    async () =>
      (
        await Promise.all(
          pinAccounts
            .split(',')
            .filter(Boolean)
            .map((accountId) => api.listBoards(Number(accountId)).catch(() => []))
        )
      ).flat(),
    [api, pinAccounts]
  );
  const accountBoards = useApiQuery(pinAccounts ? loadAccountBoards : null);
  const boardNames: Record<string, string> = Object.fromEntries(
    [...(boards.data ?? []), ...(accountBoards.data ?? [])].map((b) => [b.id, b.name])
  );

  const load = useCallback(
    () =>
      api.entryPins(model, documentId, locale).then(
        (body) => {
          setData(body);
          setPending((p) => stillPending(p, body));
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
  const real = data ? entryPinState(data) : null;
  // After Pin now or Retry, the true state stays shown (with a busy button) until the server
  // reports a new one: no flash of a queued job's passing states.
  const state = pending ? entryPinState(pending.shown) : real;
  useEffect(() => {
    settling.current = Boolean(pending || (real && isSettling(real)));
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

  const act = async (
    request: () => Promise<JobDTO | null>,
    done: string,
    waitFor?: Pending['action']
  ) => {
    if (waitFor) setPending({ shown: data, since: Date.now(), action: waitFor });
    try {
      await request();
      toggleNotification({ type: 'success', message: done });
    } catch (e) {
      setPending(null);
      toggleNotification({
        type: 'danger',
        message: errorText(e, t('panel.actionFailed', 'That did not work. Try again.')),
      });
    }
    await load();
  };
  const job = state.job;
  const pinned = state.pins.some((p) => p.status === 'pinned');
  const syncedAt = lastSyncedAt(state);
  const error = state.error && state.status !== 'pinned' ? state.error : null;
  const boardFix = Boolean(error && !error.retryable && BOARD_FIX_CODES.has(error.code));
  const mediaFix = Boolean(error && !error.retryable && MEDIA_FIX_CODES.has(error.code));

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
      <EntryLinkFlag contentType={model} documentId={documentId} />
      {state.pins.map((pin) => (
        <Box key={pin.id} padding={3} hasRadius background="neutral100">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="omega" fontWeight="semiBold">
              {boardNames[pin.boardId] ?? t('panel.board', 'Board {id}', { id: pin.boardId })}
            </Typography>
            {pin.account ? (
              <Typography variant="pi" textColor="neutral700" data-pinterest-pin-account>
                {t('panel.account', 'Account: {name}', {
                  name: pin.account.username
                    ? `@${pin.account.username}`
                    : (pin.account.displayName ?? `#${pin.account.id}`),
                })}
              </Typography>
            ) : null}
            <Typography variant="pi" textColor="neutral600">
              {t(`panel.pin.${pin.status}`, pin.status)}
            </Typography>
            {pin.status === 'pinned' && pin.lastSyncedAt ? (
              <Typography variant="pi" textColor="success600">
                {t('panel.updatedOnPinterest', 'Updated on Pinterest · {ago}', {
                  ago: ago(pin.lastSyncedAt),
                })}
              </Typography>
            ) : null}
            {pin.status === 'pinned' && pin.designUrl ? (
              <img
                src={pin.designUrl}
                alt={t('panel.designAlt', 'The design this pin was made with')}
                width={96}
                height={144}
                style={{ objectFit: 'cover', borderRadius: 4 }}
              />
            ) : null}
            {pin.status === 'pinned' && pin.link ? (
              <Typography
                variant="pi"
                textColor="neutral600"
                tag="p"
                style={{ wordBreak: 'break-all' }}
              >
                {t('panel.pinLink', 'Links to {link}', { link: pin.link })}
              </Typography>
            ) : null}
            {pin.withoutLink ? (
              <Box paddingTop={1}>
                <Typography variant="pi" textColor="warning700" fontWeight="bold" tag="p">
                  {t('panel.withoutLink', 'Pinned without a link')}
                </Typography>
                <Typography variant="pi" textColor="warning700" tag="p">
                  {t(
                    'panel.withoutLink.advice',
                    'A pin without a link brings no visits. Fill in what the link is built from (e.g. the slug), publish again, and the pin gets its link.'
                  )}
                </Typography>
              </Box>
            ) : null}
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
      {state.status === 'sync_waiting' || state.status === 'syncing' ? (
        <Typography variant="pi" textColor="neutral600">
          {syncedAt
            ? t('panel.syncWaiting.since', 'The pin shows the version sent {ago}.', {
                ago: ago(syncedAt),
              })
            : t('panel.syncWaiting', 'The pin shows the previous version until then.')}
        </Typography>
      ) : null}
      {error ? (
        <ProblemNote
          error={
            // a retryable failure only ends "failed" once its retries ran out: say so, instead of
            // the code's usual "will be tried again automatically"
            state.status === 'failed' && error.retryable && job
              ? {
                  ...error,
                  advice: t(
                    'panel.gaveUp',
                    'Tried {attempts} times without success: it will not be tried again by itself. Press Retry once the problem is solved.',
                    { attempts: job.attempts }
                  ),
                }
              : error
          }
        />
      ) : null}
      {state.status === 'scheduled' && state.nextRunAt ? (
        <Typography variant="pi" textColor="neutral700" fontWeight="semiBold">
          {t('panel.scheduledFor', 'Scheduled for {time}', {
            time: when(state.nextRunAt),
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
            time: when(state.nextRunAt),
          })}
        </Typography>
      ) : null}
      {allowedActions.canPublish ? (
        <Flex gap={2} wrap="wrap">
          {job && error?.retryable && (state.status === 'failed' || state.status === 'waiting') ? (
            <Button
              variant="secondary"
              startIcon={<ArrowClockwise />}
              loading={pending?.action === 'retry'}
              disabled={Boolean(pending)}
              onClick={() =>
                void act(() => api.retryJob(job.id), t('panel.retried', 'Retrying now.'), 'retry')
              }
            >
              {t('panel.retry', 'Retry')}
            </Button>
          ) : null}
          {boardFix ? (
            <Button variant="secondary" startIcon={<Pencil />} onClick={focusBoardPicker}>
              {t('panel.fix.board', 'Choose a board')}
            </Button>
          ) : null}
          {mediaFix ? (
            <Button variant="secondary" startIcon={<Image />} onClick={focusMediaField}>
              {error?.code === 'MEDIA_REQUIRED'
                ? t('panel.fix.addImage', 'Add an image')
                : t('panel.fix.changeImage', 'Change the image')}
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
            <ConfirmPin
              pinned={pinned}
              busy={pending?.action === 'pinNow'}
              onConfirm={() =>
                void act(
                  () => api.pinNow(model, documentId, locale),
                  pinned
                    ? t('panel.synced', 'The pin will be updated in a moment.')
                    : t('panel.queued', 'The entry will be pinned in a moment.'),
                  'pinNow'
                )
              }
            />
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
  // a role without the permission is told which one and who grants it, instead of no panel
  if (!mapped.data && mapped.error)
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
