import { Box, Flex } from '@strapi/design-system';
import type { BoardDTO } from '../../../../common/wire';
import { useT } from '../../utils/useT';
import { SectionSelect } from '../SectionSelect';
import { SelectField } from './SelectField';

export interface DefaultBoard {
  defaultBoardId: string | null;
  defaultBoardSectionId: string | null;
}

interface Props extends DefaultBoard {
  /** Prefix of the two fields' names (e.g. the content type's uid); none: plain names. */
  namePrefix?: string;
  /** The account's boards; null while they load or when no account is connected. */
  boards: BoardDTO[] | null;
  /** The account the boards and sections belong to (absent: the default account). */
  accountId?: number | null;
  /** The board field's error, already in words. */
  error?: string;
  /**
   * What the empty board choice says (default: "No default board", or while there are no boards
   * "Connect an account to choose a board").
   */
  placeholder?: string;
  disabled?: boolean;
  /** A new board clears the section. */
  onChange: (next: DefaultBoard) => void;
}

/**
 * A default board and section, side by side: the content type's, a locale's, or a type's on one
 * account (Settings → Pinterest and the Content types page).
 */
export function DefaultBoardFields(props: Props) {
  const t = useT();
  const { boards, disabled } = props;
  const name = (field: string) => (props.namePrefix ? `${props.namePrefix}.${field}` : field);
  return (
    <Flex gap={4} alignItems="flex-start" wrap="wrap">
      <Box flex="1" minWidth="240px">
        <SelectField
          name={name('defaultBoardId')}
          label={t('defaults.board', 'Default board')}
          error={props.error}
          value={props.defaultBoardId ?? ''}
          disabled={disabled || !boards}
          placeholder={
            props.placeholder ??
            (boards
              ? t('defaults.board.none', 'No default board')
              : t('defaults.board.loading', 'Connect an account to choose a board'))
          }
          clear={{
            label: t('defaults.board.clear', 'Clear the default board'),
            onClear: () => props.onChange({ defaultBoardId: null, defaultBoardSectionId: null }),
          }}
          onChange={(v) => props.onChange({ defaultBoardId: v, defaultBoardSectionId: null })}
          options={(boards ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
      </Box>
      <Box flex="1" minWidth="240px">
        <SectionSelect
          name={name('defaultBoardSectionId')}
          label={t('defaults.section', 'Default section')}
          boardId={props.defaultBoardId}
          accountId={props.accountId ?? null}
          value={props.defaultBoardSectionId}
          disabled={disabled}
          onChange={(defaultBoardSectionId) =>
            props.onChange({ defaultBoardId: props.defaultBoardId, defaultBoardSectionId })
          }
        />
      </Box>
    </Flex>
  );
}
