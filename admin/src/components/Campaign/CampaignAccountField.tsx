import type { AccountDTO } from '../../../../common/wire';
import { useT } from '../../utils/useT';
import { SelectField } from '../shared/SelectField';

const nameOf = (a: AccountDTO) =>
  a.username ? `${a.displayName ?? a.username} (@${a.username})` : (a.displayName ?? `#${a.id}`);

/**
 * The account a campaign pins with (its boards are that account's). Shown only when more than one
 * account is connected; the empty choice is the default account, named.
 */
export function CampaignAccountField({
  name,
  accounts,
  value,
  onChange,
}: {
  name: string;
  accounts: AccountDTO[];
  value: number | null;
  onChange: (accountId: number | null) => void;
}) {
  const t = useT();
  if (accounts.length < 2) return null;
  const fallback = accounts.find((a) => a.isDefault) ?? accounts[0];
  return (
    <SelectField
      name={name}
      label={t('planner.account', 'Pinterest account')}
      hint={t(
        'planner.account.hint',
        'The campaign pins with this account, onto its boards: choosing another one clears the boards.'
      )}
      value={value === null ? '' : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      options={[
        {
          value: '',
          label: t('planner.account.default', 'Default account ({name})', {
            name: nameOf(fallback),
          }),
        },
        ...accounts.map((a) => ({ value: String(a.id), label: nameOf(a) })),
      ]}
    />
  );
}
