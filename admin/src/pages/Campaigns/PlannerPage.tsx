import { useMemo, useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  DatePicker,
  Field,
  Flex,
  Grid,
  IconButton,
  Link,
  NumberInput,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { ArrowLeft, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { NavLink, useNavigate, useSearchParams } from 'react-router-dom';
import type { CampaignInputWire } from '../../../../common/campaigns';
import { useApiErrorText, usePinterestApi } from '../../api';
import { CAMPAIGNS_PATH } from '../../components/BulkPin/BulkPinDialog';
import {
  defaultPacing,
  PacingFields,
  toPacing,
  type PacingForm,
} from '../../components/Campaign/PacingFields';
import { CampaignAccountField } from '../../components/Campaign/CampaignAccountField';
import { PlanSummary } from '../../components/Campaign/PlanSummary';
import {
  useCampaignAccounts,
  useCampaignOptions,
  usePlanPreview,
} from '../../components/Campaign/useCampaigns';
import { BoardPicker } from '../../components/PinField/BoardPicker';
import { FreshPinsPreview } from '../../components/Design/FreshPinsPreview';
import { SelectField } from '../../components/shared/SelectField';
import { SeoVariantsButton } from '../../components/Seo/SeoVariantsButton';
import { useBoards } from '../../hooks/useConnection';
import { useT } from '../../utils/useT';

interface Filters {
  contentType: string;
  locale: string | null;
  publishedAfter: Date | null;
  publishedBefore: Date | null;
  notPinnedForDays: number | null;
  hasMedia: boolean;
  onBoardId: string | null;
}

type BoardRow = { key: number; boardId: string | null; boardSectionId: string | null };

/** A date from the query string (`?publishedBefore=…`), or null. */
const dateParam = (v: string | null) => {
  const time = v ? Date.parse(v) : NaN;
  return Number.isNaN(time) ? null : new Date(time);
};

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A card of the form: a titled white box, as Strapi's own pages have them. */
function Section({
  title,
  hint,
  children,
}: {
  title: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      paddingTop={6}
      paddingBottom={6}
      paddingLeft={7}
      paddingRight={7}
      tag="section"
      aria-label={title}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="delta" tag="h2">
            {title}
          </Typography>
          {hint ? (
            <Typography variant="pi" textColor="neutral600">
              {hint}
            </Typography>
          ) : null}
        </Flex>
        {children}
      </Flex>
    </Box>
  );
}

/**
 * The re-pin planner: which entries (filters), which boards, at what pace, with what fresh titles
 * and
 * images — and the plan as a timeline before anything starts.
 */
export function PlannerPage() {
  const t = useT();
  const navigate = useNavigate();
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const { toggleNotification } = useNotification();
  const { options, error: optionsError } = useCampaignOptions();
  const { boards } = useBoards(true);
  // several accounts: the campaign's account (null: the default one) and its boards
  const accounts = useCampaignAccounts();
  const [accountId, setAccountId] = useState<number | null>(null);
  const [name, setName] = useState(t('planner.defaultName', 'Back catalogue re-pin'));
  // opened with filters chosen elsewhere, e.g. Settings → Content types' "never pinned" entries:
  // `?contentType=…&publishedBefore=…`
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => ({
    contentType: params.get('contentType') ?? '',
    locale: null,
    publishedAfter: dateParam(params.get('publishedAfter')),
    publishedBefore: dateParam(params.get('publishedBefore')),
    notPinnedForDays: 30,
    hasMedia: true,
    onBoardId: null,
  }));
  const [boardRows, setBoardRows] = useState<BoardRow[]>([
    { key: 0, boardId: null, boardSectionId: null },
  ]);
  const [entryBoard, setEntryBoard] = useState(false);
  const [pacing, setPacing] = useState<PacingForm>(defaultPacing);
  const [titleTemplates, setTitleTemplates] = useState('');
  const [descriptionTemplates, setDescriptionTemplates] = useState('');
  const [imageField, setImageField] = useState<string | null>(null);
  const [freshDesigns, setFreshDesigns] = useState(false);
  const [starting, setStarting] = useState(false);

  const contentType = filters.contentType || options?.contentTypes[0]?.uid || '';
  const type = options?.contentTypes.find((c) => c.uid === contentType);
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));

  const input: CampaignInputWire | null = useMemo(() => {
    const chosen = boardRows
      .filter((b) => b.boardId)
      .map((b) => ({ boardId: b.boardId!, boardSectionId: b.boardSectionId }));
    const all = [...(entryBoard ? [{ boardId: 'entry' as const }] : []), ...chosen];
    if (!contentType || !all.length) return null;
    return {
      name: name.trim() || 'Re-pin',
      selection: {
        contentType,
        ...(type?.localized && filters.locale && { locale: filters.locale }),
        ...(filters.publishedAfter && { publishedAfter: filters.publishedAfter.toISOString() }),
        ...(filters.publishedBefore && { publishedBefore: filters.publishedBefore.toISOString() }),
        ...(filters.notPinnedForDays && { notPinnedForDays: filters.notPinnedForDays }),
        ...(filters.hasMedia && { hasMedia: true }),
        ...(filters.onBoardId && { onBoardId: filters.onBoardId }),
      },
      boards: all,
      ...(accountId !== null && { accountId }),
      pacing: toPacing(pacing),
      freshness: {
        titleTemplates: lines(titleTemplates),
        descriptionTemplates: lines(descriptionTemplates),
        imageField,
        ...(freshDesigns && { freshDesigns: true }),
      },
    };
  }, [
    accountId,
    boardRows,
    contentType,
    descriptionTemplates,
    entryBoard,
    filters,
    freshDesigns,
    imageField,
    name,
    pacing,
    titleTemplates,
    type,
  ]);
  const { preview, error, loading } = usePlanPreview(input, 600);

  const start = async () => {
    if (!input) return;
    setStarting(true);
    try {
      const campaign = await api.createCampaign(input);
      toggleNotification({
        type: 'success',
        message: t('bulk.started', 'Campaign “{name}” started.', { name: campaign.name }),
      });
      navigate(`${CAMPAIGNS_PATH}/${campaign.id}`);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorText(e) });
    } finally {
      setStarting(false);
    }
  };

  if (optionsError) return <Page.Error />;
  if (!options) return <Page.Loading />;
  const placeholders = (type?.textFields ?? []).map((f) => `{${f}}`).join(' ');

  return (
    <Page.Main>
      <Page.Title>{t('planner.title', 'New re-pin campaign')}</Page.Title>
      <Layouts.Header
        title={t('planner.title', 'New re-pin campaign')}
        subtitle={t(
          'planner.subtitle',
          'Fresh pins for old posts, paced so Pinterest sees steady activity, never a burst.'
        )}
        navigationAction={
          <Link tag={NavLink} to={CAMPAIGNS_PATH} startIcon={<ArrowLeft />}>
            {t('planner.back', 'Campaigns')}
          </Link>
        }
        primaryAction={
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
        }
      />
      <Layouts.Content>
        <Grid.Root gap={6}>
          <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
            <Flex direction="column" alignItems="stretch" gap={6}>
              <Section
                title={t('planner.entries', 'Entries')}
                hint={t(
                  'planner.entries.hint',
                  'Published entries matching every filter; they are read page by page, however many there are.'
                )}
              >
                <Grid.Root gap={4}>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="planner-name">
                      <Field.Label>{t('campaign.name', 'Campaign name')}</Field.Label>
                      <TextInput
                        value={name}
                        onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                          setName(e.target.value)
                        }
                      />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <SelectField
                      name="planner-contentType"
                      label={t('planner.contentType', 'Content type')}
                      value={contentType}
                      onChange={(v) => setFilters((f) => ({ ...f, contentType: v, locale: null }))}
                      options={options.contentTypes.map((c) => ({
                        value: c.uid,
                        label: c.displayName,
                      }))}
                    />
                  </Grid.Item>
                  {type?.localized ? (
                    <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                      <SelectField
                        name="planner-locale"
                        label={t('planner.locale', 'Locale')}
                        value={
                          filters.locale ?? options.locales.find((l) => l.isDefault)?.code ?? ''
                        }
                        onChange={(v) => setFilter('locale', v)}
                        options={options.locales.map((l) => ({ value: l.code, label: l.name }))}
                      />
                    </Grid.Item>
                  ) : null}
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="planner-publishedAfter">
                      <Field.Label>{t('planner.publishedAfter', 'Published after')}</Field.Label>
                      <DatePicker
                        value={filters.publishedAfter ?? undefined}
                        clearLabel={t('campaign.pacing.clear', 'Clear')}
                        onChange={(d: Date | undefined) => setFilter('publishedAfter', d ?? null)}
                        onClear={() => setFilter('publishedAfter', null)}
                      />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="planner-publishedBefore">
                      <Field.Label>{t('planner.publishedBefore', 'Published before')}</Field.Label>
                      <DatePicker
                        value={filters.publishedBefore ?? undefined}
                        clearLabel={t('campaign.pacing.clear', 'Clear')}
                        onChange={(d: Date | undefined) => setFilter('publishedBefore', d ?? null)}
                        onClear={() => setFilter('publishedBefore', null)}
                      />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Field.Root
                      name="planner-notPinned"
                      hint={t('planner.notPinned.hint', 'Empty: pinned entries are re-pinned too')}
                    >
                      <Field.Label>
                        {t('planner.notPinned', 'Not pinned in the last (days)')}
                      </Field.Label>
                      <NumberInput
                        value={filters.notPinnedForDays ?? undefined}
                        onValueChange={(v: number | undefined) =>
                          setFilter('notPinnedForDays', v && v > 0 ? Math.round(v) : null)
                        }
                      />
                      <Field.Hint />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <SelectField
                      name="planner-onBoard"
                      label={t('planner.onBoard', 'Currently on board')}
                      value={filters.onBoardId ?? ''}
                      onChange={(v) => setFilter('onBoardId', v || null)}
                      options={[
                        { value: '', label: t('planner.onBoard.any', 'Any board') },
                        ...(boards ?? []).map((b) => ({ value: b.id, label: b.name })),
                      ]}
                    />
                  </Grid.Item>
                  <Grid.Item col={12} direction="column" alignItems="stretch">
                    <Checkbox
                      checked={filters.hasMedia}
                      onCheckedChange={(c: boolean | 'indeterminate') =>
                        setFilter('hasMedia', c === true)
                      }
                    >
                      {t('planner.hasMedia', 'Only entries with a hero image')}
                    </Checkbox>
                  </Grid.Item>
                </Grid.Root>
              </Section>

              <Section
                title={t('planner.boards', 'Boards')}
                hint={t(
                  'planner.boards.hint',
                  'Each entry gets one new pin on each board, spaced by the days between two pins of a link.'
                )}
              >
                <CampaignAccountField
                  name="planner-account"
                  accounts={accounts}
                  value={accountId}
                  onChange={(next) => {
                    // a board belongs to one account: the boards are chosen again
                    setAccountId(next);
                    setBoardRows([{ key: Date.now(), boardId: null, boardSectionId: null }]);
                  }}
                />
                {boardRows.map((row, i) => (
                  <Flex key={row.key} gap={2} alignItems="flex-end">
                    <Box flex="1">
                      <BoardPicker
                        key={accountId ?? 'default'}
                        accountId={accountId}
                        name={`planner-board-${i}`}
                        boardId={row.boardId}
                        sectionId={row.boardSectionId}
                        onChange={(next) =>
                          setBoardRows((rows) =>
                            rows.map((r) => (r.key === row.key ? { ...r, ...next } : r))
                          )
                        }
                      />
                    </Box>
                    {boardRows.length > 1 ? (
                      <IconButton
                        label={t('planner.board.remove', 'Remove this board')}
                        variant="ghost"
                        onClick={() =>
                          setBoardRows((rows) => rows.filter((r) => r.key !== row.key))
                        }
                      >
                        <Trash />
                      </IconButton>
                    ) : null}
                  </Flex>
                ))}
                <Flex gap={4} wrap="wrap">
                  <Button
                    variant="secondary"
                    startIcon={<Plus />}
                    disabled={boardRows.length >= 10}
                    onClick={() =>
                      setBoardRows((rows) => [
                        ...rows,
                        { key: Date.now(), boardId: null, boardSectionId: null },
                      ])
                    }
                  >
                    {t('planner.board.add', 'Add a board')}
                  </Button>
                  <Checkbox
                    checked={entryBoard}
                    onCheckedChange={(c: boolean | 'indeterminate') => setEntryBoard(c === true)}
                  >
                    {t('planner.entryBoard', 'Also each entry’s own board')}
                  </Checkbox>
                </Flex>
              </Section>

              <Section
                title={t('campaign.pacing.title', 'Pacing')}
                hint={t(
                  'planner.pacing.hint',
                  'Pinterest flags bursts of pins to the same link as spam: slow and steady wins.'
                )}
              >
                <PacingFields name="planner-pacing" value={pacing} onChange={setPacing} />
              </Section>

              <Section
                title={t('planner.freshness', 'Freshness')}
                hint={t(
                  'planner.freshness.hint',
                  'Pinterest favours new content: a new title, description or image for each pin. One template per line, taken in turn; the entry’s fields go in braces: {fields}',
                  { fields: placeholders }
                )}
              >
                <SeoVariantsButton
                  contentType={contentType}
                  locale={filters.locale}
                  onFill={(v) => {
                    setTitleTemplates((s) =>
                      [s.trim(), ...v.titleTemplates].filter(Boolean).join('\n')
                    );
                    setDescriptionTemplates((s) =>
                      [s.trim(), ...v.descriptionTemplates].filter(Boolean).join('\n')
                    );
                  }}
                />
                <Field.Root name="planner-titles">
                  <Field.Label>{t('planner.titleTemplates', 'Title variants')}</Field.Label>
                  <Textarea
                    value={titleTemplates}
                    placeholder="{title} — worth a second look"
                    onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
                      setTitleTemplates(e.target.value)
                    }
                  />
                </Field.Root>
                <Field.Root name="planner-descriptions">
                  <Field.Label>
                    {t('planner.descriptionTemplates', 'Description variants')}
                  </Field.Label>
                  <Textarea
                    value={descriptionTemplates}
                    onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
                      setDescriptionTemplates(e.target.value)
                    }
                  />
                </Field.Root>
                <SelectField
                  name="planner-image"
                  label={t('planner.imageField', 'Image from')}
                  hint={t(
                    'planner.imageField.hint',
                    'With several images, each pin takes the next one'
                  )}
                  value={imageField ?? ''}
                  onChange={(v) => setImageField(v || null)}
                  options={[
                    {
                      value: '',
                      label: t('planner.imageField.default', 'The hero image ({field})', {
                        field: type?.defaultMediaField ?? '',
                      }),
                    },
                    ...(type?.mediaFields ?? [])
                      .filter((f) => f !== type?.defaultMediaField)
                      .map((f) => ({ value: f, label: f })),
                  ]}
                />
                <Field.Root
                  name="planner-freshDesigns"
                  hint={t(
                    'design.fresh.hint',
                    'Each pin gets its own 2:3 design from the entry: the templates in turn, then with the other brand colour, so no two pins of a link share an image. Rendered when each pin is due.'
                  )}
                >
                  <Checkbox
                    checked={freshDesigns}
                    onCheckedChange={(c: boolean | 'indeterminate') => setFreshDesigns(c === true)}
                  >
                    {t('design.fresh.toggle', 'A new design for each re-pin')}
                  </Checkbox>
                  <Field.Hint />
                </Field.Root>
              </Section>
            </Flex>
          </Grid.Item>
          <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
            <Box position="sticky" top={0} width="100%">
              {input ? (
                <>
                  <PlanSummary
                    preview={preview}
                    loading={loading}
                    error={error}
                    showFirst={!freshDesigns}
                  />
                  {freshDesigns && preview ? (
                    <FreshPinsPreview
                      preview={preview}
                      contentType={contentType}
                      locale={type?.localized ? filters.locale : null}
                    />
                  ) : null}
                </>
              ) : (
                <Box background="neutral100" padding={4} hasRadius>
                  <Typography textColor="neutral600">
                    {t('planner.chooseBoard', 'Choose at least one board to see the plan.')}
                  </Typography>
                </Box>
              )}
            </Box>
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
    </Page.Main>
  );
}
