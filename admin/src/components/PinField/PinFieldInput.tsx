import { forwardRef, useState } from 'react';
import {
  Box,
  DateTimePicker,
  Field,
  Flex,
  TextInput,
  Textarea,
  Toggle,
  Typography,
} from '@strapi/design-system';
import {
  unstable_useContentManagerContext as useContentManagerContext,
  useField,
  useForm,
} from '@strapi/strapi/admin';
import type { PinFieldValue } from '../../../../common/pin-field';
import { isApiError, useApiErrorText, useApiQuery, usePinterestApi } from '../../api';
import { usePinPreview } from '../../hooks/usePinPreview';
import { useT } from '../../utils/useT';
import { AccountSelect, offersAccountChoice } from './AccountSelect';
import { BoardPicker } from './BoardPicker';
import { CoverPicker } from './CoverPicker';
import { DesignSection, withDesign, withoutAspectWarning } from '../Design/DesignSection';
import { PinPreviewCard } from './PinPreviewCard';
import { SeoSection } from '../Seo/SeoSection';

/** The last words of a long text, for a message that says where it ends. */
const ending = (text: string | null | undefined) =>
  text ? `…${[...text].slice(-40).join('').trimStart()}` : '…';

interface Props {
  name: string;
  label?: string;
  hint?: string;
  disabled?: boolean;
  required?: boolean;
}

/**
 * The `plugin::pinterest.pin` field: pin on publish, board and section, Pinterest-only title and
 * description, the cover frame of a video, and a live preview of the pin with what to fix.
 */
const PinFieldInput = forwardRef<HTMLDivElement, Props>(({ name, label, hint, disabled }, ref) => {
  const t = useT();
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const field = useField<PinFieldValue | null>(name);
  const values = useForm('PinterestField', (s) => s.values) as Record<string, unknown>;
  const { model, id } = useContentManagerContext();
  const value: PinFieldValue = field.value ?? {};
  const { preview, error: previewError } = usePinPreview(model, id, values);
  const [designUrl, setDesignUrl] = useState<string | null>(null);
  const connection = useApiQuery(api.getConnection);
  // unknown (nothing said) while loading, and for an editor without the permission to read it
  const connected = connection.data ? connection.data.status === 'connected' : null;
  const connectionError =
    connection.error && !(isApiError(connection.error) && connection.error.status === 403)
      ? errorText(connection.error)
      : null;

  // several accounts: the account first (only when more than one is connected), then its boards
  const accountsQuery = useApiQuery(api.listAccounts);
  const accounts = offersAccountChoice(accountsQuery.data) ? accountsQuery.data : null;
  const accountsError =
    accountsQuery.error && !(isApiError(accountsQuery.error) && accountsQuery.error.status === 403)
      ? errorText(accountsQuery.error)
      : null;
  const defaultAccountId = accountsQuery.data?.find((a) => a.isDefault)?.id ?? null;
  const chosenAccount = value.accountId ?? preview?.routedAccountId ?? null;
  // null: the default account's boards (as with a single account)
  const boardsAccount = accounts && chosenAccount !== defaultAccountId ? chosenAccount : null;

  const set = (patch: Partial<PinFieldValue>) => {
    const next: Record<string, unknown> = { ...value, ...patch };
    for (const k of Object.keys(next))
      if (next[k] === '' || next[k] === undefined || next[k] === null) delete next[k];
    field.onChange(name, next);
  };

  const media = preview?.media ?? null;
  // Longer overrides may be typed: the field says what Pinterest gets (cut at a word, like the
  // entry's own texts), never a silent stop at the limit.
  const titleCount = [...(value.title ?? '')].length;
  const descriptionCount = [...(value.description ?? '')].length;
  const enabled = value.enabled ?? preview?.pinOnPublish ?? true;

  return (
    <Field.Root name={name} hint={hint} error={field.error} ref={ref}>
      <Field.Label>{label ?? t('field.label', 'Pinterest')}</Field.Label>
      <Box
        padding={4}
        hasRadius
        borderColor="neutral200"
        borderStyle="solid"
        borderWidth="1px"
        marginTop={1}
      >
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Field.Root name={`${name}.enabled`}>
            <Field.Label>{t('field.enabled', 'Pin on publish')}</Field.Label>
            <Toggle
              checked={enabled}
              onLabel={t('field.on', 'Yes')}
              offLabel={t('field.off', 'No')}
              disabled={disabled}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                set({ enabled: e.target.checked })
              }
            />
          </Field.Root>
          <Field.Root
            name={`${name}.pinAt`}
            hint={t(
              'field.pinAt.hint',
              'Leave empty to pin when the entry is published. A later time schedules the pin.'
            )}
          >
            <Field.Label>{t('field.pinAt', 'Pin at (optional)')}</Field.Label>
            <DateTimePicker
              value={value.pinAt ? new Date(value.pinAt) : null}
              disabled={disabled || !enabled}
              dateLabel={t('field.pinAt.date', 'Pin date')}
              timeLabel={t('field.pinAt.time', 'Pin time')}
              clearLabel={t('field.pinAt.clear', 'Clear the pin time')}
              onClear={() => set({ pinAt: null })}
              onChange={(date: Date | undefined) =>
                set({ pinAt: date ? date.toISOString() : null })
              }
            />
            <Field.Hint />
          </Field.Root>
          {accounts ? (
            <AccountSelect
              name={name}
              accounts={accounts}
              value={value.accountId ?? null}
              routedAccountId={preview?.routedAccountId ?? null}
              disabled={disabled}
              // a board belongs to one Pinterest user: another account's boards are chosen anew
              onChange={(accountId) => set({ accountId, boardId: null, boardSectionId: null })}
            />
          ) : null}
          {accountsError ? (
            <Typography variant="pi" textColor="danger600" tag="p">
              {t('field.account.error', 'The accounts could not be loaded: {message}', {
                message: accountsError,
              })}
            </Typography>
          ) : null}
          <BoardPicker
            key={boardsAccount ?? 'default'}
            accountId={boardsAccount}
            name={name}
            boardId={value.boardId ?? null}
            sectionId={value.boardSectionId ?? null}
            defaultBoardId={value.boardId ? null : (preview?.boardId ?? null)}
            disabled={disabled}
            onChange={({ boardId, boardSectionId }) => set({ boardId, boardSectionId })}
          />
          {media?.kind === 'video' ? (
            <CoverPicker
              name={name}
              videoUrl={media.url}
              cover={value.cover}
              disabled={disabled}
              onChange={(cover) => set({ cover })}
            />
          ) : null}
          <Flex gap={4} alignItems="flex-start" wrap="wrap">
            <Box flex="1" minWidth="240px">
              <Field.Root
                name={`${name}.title`}
                hint={t('field.title.hint', 'Pinterest only. {count} / 100', {
                  count: titleCount,
                })}
                error={
                  titleCount > 100
                    ? t(
                        'field.title.over',
                        '{count} / 100: too long. Pinterest gets the title cut at a word: “{sent}”',
                        { count: titleCount, sent: preview?.title ?? '…' }
                      )
                    : undefined
                }
              >
                <Field.Label>{t('field.title', 'Pinterest title (optional)')}</Field.Label>
                <TextInput
                  value={value.title ?? ''}
                  disabled={disabled}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                    set({ title: e.target.value })
                  }
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Box>
            <Box flex="1" minWidth="240px">
              <Field.Root
                name={`${name}.description`}
                hint={t('field.description.hint', 'Pinterest only. {count} / 500', {
                  count: descriptionCount,
                })}
                error={
                  descriptionCount > 500
                    ? t(
                        'field.description.over',
                        '{count} / 500: too long. Pinterest gets the description cut at a word, ending “{end}”',
                        { count: descriptionCount, end: ending(preview?.description) }
                      )
                    : undefined
                }
              >
                <Field.Label>
                  {t('field.description', 'Pinterest description (optional)')}
                </Field.Label>
                <Textarea
                  value={value.description ?? ''}
                  disabled={disabled}
                  onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
                    set({ description: e.target.value })
                  }
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Box>
          </Flex>
          <SeoSection
            model={model}
            documentId={id}
            values={values}
            value={value}
            onChange={set}
            sentTitle={preview?.title ?? null}
            sentDescription={preview?.description ?? null}
            disabled={disabled}
          />
          {model ? (
            <DesignSection
              name={name}
              design={value.design}
              onChange={(design) => field.onChange(name, withDesign(value, design))}
              contentType={model}
              documentId={id ?? null}
              locale={typeof values.locale === 'string' ? values.locale : null}
              title={preview?.title ?? null}
              description={preview?.description ?? null}
              imageUrl={media?.kind === 'image' ? media.url : null}
              isVideo={media?.kind === 'video'}
              disabled={disabled}
              onPreviewUrl={setDesignUrl}
            />
          ) : null}
          {preview ? (
            <PinPreviewCard
              preview={designUrl ? withoutAspectWarning(preview) : preview}
              imageUrl={media?.url ?? null}
              designUrl={designUrl}
              coverTime={
                value.cover && 'keyFrameTime' in value.cover ? value.cover.keyFrameTime : null
              }
              connected={connected}
            />
          ) : null}
          {connectionError ? (
            <Typography variant="pi" textColor="danger600" tag="p">
              {t(
                'field.connectionError',
                'The Pinterest connection could not be checked: {message}',
                {
                  message: connectionError,
                }
              )}
            </Typography>
          ) : null}
          {!preview && previewError ? (
            <Field.Root name={`${name}.preview`} error={previewError}>
              <Field.Error />
            </Field.Root>
          ) : null}
        </Flex>
      </Box>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
});

PinFieldInput.displayName = 'PinFieldInput';

export default PinFieldInput;
