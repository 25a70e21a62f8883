/**
 * Small HTTP helpers: bounded body reading, body parsing, answers with a request id, header
 * redaction.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

export class BodyTooLarge extends Error {}

/**
 * Reads the whole body (up to `limit` bytes; beyond it, drains the rest and rejects with
 * BodyTooLarge).
 */
export function readBody(req: IncomingMessage, limit = 40 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      total += c.length;
      if (total > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () =>
      over
        ? reject(new BodyTooLarge(`body larger than ${limit} bytes`))
        : resolve(Buffer.concat(chunks))
    );
    req.on('error', reject);
  });
}

export const mediaType = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0].trim().toLowerCase();

export type ParsedBody = { ok: true; value: unknown } | { ok: false; raw: string };

/**
 * JSON or form bodies; `undefined` when empty; other types stay text (the validator names the right
 * type).
 */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { ok: true, value: undefined };
  const text = raw.toString('utf8');
  const type = mediaType(contentType);
  if (type === 'application/x-www-form-urlencoded')
    return { ok: true, value: Object.fromEntries(new URLSearchParams(text)) };
  if (type === 'application/json' || type.endsWith('+json') || type === '') {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, raw: text };
    }
  }
  return { ok: true, value: text };
}

export const newRequestId = () => randomBytes(8).toString('hex');

export interface Reply {
  status: number;
  /** JSON (objects), text/HTML/XML (strings, with a content-type header), or nothing. */
  body?: unknown;
  headers?: Record<string, string>;
}

export function send(res: ServerResponse, reply: Reply) {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { 'x-pinterest-rid': newRequestId(), ...reply.headers };
  let payload: string | Buffer | undefined;
  if (Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (typeof reply.body === 'string') payload = reply.body;
  else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] = 'application/json';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/**
 * Header values for the request log: the Authorization credential cut to its first 4 characters +
 * '…'.
 */
export function redactHeaders(h: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    const value = Array.isArray(v) ? v.join(', ') : (v ?? '');
    if (k === 'authorization') {
      const [scheme, credential = ''] = value.split(/\s+/, 2);
      out[k] = credential ? `${scheme} ${credential.slice(0, 4)}…` : `${value.slice(0, 4)}…`;
    } else out[k] = value;
  }
  return out;
}
