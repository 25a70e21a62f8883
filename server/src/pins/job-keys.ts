/** Job kinds and keys. A key names the work, so asking twice for the same work never makes two jobs. */
export const JOB_KINDS = {
  pinEntry: 'pin.entry',
} as const;

export const NO_LOCALE = 'default';

export interface EntryRef {
  contentType: string;
  documentId: string;
  locale: string;
}

export const entryKeyPrefix = (contentType: string, documentId: string) => `${JOB_KINDS.pinEntry}:${contentType}:${documentId}:`;

export const pinEntryJobKey = (ref: EntryRef) => `${entryKeyPrefix(ref.contentType, ref.documentId)}${ref.locale}`;
