import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { PinError } from '../errors/pin-error';

export interface UploadTarget {
  /** Pinterest's `upload_url` (an S3 bucket). */
  url: string;
  /** Pinterest's `upload_parameters`: every one goes into the form, in order, before the file. */
  fields: Record<string, string>;
}

export interface UploadFile {
  size: number;
  filename: string;
  contentType: string;
  stream: () => Readable;
}

const CRLF = '\r\n';
const quote = (s: string) => s.replace(/["\r\n\\]/g, (c) => encodeURIComponent(c));

/**
 * The multipart/form-data body S3's browser-based upload expects: every field, then the file last.
 * Streamed: the file is never held in memory, and the length is known up front (S3 wants it).
 */
export function multipartBody(
  target: UploadTarget,
  file: UploadFile
): { boundary: string; length: number; body: Readable } {
  const boundary = `----strapi-plugin-pinterest-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    Object.entries(target.fields)
      .map(
        ([k, v]) =>
          `--${boundary}${CRLF}Content-Disposition: form-data; name="${quote(k)}"${CRLF}${CRLF}${v}${CRLF}`
      )
      .join('') +
      `--${boundary}${CRLF}Content-Disposition: form-data; name="file"; filename="${quote(file.filename)}"${CRLF}Content-Type: ${file.contentType}${CRLF}${CRLF}`
  );
  const tail = Buffer.from(`${CRLF}--${boundary}--${CRLF}`);
  async function* parts() {
    yield head;
    let sent = 0;
    for await (const chunk of file.stream()) {
      sent += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (sent !== file.size)
      throw new PinError(
        'MEDIA_UNREADABLE',
        `The video changed while it was uploaded (${sent} of ${file.size} bytes).`
      );
    yield tail;
  }
  return {
    boundary,
    length: head.length + file.size + tail.length,
    body: Readable.from(parts(), { objectMode: false }),
  };
}

const xmlTag = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];

/**
 * POSTs the video to Pinterest's upload bucket; resolves on S3's 2xx, throws a `PinError`
 * otherwise.
 */
export async function uploadVideo(
  target: UploadTarget,
  file: UploadFile,
  opts: { timeoutMs: number }
): Promise<void> {
  const { boundary, length, body } = multipartBody(target, file);
  let res;
  try {
    res = await request(target.url, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(length),
      },
      body,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
  } catch (e) {
    if (e instanceof PinError) throw e;
    throw new PinError(
      'PINTEREST_UNREACHABLE',
      `The video upload to Pinterest's storage failed (${(e as { code?: string }).code ?? (e as Error).message}).`,
      { outcomeUnknown: false }
    );
  }
  const text = await res.body.text().catch(() => '');
  if (res.statusCode >= 200 && res.statusCode < 300) return;
  const code = xmlTag(text, 'Code') ?? `HTTP ${res.statusCode}`;
  const message = xmlTag(text, 'Message') ?? '';
  if (code === 'EntityTooLarge')
    throw new PinError(
      'MEDIA_TOO_LARGE',
      `Pinterest's storage refused the video as too large (${message}).`
    );
  // an expired or mismatched upload policy: registering the media again gives a fresh one
  throw new PinError(
    'PINTEREST_ERROR',
    `Pinterest's storage refused the video upload: ${code}${message ? ` (${message})` : ''}.`,
    { httpStatus: res.statusCode, outcomeUnknown: false }
  );
}
