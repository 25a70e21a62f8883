import type { Environment } from '../../../common/wire';

/**
 * Production and sandbox keep separate tokens; any other API URL (the emulator, a proxy) is
 * `custom`.
 */
export function environmentOf(apiUrl: string): Environment {
  const host = new URL(apiUrl).hostname;
  if (host === 'api-sandbox.pinterest.com') return 'sandbox';
  if (host === 'api.pinterest.com') return 'production';
  return 'custom';
}
