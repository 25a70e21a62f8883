import type { LookupFunction } from 'node:net';
import type { DownloadLimits } from '../net/download-clock';
import { checkRemoteImage as checkImage } from '../media/image-check';

export { sniffImage } from '../media/image-check';

/**
 * The posts API's check of an image URL before Pinterest is given it (see `checkRemoteImage` in
 * media/image-check.ts), with advice for the API caller.
 */
export const checkRemoteImage = (
  url: string,
  opts: {
    allowlist: readonly string[];
    timeoutMs: number;
    lookup?: LookupFunction;
    limits?: Partial<DownloadLimits>;
  }
): Promise<{ url: string; mime: string }> =>
  checkImage(url, {
    ...opts,
    advice:
      'Give the URL of a JPEG, PNG, WebP or GIF image (or "type": "video" with an MP4/MOV video), then post again.',
  });
