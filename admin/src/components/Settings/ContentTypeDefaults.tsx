import { useState } from 'react';
import { Box, Button, Field, Flex, Toggle, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import type { DesignTemplateDTO } from '../../../../common/designs';
import type {
  AccountDTO,
  BoardDTO,
  ContentTypeDefaultsDTO,
  SettingsDTO,
} from '../../../../common/wire';
import { useDesignTemplates, useTemplateName } from '../../hooks/useDesignTemplates';
import { useT } from '../../utils/useT';
import { DefaultBoardFields } from '../shared/DefaultBoardFields';
import { SelectField } from '../shared/SelectField';
import { AccountDefaults } from './AccountDefaults';

interface Props {
  settings: SettingsDTO;
  boards: BoardDTO[] | null;
  boardsError: string | null;
  canManage: boolean;
  onSave: (next: SettingsDTO) => Promise<void>;
  /** Several accounts (more than one connected): each type's account and its locales'. */
  accounts?: AccountDTO[] | null;
  /** The site's locales, for the localized types. */
  locales?: { code: string; name: string }[] | null;
}

function Row({
  value,
  boards,
  accounts,
  locales,
  templates,
  disabled,
  onChange,
}: {
  value: ContentTypeDefaultsDTO;
  boards: BoardDTO[] | null;
  accounts: AccountDTO[] | null;
  locales: { code: string; name: string }[] | null;
  templates: DesignTemplateDTO[] | null;
  disabled: boolean;
  onChange: (v: ContentTypeDefaultsDTO) => void;
}) {
  const t = useT();
  const templateName = useTemplateName();

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
        <SelectField
          name={`${value.uid}.onUnpublish`}
          label={t('defaults.onUnpublish', 'When an entry is unpublished or deleted')}
          hint={t(
            'defaults.onUnpublish.hint',
            'Deleting removes the pin and its stats on Pinterest; it cannot be undone.'
          )}
          value={value.onUnpublish}
          disabled={disabled}
          onChange={(v) => onChange({ ...value, onUnpublish: v === 'delete' ? 'delete' : 'keep' })}
          options={[
            { value: 'keep', label: t('defaults.onUnpublish.keep', 'Keep its pins on Pinterest') },
            {
              value: 'delete',
              label: t('defaults.onUnpublish.delete', 'Delete its pins on Pinterest'),
            },
          ]}
        />
        <SelectField
          name={`${value.uid}.defaultTemplate`}
          label={t('design.defaults.template', 'Default design')}
          hint={t(
            'design.defaults.template.hint',
            'The 2:3 design of entries whose editor chose none; editors can still pick another template or the original image.'
          )}
          value={value.defaultTemplate ?? ''}
          disabled={disabled}
          onChange={(v) => onChange({ ...value, defaultTemplate: v || null })}
          options={[
            { value: '', label: t('design.defaults.template.none', 'The original image') },
            ...(templates ?? []).map((tpl) => ({ value: tpl.id, label: templateName(tpl) })),
          ]}
        />
        {accounts ? (
          <AccountDefaults
            value={value}
            accounts={accounts}
            boards={boards}
            locales={locales}
            disabled={disabled}
            onChange={onChange}
          />
        ) : (
          <DefaultBoardFields
            namePrefix={value.uid}
            boards={boards}
            defaultBoardId={value.defaultBoardId}
            defaultBoardSectionId={value.defaultBoardSectionId}
            disabled={disabled}
            onChange={(board) => onChange({ ...value, ...board })}
          />
        )}
      </Flex>
    </Box>
  );
}

/** Plugin defaults per content type: pin on publish, default board and section. */
export function ContentTypeDefaults({
  settings,
  boards,
  boardsError,
  canManage,
  onSave,
  accounts = null,
  locales = null,
}: Props) {
  const t = useT();
  const { templates } = useDesignTemplates();
  const [draft, setDraft] = useState(settings);
  const [saving, setSaving] = useState(false);
  // new settings from the server (loaded or saved) replace the draft
  const [shown, setShown] = useState(settings);
  if (settings !== shown) {
    setShown(settings);
    setDraft(settings);
  }
  const saveDraft = async () => {
    setSaving(true);
    try {
      await onSave(draft);
    } finally {
      setSaving(false);
    }
  };
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
              onClick={() => void saveDraft()}
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
              accounts={accounts}
              locales={locales}
              templates={templates}
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
