import type { AccountDTO } from '../../../../common/wire';
import { useT } from '../../utils/useT';
import { useAccountName } from '../Settings/AccountsList';
import { SelectField } from '../shared/SelectField';

export interface AccountSelectProps {
  name: string;
  /** The site's accounts (GET /pinterest/accounts). */
  accounts: AccountDTO[];
  /** The field's account; null: the routed one. */
  value: number | null;
  /** The account the entry pins to when the field names none (null: the default account). */
  routedAccountId: number | null;
  disabled?: boolean;
  onChange: (accountId: number | null) => void;
}

/** Whether the field offers a choice of account: only with more than one connected account. */
export const offersAccountChoice = (accounts: AccountDTO[] | null): accounts is AccountDTO[] =>
  (accounts ?? []).filter((a) => a.source === 'oauth' && a.status === 'connected').length > 1;

/**
 * Several accounts: the account an entry pins to. The empty choice is the one routing picks (its
 * locale's or type's account, else the default account), named.
 */
export function AccountSelect({
  name,
  accounts,
  value,
  routedAccountId,
  disabled,
  onChange,
}: AccountSelectProps) {
  const t = useT();
  const accountName = useAccountName();
  const routed =
    accounts.find((a) => a.id === routedAccountId) ?? accounts.find((a) => a.isDefault) ?? null;
  // a disconnected account stays listed only while the field names it (so the choice is visible)
  const choices = accounts.filter(
    (a) => a.source === 'oauth' && (a.status !== 'disconnected' || a.id === value)
  );
  const label = (a: AccountDTO) =>
    a.status === 'connected'
      ? accountName(a)
      : t('field.account.notConnected', '{name} ({status})', {
          name: accountName(a),
          status: t(`accounts.status.${a.status}`, a.status),
        });
  return (
    <SelectField
      name={`${name}.accountId`}
      label={t('field.account', 'Pinterest account')}
      hint={t('field.account.hint', 'Changing the account moves the pin: choose its board again.')}
      value={value === null ? '' : String(value)}
      disabled={disabled}
      onChange={(v) => onChange(v ? Number(v) : null)}
      options={[
        {
          value: '',
          // the site's default account, or the one the entry's locale or type routes it to
          label:
            routed && !routed.isDefault
              ? t('field.account.routed', 'Default for this entry ({name})', {
                  name: accountName(routed),
                })
              : t('field.account.default', 'Default account ({name})', {
                  name: routed ? accountName(routed) : '—',
                }),
        },
        ...choices.map((a) => ({ value: String(a.id), label: label(a) })),
      ]}
    />
  );
}
