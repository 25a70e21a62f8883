import { Badge, Box, Flex, LinkButton, Typography } from '@strapi/design-system';
import { Pencil } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import type { ContentTypeSetupDTO } from '../../../../common/content-types';
import { NeverPinnedNote, NoFieldNote } from '../../components/ContentTypeSetup/TypeNotes';
import { DataTable } from '../../components/shared/DataTable';
import { useT } from '../../utils/useT';
import { contentTypeSetupPath } from './paths';

/** How the page names where a type's setup comes from. */
export function useSourceText() {
  const t = useT();
  return (source: ContentTypeSetupDTO['source']) =>
    source === 'code'
      ? t('ct.source.code', 'Configured in code — read-only')
      : source === 'admin'
        ? t('ct.source.admin', 'Set up here')
        : t('ct.source.none', 'Not set up');
}

export function CodeReason() {
  const t = useT();
  return (
    <Typography variant="pi" textColor="neutral600">
      {t(
        'ct.source.code.reason',
        'It is set up in the site’s code (the plugin’s configuration file), which wins over Settings: a developer changes it there.'
      )}
    </Typography>
  );
}

/** Every content type of the app: what it is, whether it pins, and where its setup comes from. */
export function ContentTypeList({
  contentTypes,
  canManage,
  canPlan,
}: {
  contentTypes: ContentTypeSetupDTO[];
  canManage: boolean;
  canPlan: boolean;
}) {
  const t = useT();
  const sourceText = useSourceText();
  const yesNo = (v: boolean) => (v ? t('field.on', 'Yes') : t('field.off', 'No'));

  return (
    <Page.Main>
      <Page.Title>{t('ct.title', 'Pinterest content types')}</Page.Title>
      <Layouts.Header
        title={t('ct.title', 'Pinterest content types')}
        subtitle={t(
          'ct.subtitle',
          'Choose which content types pin and what their pins are made of. A type set up in the site’s code is shown read-only: the code wins.'
        )}
      />
      <Layouts.Content>
        {contentTypes.length === 0 ? (
          <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
            <Typography textColor="neutral600">
              {t('ct.empty', 'This app has no content type yet.')}
            </Typography>
          </Box>
        ) : (
          <DataTable
            rows={contentTypes}
            rowKey={(ct) => ct.uid}
            columns={[
              {
                key: 'name',
                header: t('ct.column.name', 'Content type'),
                cell: (ct) => (
                  <Flex direction="column" alignItems="flex-start">
                    <Typography fontWeight="semiBold">{ct.displayName}</Typography>
                    <Typography variant="pi" textColor="neutral600">
                      {ct.uid}
                    </Typography>
                  </Flex>
                ),
              },
              {
                key: 'kind',
                header: t('ct.column.kind', 'Kind'),
                cell: (ct) => (
                  <Typography>
                    {ct.kind === 'singleType'
                      ? t('ct.kind.single', 'Single type')
                      : t('ct.kind.collection', 'Collection type')}
                  </Typography>
                ),
              },
              {
                key: 'draftAndPublish',
                header: t('ct.column.draftAndPublish', 'Draft & publish'),
                cell: (ct) => <Typography>{yesNo(ct.draftAndPublish)}</Typography>,
              },
              {
                key: 'localized',
                header: t('ct.column.localized', 'Localized'),
                cell: (ct) => <Typography>{yesNo(ct.localized)}</Typography>,
              },
              {
                key: 'pins',
                header: t('ct.column.pins', 'Pins'),
                cell: (ct) => (
                  <Badge active={ct.enabled}>
                    {ct.enabled ? t('ct.pins.on', 'On') : t('ct.pins.off', 'Off')}
                  </Badge>
                ),
              },
              {
                // where the setup comes from, then what to know about the type (no Pinterest
                // field, entries never pinned): one wrapping column keeps the table on screen
                key: 'source',
                header: t('ct.column.source', 'Setup'),
                cellStyle: { whiteSpace: 'normal', minWidth: '220px' },
                cell: (ct) => (
                  <Flex direction="column" alignItems="flex-start" gap={2}>
                    <Typography fontWeight={ct.source ? 'semiBold' : undefined}>
                      {sourceText(ct.source)}
                    </Typography>
                    {ct.source === 'code' ? <CodeReason /> : null}
                    {ct.pinField ? null : <NoFieldNote uid={ct.uid} />}
                    <NeverPinnedNote contentType={ct} canPlan={canPlan} />
                  </Flex>
                ),
              },
              {
                key: 'action',
                header: t('ct.column.action', 'Actions'),
                hideHeader: true,
                cell: (ct) => (
                  <LinkButton
                    tag={NavLink}
                    to={contentTypeSetupPath(ct.uid)}
                    variant="tertiary"
                    size="S"
                    startIcon={<Pencil />}
                    aria-label={
                      ct.source === 'code' || !canManage
                        ? t('ct.view', 'View {name}', { name: ct.displayName })
                        : ct.source
                          ? t('ct.edit', 'Edit {name}', { name: ct.displayName })
                          : t('ct.setUp', 'Set up {name}', { name: ct.displayName })
                    }
                  >
                    {ct.source === 'code' || !canManage
                      ? t('ct.action.view', 'View')
                      : ct.source
                        ? t('ct.action.edit', 'Edit')
                        : t('ct.action.setUp', 'Set up')}
                  </LinkButton>
                ),
              },
            ]}
          />
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
