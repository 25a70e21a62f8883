import { useCallback } from 'react';
import { Alert } from '@strapi/design-system';
import { useApiQuery } from '../../api/use-api-query';
import { useT } from '../../utils/useT';
import { useLinksApi } from './links-api';
import { useLinkText } from './useLinkText';

/**
 * The side panel's flag: one of the entry's live pins links to a page the scan found broken —
 * what it answered and the fix. Nothing otherwise.
 */
export function EntryLinkFlag({
  contentType,
  documentId,
}: {
  contentType: string;
  documentId: string | undefined;
}) {
  const t = useT();
  const api = useLinksApi();
  const text = useLinkText();
  const load = useCallback(
    () => (documentId ? api.forEntry(contentType, documentId) : Promise.resolve([])),
    [api, contentType, documentId]
  );
  const { data } = useApiQuery(load);
  const broken = data?.find((l) => l.linkStatus === 'broken');
  if (!broken) return null;
  const problems = broken.check?.problems.filter((p) => p.code !== 'NOT_HTTPS') ?? [];
  return (
    <Alert
      variant="danger"
      closeLabel={t('close', 'Close')}
      title={t('links.flag.title', 'The pin’s link is broken')}
      data-testid="entry-link-flag"
    >
      {[
        ...problems.map((p) => text.problem(broken.check!, p)),
        t(
          'links.broken.fix',
          'If an entry’s address changed (a slug edit), publish the entry again: its pin is updated with the new link (or use Re-pin where Pinterest refuses edits). Otherwise fix the page, or change the entry’s link and publish.'
        ),
      ].join(' ')}
    </Alert>
  );
}
