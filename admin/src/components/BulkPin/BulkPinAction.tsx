import { useMemo } from 'react';
import { Pin } from '@strapi/icons';
import { useQueryParams } from '@strapi/strapi/admin';
import type { BulkActionComponent } from '@strapi/content-manager/strapi-admin';
import { PERMISSIONS } from '../../permissions';
import { useRights } from '../../hooks/useRights';
import { useT } from '../../utils/useT';
import { useCampaignOptions } from '../Campaign/useCampaigns';
import { BulkPinDialog } from './BulkPinDialog';

/**
 * "Pin to Pinterest…" in the Content Manager's list view, for the selected entries of a content
 * type
 * that pins, shown to admins allowed to re-pin in bulk.
 */
export const BulkPinAction: BulkActionComponent = ({ documents, model }) => {
  const t = useT();
  const { allowedActions } = useRights({ canRepin: PERMISSIONS.bulkRepin });
  const { options } = useCampaignOptions(allowedActions.canRepin);
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  const locale = query?.plugins?.i18n?.locale ?? null;
  const documentIds = documents.map((d) => d.documentId);
  const key = documentIds.join(',');
  // the dialog's content must stay the same component while it is open (its state lives inside)
  const Content = useMemo(
    () =>
      function BulkPinContent({ onClose }: { onClose: () => void }) {
        return (
          <BulkPinDialog
            model={model}
            documentIds={key.split(',')}
            locale={locale}
            onClose={onClose}
          />
        );
      },
    [model, key, locale]
  );

  if (!allowedActions.canRepin || !options?.contentTypes.some((c) => c.uid === model)) return null;
  return {
    label: t('bulk.action', 'Pin to Pinterest…'),
    icon: <Pin />,
    variant: 'secondary',
    dialog: {
      type: 'modal',
      title: t('bulk.title', 'Pin {count, plural, one {# entry} other {# entries}} to Pinterest', {
        count: documents.length,
      }),
      content: Content,
    },
  };
};
