import type { PinFieldValue } from '../../../common/pin-field';
import type { ContentTypeMapping } from '../config/schema';

/**
 * Several accounts: which account an entry's pin goes to, and the board when the entry's field
 * names none. The field wins, then the entry's locale, then the content type; null: the default
 * account. A locale's board is used only with the account it belongs to (the field naming another
 * account keeps the type's board out too: a board id belongs to one Pinterest user). Pure.
 */
export function routeEntry(
  field: PinFieldValue | null,
  mapping: Pick<ContentTypeMapping, 'defaultAccountId' | 'localeDefaults' | 'defaultBoardId'>,
  locale: string
): { accountId: number | null; defaultBoardId: string | undefined } {
  const byLocale = mapping.localeDefaults?.[locale];
  const typeAccount = mapping.defaultAccountId ?? null;
  const localeAccount = byLocale?.accountId ?? typeAccount;
  const accountId = field?.accountId ?? localeAccount;
  if (accountId !== localeAccount) return { accountId, defaultBoardId: undefined };
  const defaultBoardId =
    byLocale?.boardId ?? (localeAccount === typeAccount ? mapping.defaultBoardId : undefined);
  return { accountId, defaultBoardId: defaultBoardId ?? undefined };
}
