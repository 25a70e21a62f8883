import { useMemo, useState } from 'react';
import {
  Box,
  Button,
  Field,
  Flex,
  Link,
  Modal,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import type { CampaignInputWire } from '../../../../common/campaigns';
import { useApiErrorText, usePinterestApi } from '../../api';
import { BoardPicker } from '../PinField/BoardPicker';
import { CampaignProgress } from '../Campaign/CampaignProgress';
import { defaultPacing, PacingFields, toPacing, type PacingForm } from '../Campaign/PacingFields';
import { PlanSummary } from '../Campaign/PlanSummary';
import { useCampaign, usePlanPreview } from '../Campaign/useCampaigns';
import { useT } from '../../utils/useT';

export const CAMPAIGNS_PATH = '/plugins/pinterest/campaigns';

/**
 * The Content Manager's "Pin to Pinterest…" dialog for the selected entries: a board and section,
 * the
 * pacing and start, what will happen (N pins, first and last time, entries left out and why), then
 * the campaign's live progress once started.
 */
export function BulkPinDialog({
  model,
  documentIds,
  locale,
  onClose,
}: {
  model: string;
  documentIds: string[];
  locale: string | null;
  onClose: () => void;
}) {
  const t = useT();
  const { formatDate } = useIntl();
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const { toggleNotification } = useNotification();
  const [name, setName] = useState(() =>
    t('bulk.defaultName', 'Re-pin of {count} entries, {date}', {
      count: documentIds.length,
      date: formatDate(new Date(), { dateStyle: 'medium' }),
    })
  );
  const [board, setBoard] = useState<{ boardId: string | null; boardSectionId: string | null }>({
    boardId: null,
    boardSectionId: null,
  });
  const [pacing, setPacing] = useState<PacingForm>(defaultPacing);
  const [starting, setStarting] = useState(false);
  const [startedId, setStartedId] = useState<number | null>(null);
  const { campaign, stale, act } = useCampaign(startedId);

  const input: CampaignInputWire | null = useMemo(
    () =>
      board.boardId
        ? {
            name: name.trim() || 'Re-pin',
            selection: { contentType: model, documentIds, ...(locale && { locale }) },
            boards: [{ boardId: board.boardId, boardSectionId: board.boardSectionId }],
            pacing: toPacing(pacing),
          }
        : null,
    [board, documentIds, locale, model, name, pacing]
  );
  const { preview, error, loading } = usePlanPreview(startedId === null ? input : null);

  const start = async () => {
    if (!input) return;
    setStarting(true);
    try {
      const campaign = await api.createCampaign(input);
      setStartedId(campaign.id);
      toggleNotification({
        type: 'success',
        message: t('bulk.started', 'Campaign “{name}” started.', { name: campaign.name }),
      });
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorText(e) });
    } finally {
      setStarting(false);
    }
  };

  if (startedId !== null) {
    return (
      <>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {campaign ? (
              <CampaignProgress
                campaign={campaign}
                stale={stale}
                onAction={(a) =>
                  void act(a).catch((e) =>
                    toggleNotification({ type: 'danger', message: errorText(e) })
                  )
                }
              />
            ) : (
              <Typography>{t('bulk.starting', 'Starting…')}</Typography>
            )}
            <Link tag={NavLink} to={`${CAMPAIGNS_PATH}/${startedId}`}>
              {t('bulk.open', 'Open the campaign page')}
            </Link>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <span />
          <Button onClick={onClose}>{t('close', 'Close')}</Button>
        </Modal.Footer>
      </>
    );
  }

  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={5}>
          <Typography variant="omega" textColor="neutral600">
            {t(
              'bulk.intro',
              '{count} selected entries get a new pin each — fresh content for their old links — paced so Pinterest sees no burst.',
              { count: documentIds.length }
            )}
          </Typography>
          <Field.Root name="bulk-name">
            <Field.Label>{t('campaign.name', 'Campaign name')}</Field.Label>
            <TextInput
              value={name}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)}
            />
          </Field.Root>
          <BoardPicker
            name="bulk-board"
            boardId={board.boardId}
            sectionId={board.boardSectionId}
            onChange={setBoard}
          />
          <Box>
            <Typography variant="sigma" textColor="neutral600" tag="h3">
              {t('campaign.pacing.title', 'Pacing')}
            </Typography>
            <Box paddingTop={2}>
              <PacingFields name="bulk-pacing" value={pacing} onChange={setPacing} compact />
            </Box>
          </Box>
          {input ? (
            <PlanSummary preview={preview} loading={loading} error={error} />
          ) : (
            <Typography variant="omega" textColor="neutral600">
              {t('bulk.chooseBoard', 'Choose a board to see the plan.')}
            </Typography>
          )}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {t('bulk.cancel', 'Cancel')}
        </Button>
        <Button
          onClick={() => void start()}
          loading={starting}
          disabled={!input || !preview || preview.pins === 0 || Boolean(error)}
        >
          {preview?.pins
            ? t('bulk.start', 'Start: {count, plural, one {# pin} other {# pins}}', {
                count: preview.pins,
              })
            : t('bulk.startEmpty', 'Start the campaign')}
        </Button>
      </Modal.Footer>
    </>
  );
}
