import type { FieldError } from '../../api';

/** The form's fields a problem can be shown under. */
export type SetupField =
  | 'enabled'
  | 'title'
  | 'description'
  | 'content'
  | 'media'
  | 'altText'
  | 'link'
  | 'missingLink'
  | 'pinOnPublish'
  | 'board'
  | 'onUnpublish';

const FIELD_OF: Record<string, SetupField> = {
  linkPattern: 'link',
  linkFromPreview: 'link',
  defaultBoardId: 'board',
  defaultBoardSectionId: 'board',
};

/**
 * The problems by the field they belong to (`['title', '1']` → title; the server's `linkPattern`
 * → link), joined when a field has several; what belongs to no field is under `other`.
 */
export function errorsByField(errors: FieldError[]): {
  byField: Partial<Record<SetupField, string>>;
  other: string[];
} {
  const byField: Partial<Record<SetupField, string>> = {};
  const other: string[] = [];
  const known = new Set<string>([
    'enabled',
    'title',
    'description',
    'content',
    'media',
    'altText',
    'link',
    'missingLink',
    'pinOnPublish',
    'onUnpublish',
  ]);
  for (const e of errors) {
    const head = e.path[0] ?? '';
    const field = FIELD_OF[head] ?? (known.has(head) ? (head as SetupField) : null);
    if (!field) {
      other.push(e.path.length ? `${e.path.join('.')}: ${e.message}` : e.message);
      continue;
    }
    // a list's index says nothing to a reader; a locale's pattern does (`patterns.fr`)
    const rest = e.path.slice(1).filter((p) => !/^\d+$/.test(p));
    const where = rest.length ? `${rest.join('.')}: ` : '';
    byField[field] = byField[field]
      ? `${byField[field]} ${where}${e.message}`
      : `${where}${e.message}`;
  }
  return { byField, other };
}
