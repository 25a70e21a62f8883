import { Box, Flex, Typography } from '@strapi/design-system';
import type { AccountDTO, BoardDTO, ContentTypeDefaultsDTO } from '../../../../common/wire';
import { useAccountBoards } from '../../hooks/useConnection';
import { useT } from '../../utils/useT';
import { useAccountName } from './AccountsList';
import { DefaultBoardFields } from '../shared/DefaultBoardFields';
import { SelectField } from '../shared/SelectField';

type LocaleDefaults = NonNullable<ContentTypeDefaultsDTO['localeDefaults']>;

interface Props {
  value: ContentTypeDefaultsDTO;
  /** The site's accounts (more than one connected: otherwise this is not shown). */
  accounts: AccountDTO[];
  /** The default account's boards. */
  boards: BoardDTO[] | null;
  /** The site's locales, for a localized type (null: not loaded, or not localized). */
  locales: { code: string; name: string }[] | null;
  disabled: boolean;
  onChange: (v: ContentTypeDefaultsDTO) => void;
}

/** The boards of an account (the default account's are given). */
function useBoardsOf(
  accountId: number | null,
  accounts: AccountDTO[],
  defaultBoards: BoardDTO[] | null
) {
  const isDefault = accountId === null || accounts.find((a) => a.isDefault)?.id === accountId;
  const own = useAccountBoards(isDefault ? null : accountId);
  return isDefault ? { boards: defaultBoards, error: null } : own;
}

/**
 * The accounts to choose from: the connected ones, and the chosen one whatever its state (a
 * disconnected account stays visible, named so, while it is chosen).
 */
function useAccountOptions(accounts: AccountDTO[], emptyLabel: string, chosen: number | null) {
  const t = useT();
  const name = useAccountName();
  return [
    { value: '', label: emptyLabel },
    ...accounts
      .filter((a) => a.source === 'oauth' && (a.status !== 'disconnected' || a.id === chosen))
      .map((a) => ({
        value: String(a.id),
        label:
          a.status === 'connected'
            ? name(a)
            : t('field.account.notConnected', '{name} ({status})', {
                name: name(a),
                status: t(`accounts.status.${a.status}`, a.status),
              }),
      })),
  ];
}

/** One locale: its account (empty: the type's) and a board of that account (empty: the type's). */
function LocaleRow({
  uid,
  locale,
  typeAccountId,
  entry,
  accounts,
  boards: defaultBoards,
  disabled,
  onChange,
}: {
  uid: string;
  locale: { code: string; name: string };
  typeAccountId: number | null;
  entry: LocaleDefaults[string] | undefined;
  accounts: AccountDTO[];
  boards: BoardDTO[] | null;
  disabled: boolean;
  onChange: (next: LocaleDefaults[string] | null) => void;
}) {
  const t = useT();
  const accountId = entry?.accountId ?? null;
  const effective = accountId ?? typeAccountId;
  const { boards, error } = useBoardsOf(effective, accounts, defaultBoards);
  const options = useAccountOptions(
    accounts,
    t('defaults.locale.sameAsType', 'As the content type'),
    accountId
  );
  const set = (next: { accountId: number | null; boardId: string | null }) =>
    onChange(next.accountId === null && next.boardId === null ? null : next);
  const label = `${locale.name} (${locale.code})`;
  return (
    <Flex gap={4} alignItems="flex-start" wrap="wrap">
      <Box flex="1" minWidth="240px">
        <SelectField
          name={`${uid}.localeDefaults.${locale.code}.accountId`}
          label={t('defaults.locale.account', 'Account for {locale}', { locale: label })}
          value={accountId === null ? '' : String(accountId)}
          disabled={disabled}
          options={options}
          // a board belongs to one account: another account's board is chosen anew
          onChange={(v) => set({ accountId: v ? Number(v) : null, boardId: null })}
        />
      </Box>
      <Box flex="1" minWidth="240px">
        <SelectField
          name={`${uid}.localeDefaults.${locale.code}.boardId`}
          label={t('defaults.locale.board', 'Board for {locale}', { locale: label })}
          error={
            error
              ? t('boards.error', 'Boards could not be loaded: {message}', { message: error })
              : undefined
          }
          value={entry?.boardId ?? ''}
          disabled={disabled || !boards}
          options={[
            {
              value: '',
              label:
                accountId === null
                  ? t('defaults.locale.sameAsType', 'As the content type')
                  : t('defaults.board.none', 'No default board'),
            },
            ...(boards ?? []).map((b) => ({ value: b.id, label: b.name })),
          ]}
          onChange={(v) => set({ accountId, boardId: v || null })}
        />
      </Box>
    </Flex>
  );
}

/**
 * Several accounts, per content type: its account (empty: the default one) and that account's
 * default board and section; for a localized type, an account and board per locale.
 */
export function AccountDefaults({
  value,
  accounts,
  boards: defaultBoards,
  locales,
  disabled,
  onChange,
}: Props) {
  const t = useT();
  const name = useAccountName();
  const accountId = value.defaultAccountId ?? null;
  const { boards, error } = useBoardsOf(accountId, accounts, defaultBoards);
  const defaultAccount = accounts.find((a) => a.isDefault);
  const options = useAccountOptions(
    accounts,
    t('defaults.account.default', 'Default account ({name})', {
      name: defaultAccount ? name(defaultAccount) : '—',
    }),
    accountId
  );
  const localeDefaults = value.localeDefaults ?? {};
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <SelectField
        name={`${value.uid}.defaultAccountId`}
        label={t('defaults.account', 'Account')}
        hint={t(
          'defaults.account.hint',
          'Entries of this type pin to this account unless their locale or their editor chooses another one. Its boards are listed below.'
        )}
        value={accountId === null ? '' : String(accountId)}
        disabled={disabled}
        options={options}
        onChange={(v) =>
          onChange({
            ...value,
            defaultAccountId: v ? Number(v) : null,
            defaultBoardId: null,
            defaultBoardSectionId: null,
          })
        }
      />
      <DefaultBoardFields
        namePrefix={value.uid}
        boards={boards}
        accountId={accountId}
        error={
          error
            ? t('boards.error', 'Boards could not be loaded: {message}', { message: error })
            : undefined
        }
        placeholder={t('defaults.board.none', 'No default board')}
        defaultBoardId={value.defaultBoardId}
        defaultBoardSectionId={value.defaultBoardSectionId}
        disabled={disabled}
        onChange={(board) => onChange({ ...value, ...board })}
      />
      {value.localized && locales?.length ? (
        <Flex
          direction="column"
          alignItems="stretch"
          gap={3}
          tag="fieldset"
          aria-label={t('defaults.locales', 'Per locale')}
        >
          <Typography variant="sigma" textColor="neutral600">
            {t('defaults.locales', 'Per locale')}
          </Typography>
          {locales.map((locale) => (
            <LocaleRow
              key={locale.code}
              uid={value.uid}
              locale={locale}
              typeAccountId={accountId}
              entry={localeDefaults[locale.code]}
              accounts={accounts}
              boards={defaultBoards}
              disabled={disabled}
              onChange={(next) => {
                const rest = { ...localeDefaults };
                delete rest[locale.code];
                onChange({
                  ...value,
                  localeDefaults: next ? { ...rest, [locale.code]: next } : rest,
                });
              }}
            />
          ))}
        </Flex>
      ) : null}
    </Flex>
  );
}
