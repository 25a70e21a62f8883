import { useEffect, useState } from 'react';
import {
  Box,
  Button,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { Check } from '@strapi/icons';
import type { BoardDTO, ContentTypeDefaultsDTO, SettingsDTO } from '../../../../common/wire';
import { useT } from '../../utils/useT';
import { SectionSelect } from '../SectionSelect';

interface Props {
  settings: SettingsDTO;
  boards: BoardDTO[] | null;
  boardsError: string | null;
  canManage: boolean;
  onSave: (next: SettingsDTO) => Promise<void>;
}

function Row({
  value,
  boards,
  disabled,
  onChange,
}: {
  value: ContentTypeDefaultsDTO;
  boards: BoardDTO[] | null;
  disabled: boolean;
  onChange: (v: ContentTypeDefaultsDTO) => void;
}) {
  const t = useT();

  return (
    <Box padding={4} hasRadius borderColor="neutral200" borderStyle="solid" borderWidth="1px">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h3">
          {value.displayName}
        </Typography>
        <Field.Root
          name={`${value.uid}.pinOnPublish`}
          hint={t('defaults.pinOnPublish.hint', 'Editors can still change it on each entry.')}
        >
          <Field.Label>{t('defaults.pinOnPublish', 'Pin on publish by default')}</Field.Label>
          <Toggle
            checked={value.pinOnPublish}
            disabled={disabled}
            onLabel={t('field.on', 'Yes')}
            offLabel={t('field.off', 'No')}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
              onChange({ ...value, pinOnPublish: e.target.checked })
            }
          />
          <Field.Hint />
        </Field.Root>
        <Field.Root
          name={`${value.uid}.onUnpublish`}
          hint={t(
            'defaults.onUnpublish.hint',
            'Deleting removes the pin and its stats on Pinterest; it cannot be undone.'
          )}
        >
          <Field.Label>
            {t('defaults.onUnpublish', 'When an entry is unpublished or deleted')}
          </Field.Label>
          <SingleSelect
            value={value.onUnpublish}
            disabled={disabled}
            onChange={(v: string | number) =>
              onChange({ ...value, onUnpublish: v === 'delete' ? 'delete' : 'keep' })
            }
          >
            <SingleSelectOption value="keep">
              {t('defaults.onUnpublish.keep', 'Keep its pins on Pinterest')}
            </SingleSelectOption>
            <SingleSelectOption value="delete">
              {t('defaults.onUnpublish.delete', 'Delete its pins on Pinterest')}
            </SingleSelectOption>
          </SingleSelect>
          <Field.Hint />
        </Field.Root>
        <Flex gap={4} alignItems="flex-start" wrap="wrap">
          <Box flex="1" minWidth="240px">
            <Field.Root name={`${value.uid}.defaultBoardId`}>
              <Field.Label>{t('defaults.board', 'Default board')}</Field.Label>
              <SingleSelect
                value={value.defaultBoardId ?? ''}
                disabled={disabled || !boards}
                placeholder={
                  boards
                    ? t('defaults.board.none', 'No default board')
                    : t('defaults.board.loading', 'Connect an account to choose a board')
                }
                clearLabel={t('defaults.board.clear', 'Clear the default board')}
                onClear={() =>
                  onChange({ ...value, defaultBoardId: null, defaultBoardSectionId: null })
                }
                onChange={(v: string | number) =>
                  onChange({ ...value, defaultBoardId: String(v), defaultBoardSectionId: null })
                }
              >
                {(boards ?? []).map((b) => (
                  <SingleSelectOption key={b.id} value={b.id}>
                    {b.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>
          <Box flex="1" minWidth="240px">
            <SectionSelect
              name={`${value.uid}.defaultBoardSectionId`}
              label={t('defaults.section', 'Default section')}
              boardId={value.defaultBoardId}
              value={value.defaultBoardSectionId}
              disabled={disabled}
              onChange={(defaultBoardSectionId) => onChange({ ...value, defaultBoardSectionId })}
            />
          </Box>
        </Flex>
      </Flex>
    </Box>
  );
}

/** Plugin defaults per content type: pin on publish, default board and section. */
export function ContentTypeDefaults({ settings, boards, boardsError, canManage, onSave }: Props) {
  const t = useT();
  const [draft, setDraft] = useState(settings);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(settings), [settings]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings);

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between">
          <Typography variant="delta" tag="h2">
            {t('defaults.title', 'Defaults per content type')}
          </Typography>
          {canManage ? (
            <Button
              startIcon={<Check />}
              disabled={!dirty}
              loading={saving}
              onClick={async () => {
                setSaving(true);
                try {
                  await onSave(draft);
                } finally {
                  setSaving(false);
                }
              }}
            >
              {t('action.save', 'Save')}
            </Button>
          ) : null}
        </Flex>
        {boardsError ? (
          <Typography textColor="danger600">
            {t('boards.error', 'Boards could not be loaded: {message}', { message: boardsError })}
          </Typography>
        ) : null}
        {draft.contentTypes.length === 0 ? (
          <Typography textColor="neutral600">
            {t(
              'defaults.empty',
              'No content type is configured to pin. Add one under pinterest.config.contentTypes in config/plugins.'
            )}
          </Typography>
        ) : (
          draft.contentTypes.map((ct, i) => (
            <Row
              key={ct.uid}
              value={ct}
              boards={boards}
              disabled={!canManage}
              onChange={(v) =>
                setDraft({ contentTypes: draft.contentTypes.map((c, j) => (j === i ? v : c)) })
              }
            />
          ))
        )}
      </Flex>
    </Box>
  );
}
