import { useCallback, useState } from 'react';
import type { SeoStatusDTO, TrendRegion } from '../../../common/seo';
import { useApiQuery, usePinterestApi } from '../api';

/** Whether Pinterest's keyword data is available (Settings' notice) and the default region. */
export function useSeoStatus(enabled: boolean) {
  const api = usePinterestApi();
  const [version, setVersion] = useState(0);
  const [saved, setSaved] = useState<SeoStatusDTO | null>(null);
  const query = useApiQuery(enabled ? api.seoStatus : null, version);
  const save = useCallback(
    async (patch: { defaultRegion?: TrendRegion; noticeDismissed?: boolean }) => {
      setSaved(await api.saveSeoSettings(patch));
      setVersion((v) => v + 1);
    },
    [api]
  );
  return { status: saved ?? query.data, error: query.error, save };
}

/** The live pins with the lowest checklist scores. */
export function useSeoWeakest(enabled: boolean) {
  const api = usePinterestApi();
  const load = useCallback(() => api.seoWeakest(10), [api]);
  return useApiQuery(enabled ? load : null);
}
