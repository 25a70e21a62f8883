import { useMemo, useState } from 'react';
import { Alert, Box, Button, Flex, Grid, Link, Typography } from '@strapi/design-system';
import { ArrowLeft, Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import type { ContentTypeSetupDTO, ContentTypeSetupInput } from '../../../../common/content-types';
import { useApiErrorText, usePinterestApi, type FieldError } from '../../api';
import { errorsByField } from '../../components/ContentTypeSetup/field-errors';
import { SamplePin } from '../../components/ContentTypeSetup/SamplePin';
import { SetupForm } from '../../components/ContentTypeSetup/SetupForm';
import { NeverPinnedNote, NoFieldNote } from '../../components/ContentTypeSetup/TypeNotes';
import { useBoards, useTypeAccount } from '../../hooks/useConnection';
import { useAccountName } from '../../components/Settings/AccountsList';
import { fieldErrorsOf, localProblems, useSamplePin } from '../../hooks/useContentTypeSetups';
import { useT } from '../../utils/useT';
import { CodeReason, useSourceText } from './ContentTypeList';
import { CONTENT_TYPES_PATH } from './paths';

const first = (paths: string[], offered: Array<{ path: string }>) =>
  paths.filter((p) => offered.some((c) => c.path === p)).slice(0, 1);

/** The choices a type starts with: its saved or coded setup, else the obvious attributes. */
export function initialSetup(ct: ContentTypeSetupDTO): ContentTypeSetupInput {
  if (ct.mapping) return ct.mapping;
  const { candidates } = ct;
  return {
    enabled: true,
    title: first(['title', 'name'], candidates.title),
    description: [],
    content: [],
    media: '',
    altText: [],
    link: candidates.link.length
      ? { kind: 'attribute', path: candidates.link[0].path }
      : { kind: 'pattern', patterns: { '*': '' } },
    missingLink: 'refuse',
    pinOnPublish: true,
    defaultBoardId: null,
    defaultBoardSectionId: null,
    onUnpublish: 'keep',
  };
}

/**
 * One content type's setup: the form, a live sample pin from one of its published entries, and
 * Save. A type configured in code is shown read-only, with the reason.
 */
export function ContentTypeSetupPage({
  contentType: ct,
  canManage,
  canPlan,
  onSaved,
}: {
  contentType: ContentTypeSetupDTO;
  canManage: boolean;
  canPlan: boolean;
  onSaved: (saved: ContentTypeSetupDTO) => void;
}) {
  const t = useT();
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const sourceText = useSourceText();
  const { toggleNotification } = useNotification();
  const { boards } = useBoards(true);
  // several accounts: a type on another account than the default one chooses among its boards
  const typeAccount = useTypeAccount(ct.uid);
  const accountName = useAccountName();
  const [draft, setDraft] = useState(() => initialSetup(ct));
  const [saveErrors, setSaveErrors] = useState<FieldError[]>([]);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const readOnly = ct.source === 'code' || !canManage;

  const problems = useMemo(() => localProblems(draft), [draft]);
  const sample = useSamplePin(ct.uid, problems.length ? null : draft);
  const errors = errorsByField([
    ...(tried ? problems : []),
    ...saveErrors,
    ...(readOnly ? [] : sample.fieldErrors),
  ]);

  const change = (next: ContentTypeSetupInput) => {
    setDraft(next);
    setSaveErrors([]);
  };
  const save = async () => {
    setTried(true);
    if (problems.length) return;
    setSaving(true);
    try {
      const saved = await api.saveContentTypeSetup(ct.uid, draft);
      toggleNotification({
        type: 'success',
        message: t('ct.saved', '{name} is set up.', { name: saved.displayName }),
      });
      onSaved(saved);
    } catch (e) {
      setSaveErrors(fieldErrorsOf(e));
      toggleNotification({
        type: 'danger',
        message: errorText(e, t('ct.saveFailed', 'The setup could not be saved.')),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{ct.displayName}</Page.Title>
      <Layouts.Header
        title={ct.displayName}
        subtitle={`${ct.uid} · ${sourceText(ct.source)}`}
        navigationAction={
          <Link tag={NavLink} to={CONTENT_TYPES_PATH} startIcon={<ArrowLeft />}>
            {t('ct.back', 'Content types')}
          </Link>
        }
        primaryAction={
          readOnly ? undefined : (
            <Button startIcon={<Check />} loading={saving} onClick={() => void save()}>
              {t('action.save', 'Save')}
            </Button>
          )
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {ct.source === 'code' ? (
            <Alert
              variant="default"
              closeLabel={t('close', 'Close')}
              title={t('ct.source.code', 'Configured in code — read-only')}
            >
              <CodeReason />
            </Alert>
          ) : null}
          {!ct.pinField || (ct.enabled && ct.neverPinned?.count) ? (
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
              <Flex direction="column" alignItems="flex-start" gap={4}>
                {ct.pinField ? null : <NoFieldNote uid={ct.uid} />}
                <NeverPinnedNote contentType={ct} canPlan={canPlan} />
              </Flex>
            </Box>
          ) : null}
          {errors.other.length ? (
            <Box role="alert">
              {errors.other.map((m) => (
                <Typography key={m} textColor="danger600" tag="p">
                  {m}
                </Typography>
              ))}
            </Box>
          ) : null}
          {typeAccount.account ? (
            <Alert
              variant="default"
              closeLabel={t('close', 'Close')}
              title={t('ct.account.title', 'Pins to {account}', {
                account: accountName(typeAccount.account),
              })}
            >
              {typeAccount.error
                ? t('boards.error', 'Boards could not be loaded: {message}', {
                    message: typeAccount.error,
                  })
                : t(
                    'ct.account',
                    'This type’s account is set in Settings → Pinterest → Defaults per content type: the default board is one of its boards.'
                  )}
            </Alert>
          ) : null}
          <Grid.Root gap={6}>
            <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
              <SetupForm
                contentType={ct}
                value={draft}
                onChange={change}
                errors={errors.byField}
                boards={typeAccount.account ? typeAccount.boards : boards}
                accountId={typeAccount.account?.id ?? null}
                disabled={readOnly}
              />
            </Grid.Item>
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              <Box position="sticky" top={0} width="100%">
                <SamplePin
                  sample={sample.sample}
                  loading={sample.loading}
                  error={sample.error}
                  incomplete={problems.length > 0}
                />
              </Box>
            </Grid.Item>
          </Grid.Root>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
