import { Field, Flex, Radio, Toggle, Typography } from '@strapi/design-system';
import type { ContentTypeSetupDTO, ContentTypeSetupInput } from '../../../../common/content-types';
import type { BoardDTO } from '../../../../common/wire';
import { useT } from '../../utils/useT';
import { DefaultBoardFields } from '../shared/DefaultBoardFields';
import { SectionCard } from '../shared/SectionCard';
import { SelectField } from '../shared/SelectField';
import type { SetupField } from './field-errors';
import { LinkFields } from './LinkFields';
import { PathListField } from './PathListField';

interface Props {
  contentType: ContentTypeSetupDTO;
  value: ContentTypeSetupInput;
  onChange: (value: ContentTypeSetupInput) => void;
  errors: Partial<Record<SetupField, string>>;
  boards: BoardDTO[] | null;
  /** Several accounts: the account the boards belong to (null or absent: the default one). */
  accountId?: number | null;
  disabled: boolean;
}

function Switch({
  name,
  label,
  hint,
  checked,
  disabled,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}) {
  const t = useT();
  return (
    <Field.Root name={name} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <Toggle
        checked={checked}
        disabled={disabled}
        onLabel={t('field.on', 'Yes')}
        offLabel={t('field.off', 'No')}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.checked)}
      />
      {hint ? <Field.Hint /> : null}
    </Field.Root>
  );
}

/**
 * A content type's setup: whether it pins, which attributes feed each part of the pin (only
 * compatible ones are offered), where the link comes from, and what happens on publish.
 */
export function SetupForm({
  contentType,
  value,
  onChange,
  errors,
  boards,
  accountId,
  disabled,
}: Props) {
  const t = useT();
  const { candidates } = contentType;
  const set = <K extends keyof ContentTypeSetupInput>(key: K, v: ContentTypeSetupInput[K]) =>
    onChange({ ...value, [key]: v });

  // the text parts of the pin: ordered lists of attribute paths, the first with a value wins
  const textParts: Array<{
    key: 'title' | 'description' | 'content';
    label: string;
    hint: string;
  }> = [
    {
      key: 'title',
      label: t('ct.field.title', 'Title'),
      hint: t('ct.field.title.hint', 'The first of these with a value on the entry is used.'),
    },
    {
      key: 'description',
      label: t('ct.description', 'Description'),
      hint: t(
        'ct.description.hint',
        'The first with a value is used; without one, the text of the content below.'
      ),
    },
    {
      key: 'content',
      label: t('ct.content', 'Content'),
      hint: t(
        'ct.content.hint',
        'Rich text, Blocks or a dynamic zone: its text makes the description when there is none.'
      ),
    },
  ];

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <SectionCard gap={4} title={t('ct.group.pins', 'Pinning')}>
        <Switch
          name="enabled"
          label={t('ct.enabled', 'Pin this content type')}
          hint={t(
            'ct.enabled.hint',
            'Only entries published after it is turned on pin by themselves; older ones wait for a re-pin campaign.'
          )}
          checked={value.enabled}
          disabled={disabled}
          onChange={(v) => set('enabled', v)}
        />
        <Switch
          name="pinOnPublish"
          label={t('defaults.pinOnPublish', 'Pin on publish by default')}
          hint={t('defaults.pinOnPublish.hint', 'Editors can still change it on each entry.')}
          checked={value.pinOnPublish}
          disabled={disabled}
          onChange={(v) => set('pinOnPublish', v)}
        />
        <DefaultBoardFields
          boards={boards}
          accountId={accountId}
          error={errors.board}
          defaultBoardId={value.defaultBoardId}
          defaultBoardSectionId={value.defaultBoardSectionId}
          disabled={disabled}
          onChange={(board) => onChange({ ...value, ...board })}
        />
        <SelectField
          name="onUnpublish"
          label={t('defaults.onUnpublish', 'When an entry is unpublished or deleted')}
          hint={t(
            'defaults.onUnpublish.hint',
            'Deleting removes the pin and its stats on Pinterest; it cannot be undone.'
          )}
          value={value.onUnpublish}
          disabled={disabled}
          onChange={(v) => set('onUnpublish', v === 'delete' ? 'delete' : 'keep')}
          options={[
            { value: 'keep', label: t('defaults.onUnpublish.keep', 'Keep its pins on Pinterest') },
            {
              value: 'delete',
              label: t('defaults.onUnpublish.delete', 'Delete its pins on Pinterest'),
            },
          ]}
        />
      </SectionCard>

      <SectionCard gap={4} title={t('ct.group.mapping', 'What the pin is made of')}>
        {textParts.map((part) => (
          <PathListField
            key={part.key}
            name={part.key}
            label={part.label}
            hint={part.hint}
            candidates={candidates[part.key]}
            value={value[part.key]}
            error={errors[part.key]}
            disabled={disabled}
            onChange={(v) => set(part.key, v)}
          />
        ))}
        <SelectField
          name="media"
          label={t('ct.media', 'Image or video')}
          hint={t('ct.media.hint', 'A single media attribute: the pin’s image (or video).')}
          error={errors.media}
          value={value.media}
          disabled={disabled}
          placeholder={t('ct.media.choose', 'Choose a media attribute')}
          onChange={(v) => set('media', v)}
          options={candidates.media.map((c) => ({ value: c.path, label: `${c.path} (${c.type})` }))}
        />
        <PathListField
          name="altText"
          label={t('ct.altText', 'Alt text (optional)')}
          hint={t(
            'ct.altText.hint',
            'Describes the image for people who cannot see it; used when the media has no alternative text of its own.'
          )}
          candidates={candidates.title}
          value={value.altText}
          error={errors.altText}
          disabled={disabled}
          onChange={(v) => set('altText', v)}
        />
      </SectionCard>

      <SectionCard gap={4} title={t('ct.group.link', 'Link')}>
        <LinkFields
          link={value.link}
          onChange={(link) => set('link', link)}
          linkCandidates={candidates.link}
          placeholders={candidates.placeholder}
          localized={contentType.localized}
          previewAvailable={contentType.previewAvailable}
          error={errors.link}
          disabled={disabled}
        />
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Typography variant="pi" fontWeight="bold" tag="p" id="ct-missing-link-label">
            {t('ct.missingLink', 'An entry without a link')}
          </Typography>
          <Radio.Group
            aria-labelledby="ct-missing-link-label"
            value={value.missingLink}
            disabled={disabled}
            onValueChange={(v: string) => set('missingLink', v === 'warn' ? 'warn' : 'refuse')}
          >
            <Radio.Item value="refuse">
              {t(
                'ct.missingLink.refuse',
                'Is not pinned (recommended): the pin fails with “Link required” and the editor is told how to fix it'
              )}
            </Radio.Item>
            <Radio.Item value="warn">
              {t(
                'ct.missingLink.warn',
                'Is pinned without a link, and the side panel says so (a pin without a link brings no visits)'
              )}
            </Radio.Item>
          </Radio.Group>
          {errors.missingLink ? (
            <Typography variant="pi" textColor="danger600">
              {errors.missingLink}
            </Typography>
          ) : null}
        </Flex>
      </SectionCard>
    </Flex>
  );
}
