import { useCallback, useState } from 'react';
import type { BrandSettings, BrandSettingsDTO } from '../../../common/designs';
import { isApiError, useApiErrorText, useApiQuery, usePinterestApi } from '../api';

/**
 * The brand of designed pins (`GET/PUT /pinterest/settings/brand`). `forbidden`: this admin may
 * not read the settings (the colours are then shown by name only).
 */
export function useDesignBrand() {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const loaded = useApiQuery(api.getBrand);
  const [saved, setSaved] = useState<BrandSettingsDTO | null>(null);
  const save = useCallback(
    async (next: BrandSettings) => {
      setSaved(await api.saveBrand(next));
    },
    [api]
  );
  const forbidden = isApiError(loaded.error) && loaded.error.status === 403;
  return {
    brand: saved ?? loaded.data,
    loading: loaded.loading,
    forbidden,
    error: loaded.error && !forbidden ? errorText(loaded.error) : null,
    save,
  };
}
