import { PinError } from '../errors/pin-error';
import { MediaStatusError } from '../net/safe-fetch';
import { checkRemoteImage } from './image-check';
import type { MediaSourceContext } from './media-source';

const NOT_AN_IMAGE_ADVICE =
  'The address of this entry’s image does not answer with the image itself (a web page, a login or error page, another format): check that the file opens at its public address (upload provider, CDN or public URL settings) or choose another image, then try again.';

/** A 4xx answer is as definite for Pinterest as for us; 408 and 429 only say "not now". */
const definiteStatus = (status: number) =>
  status >= 400 && status < 500 && ![408, 429].includes(status);

/**
 * Before an entry's hero goes to Pinterest as `image_url`, its first bytes are read through the
 * SSRF-safe downloader and sniffed, as the posts API does: an address that answers a web page, or
 * an error such as 404, would cost a write and a 400 from Pinterest.
 * - an image (JPEG, PNG, WebP, GIF): nothing to say;
 * - an answer that is not one, too large, or a definite HTTP error: a PinError that stops the job
 *   with its reason, before any write;
 * - no answer (network failure, timeout, 5xx, a name that resolves to a private address here, as
 *   with split-horizon DNS): Pinterest fetches the address itself, as before, and its answer is
 *   classified as usual.
 */
export async function assertHeroAnswersImage(url: URL, ctx: MediaSourceContext): Promise<void> {
  try {
    await checkRemoteImage(url.toString(), {
      allowlist: ctx.allowlist,
      timeoutMs: ctx.timeoutMs,
      limits: ctx.downloads,
      advice: NOT_AN_IMAGE_ADVICE,
    });
  } catch (e) {
    if (!(e instanceof PinError)) return;
    if (e.code === 'MEDIA_UNSUPPORTED' || e.code === 'MEDIA_TOO_LARGE') throw e;
    if (e instanceof MediaStatusError && definiteStatus(e.status)) throw e;
  }
}
