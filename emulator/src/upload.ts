/**
 * The S3-style upload a `upload_url` points at: POST multipart/form-data with every
 * upload_parameters
 * field, then the file as the field named `file`, last; no Authorization header; 204 on success,
 * S3-style XML errors otherwise. The file is streamed and counted, never held in memory.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { EmulatorState } from './state';
import { looksLikeVideo } from './video-probe';

export interface UploadOutcome {
  status: 204 | 400 | 403;
  /** S3's XML error document when status ≠ 204. */
  xml?: string;
  /** What arrived, for the request log. */
  received: {
    fields: Record<string, string>;
    file: { field: string; filename: string; mimeType: string; bytes: number } | null;
  };
  mediaId?: string;
}

const MAX_FILE_BYTES = 2 * 1024 ** 3;

const s3Error = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message.replace(/[<&>]/g, (c) => `&#${c.charCodeAt(0)};`)}</Message><RequestId>EMULATOR</RequestId></Error>`;

export function handleUpload(req: IncomingMessage, state: EmulatorState): Promise<UploadOutcome> {
  const received: UploadOutcome['received'] = { fields: {}, file: null };
  const fail = (status: 400 | 403, code: string, message: string): UploadOutcome => ({
    status,
    xml: s3Error(code, message),
    received,
  });
  return new Promise((resolve) => {
    const done = (outcome: UploadOutcome) => {
      req.unpipe();
      req.resume(); // drain whatever is left so the client sees the answer
      resolve(outcome);
    };
    if (req.method !== 'POST')
      return done(
        fail(
          400,
          'InvalidRequest',
          `${req.method} is not supported: upload with a POST (browser-based upload).`
        )
      );
    if (req.headers.authorization)
      return done(
        fail(
          400,
          'InvalidArgument',
          'POST requests with a policy must not carry an Authorization header.'
        )
      );
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { fileSize: MAX_FILE_BYTES, files: 1, fieldSize: 64 * 1024 },
      });
    } catch {
      return done(
        fail(
          400,
          'PreconditionFailed',
          'Bucket POST must be of the enclosure-type multipart/form-data.'
        )
      );
    }
    let fieldAfterFile: string | null = null;
    let head = Buffer.alloc(0);
    let tooLarge = false;
    bb.on('field', (name, value) => {
      if (received.file) fieldAfterFile ??= name;
      received.fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      const file = { field: name, filename: info.filename, mimeType: info.mimeType, bytes: 0 };
      if (!received.file) received.file = file;
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 64) head = Buffer.concat([head, chunk.subarray(0, 64 - head.length)]);
        file.bytes += chunk.length;
      });
      stream.on('limit', () => {
        tooLarge = true;
      });
    });
    bb.on('error', () =>
      done(
        fail(
          400,
          'MalformedPOSTRequest',
          'The body of your POST request is not well-formed multipart/form-data.'
        )
      )
    );
    bb.on('close', () => {
      if (tooLarge)
        return done(
          fail(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.')
        );
      const file = received.file;
      if (!file || file.field !== 'file')
        return done(
          fail(
            400,
            'InvalidArgument',
            'POST requires exactly one file upload per request, in the field named "file".'
          )
        );
      if (fieldAfterFile)
        return done(
          fail(
            400,
            'InvalidArgument',
            `The file must be the last field in the form; "${fieldAfterFile}" came after it.`
          )
        );
      const media = [...state.media.values()].find(
        (m) => m.upload_parameters.key === received.fields.key
      );
      if (!media)
        return done(
          fail(
            403,
            'AccessDenied',
            'Invalid according to Policy: Policy Condition failed: ["eq", "$key"]'
          )
        );
      for (const [k, v] of Object.entries(media.upload_parameters)) {
        if (!(k in received.fields))
          return done(
            fail(
              403,
              'AccessDenied',
              `Invalid according to Policy: Policy Condition failed: the form has no field "${k}"`
            )
          );
        if (received.fields[k] !== v)
          return done(
            fail(
              403,
              'AccessDenied',
              `Invalid according to Policy: Policy Condition failed: ["eq", "$${k}", "${v}"]`
            )
          );
      }
      media.uploadedBytes = file.bytes;
      media.status = 'processing';
      media.processingPolls = 0;
      media.willFail = state.flags.mediaProcessingFails || !looksLikeVideo(head);
      done({ status: 204, received, mediaId: media.media_id });
    });
    req.pipe(bb);
  });
}
