/**
 * Video uploads: register (POST /media), the S3-style upload (../upload.ts), then poll GET
 * /media/{id}.
 */
import { createHash } from 'node:crypto';
import { mediaNotFound } from '../api-error';
import { paginate } from '../pagination';
import { mediaStatusJson } from '../render';
import { newId, type MediaRec } from '../state';
import { caller, ok, type Handler, type HandlerContext } from './context';

export const UPLOAD_BUCKET_PATH = '/_upload/pinterest-media-upload/';

function ownMedia(ctx: HandlerContext, id: string): MediaRec {
  const m = ctx.state.media.get(id);
  if (!m || m.ownerId !== caller(ctx).id) throw mediaNotFound();
  return m;
}

/**
 * After the upload, `processing` for `mediaProcessingPolls` GETs, then `succeeded` (or `failed`).
 */
export function advanceMedia(m: MediaRec, processingPolls: number) {
  if (m.status !== 'processing') return;
  if (m.processingPolls >= processingPolls) m.status = m.willFail ? 'failed' : 'succeeded';
  else m.processingPolls += 1;
}

export const mediaHandlers: Record<string, Handler> = {
  'media/create': (ctx) => {
    const user = caller(ctx);
    const id = newId(ctx.state);
    const now = ctx.now();
    const amzDate = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const key = `uploads/${user.id}/${id}`;
    const policy = Buffer.from(
      JSON.stringify({
        expiration: new Date(now.getTime() + 3_600_000).toISOString(),
        conditions: [{ bucket: 'pinterest-media-upload' }, { key }],
      })
    ).toString('base64');
    const upload_parameters: Record<string, string> = {
      'x-amz-date': amzDate,
      'x-amz-signature': createHash('sha256').update(`${policy}|${id}`).digest('hex'),
      'x-amz-security-token': Buffer.from(`emulator-session-${id}`).toString('base64'),
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      key,
      policy,
      'x-amz-credential': `ASIAEMULATOR/${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`,
      'Content-Type': 'multipart/form-data',
    };
    const media: MediaRec = {
      media_id: id,
      ownerId: user.id,
      media_type: 'video',
      status: 'registered',
      upload_parameters,
      uploadedBytes: null,
      processingPolls: 0,
      willFail: false,
      created_at: now.toISOString(),
    };
    ctx.state.media.set(id, media);
    return ok(
      {
        media_id: id,
        media_type: 'video',
        upload_url: `${ctx.baseUrl}${UPLOAD_BUCKET_PATH}`,
        upload_parameters,
      },
      201
    );
  },
  'media/get': (ctx) => {
    const m = ownMedia(ctx, ctx.path.media_id);
    advanceMedia(m, ctx.state.flags.mediaProcessingPolls);
    return ok(mediaStatusJson(m));
  },
  'media/list': (ctx) => {
    const user = caller(ctx);
    const page = paginate(
      [...ctx.state.media.values()].filter((m) => m.ownerId === user.id).reverse(),
      ctx.query
    );
    return ok({ items: page.items.map(mediaStatusJson), bookmark: page.bookmark });
  },
};
