import { useState } from 'react';
import { Page } from '@strapi/strapi/admin';
import { Route, Routes, useNavigate, useParams } from 'react-router-dom';
import type { ContentTypeSetupDTO } from '../../../../common/content-types';
import { useContentTypeSetups } from '../../hooks/useContentTypeSetups';
import { PERMISSIONS } from '../../permissions';
import { useRights } from '../../hooks/useRights';
import { ContentTypeList } from './ContentTypeList';
import { ContentTypeSetupPage } from './ContentTypeSetupPage';
import { CONTENT_TYPES_PATH } from './paths';

interface Rights {
  canManage: boolean;
  canPlan: boolean;
}

/** One type's setup page, keyed by the type so that its form starts afresh for each. */
function SetupRoute({
  contentTypes,
  rights,
  onSaved,
}: {
  contentTypes: ContentTypeSetupDTO[];
  rights: Rights;
  onSaved: (saved: ContentTypeSetupDTO) => void;
}) {
  const { uid } = useParams();
  const navigate = useNavigate();
  const ct = contentTypes.find((c) => c.uid === uid);
  if (!ct) return <Page.Error />;
  return (
    <ContentTypeSetupPage
      key={ct.uid}
      contentType={ct}
      {...rights}
      onSaved={(saved) => {
        onSaved(saved);
        navigate(CONTENT_TYPES_PATH);
      }}
    />
  );
}

/**
 * Settings → Pinterest → Content types: every content type (the list) and each one's setup
 * (`:uid`). Those with settings.read see it; only settings.manage changes anything.
 */
export default function ContentTypesSettings() {
  const { allowedActions, isLoading } = useRights({
    canRead: PERMISSIONS.readSettings,
    canManage: PERMISSIONS.manageSettings,
    canRepin: PERMISSIONS.bulkRepin,
  });
  const { contentTypes: loaded, error } = useContentTypeSetups();
  // what a save answered replaces the type as loaded
  const [saved, setSaved] = useState<Record<string, ContentTypeSetupDTO>>({});

  if (isLoading || (!loaded && !error)) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;
  if (!loaded) return <Page.Error />;
  const contentTypes = loaded.map((c) => saved[c.uid] ?? c);
  const rights = { canManage: allowedActions.canManage, canPlan: allowedActions.canRepin };
  return (
    <Routes>
      <Route index element={<ContentTypeList contentTypes={contentTypes} {...rights} />} />
      <Route
        path=":uid"
        element={
          <SetupRoute
            contentTypes={contentTypes}
            rights={rights}
            onSaved={(ct) => setSaved((s) => ({ ...s, [ct.uid]: ct }))}
          />
        }
      />
    </Routes>
  );
}
