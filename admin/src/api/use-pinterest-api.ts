import { useMemo } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { createPinterestApi } from './pinterest-api';

/**
 * The plugin's API client over Strapi's fetch client (which carries the admin's session and is
 * aborted when the component unmounts). Stable for the component's life.
 */
export function usePinterestApi() {
  const http = useFetchClient();
  return useMemo(() => createPinterestApi(http), [http]);
}
