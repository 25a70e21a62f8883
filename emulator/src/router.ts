/**
 * Routes one HTTP request: the control API (/_emulator/), the authorize pages (/oauth/), served
 * media
 * (/_media/), and the recorded traffic, the API (/v5/) and uploads (/_upload/), where faults apply.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, callerKey, route, runApi } from './api';
import { controlRoute } from './control-routes';
import type { EmulatorCore } from './core';
import { faultAnswers, faultBody, type ActiveFault } from './faults';
import { BodyTooLarge, parseBody, readBody, redactHeaders, send, type Reply } from './http-util';
import { authorizePage } from './oauth-pages';
import type { RecordedRequest } from './request-log';
import { handleUpload } from './upload';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function oauthPage(core: EmulatorCore, req: IncomingMessage, url: URL): Promise<Reply> {
  const form =
    req.method === 'POST'
      ? new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'))
      : null;
  const answer = authorizePage(core.state, req.method ?? 'GET', url, form, core.now().getTime());
  if (answer.location) return { status: answer.status, headers: { location: answer.location } };
  return {
    status: answer.status,
    body: answer.html,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  };
}

function mediaFile(core: EmulatorCore, req: IncomingMessage, url: URL): Reply {
  const file = core.state.files.get(decodeURIComponent(url.pathname.slice('/_media/'.length)));
  if (!file || (req.method !== 'GET' && req.method !== 'HEAD'))
    return { status: 404, body: { code: 404, message: 'Not found.' } };
  return {
    status: 200,
    body: req.method === 'HEAD' ? undefined : file.bytes,
    headers: { 'content-type': file.mime, 'cache-control': 'public, max-age=31536000, immutable' },
  };
}

/** A media status a fault rule imposes on GET /v5/media/{id}. */
function applyMediaFault(
  core: EmulatorCore,
  fault: ActiveFault | null,
  operationId: string | undefined,
  url: URL
) {
  if (!fault?.mediaStatus || operationId !== 'media/get') return;
  const media = core.state.media.get(url.pathname.split('/').pop() ?? '');
  if (media) {
    media.status = fault.mediaStatus;
    media.processingPolls = 0;
  }
}

async function recorded(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  isUpload: boolean
) {
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    // a repeated parameter (`pin_ids=1&pin_ids=2`) is kept, its values joined with commas
    query: Object.fromEntries(
      [...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.getAll(k).join(',')])
    ),
    headers: redactHeaders(req.headers),
    body: undefined,
    status: null,
    time: core.now().toISOString(),
  };
  const caller = bearerToken(core, req.headers.authorization);
  if (caller) record.userId = caller.userId;
  core.requests.push(record);
  core.logRequest?.(`[emulator] ${record.method} ${record.path}${url.search}`);

  let raw: Buffer = Buffer.alloc(0);
  const found = isUpload ? null : route(req, url);
  if (found) {
    if (found.op) record.operationId = found.op.operationId;
    try {
      raw = await readBody(req);
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e;
      record.status = 413;
      return send(res, { status: 413, body: { code: 413, message: 'Request entity too large.' } });
    }
    const parsed = parseBody(raw, req.headers['content-type']);
    record.body = parsed.ok ? parsed.value : parsed.raw;
    if (found.op) core.limiter.observe(callerKey(core, found.op, req), found.op.category);
  }

  const fault = core.faults.take(record.method, record.path);
  if (fault) record.fault = fault.id;
  const answersFirst = fault && !fault.after && faultAnswers(fault);
  if (fault?.delayMs && !fault.after) await sleep(fault.delayMs);
  if (answersFirst) {
    if (isUpload) req.resume();
    if (fault.destroySocket) {
      req.socket.destroy();
      return;
    }
    const f = faultBody(fault);
    record.status = f.status;
    return send(res, f);
  }
  applyMediaFault(core, fault, record.operationId, url);

  let reply: Reply;
  if (isUpload) {
    const outcome = await handleUpload(req, core.state);
    record.body = outcome.received;
    reply =
      outcome.status === 204
        ? { status: 204 }
        : {
            status: outcome.status,
            body: outcome.xml,
            headers: { 'content-type': 'application/xml' },
          };
  } else {
    reply = await runApi(core, req, url, found!, raw, record);
  }

  if (fault?.after) {
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.destroySocket) {
      req.socket.destroy();
      return;
    }
    if (faultAnswers(fault)) reply = faultBody(fault);
  }
  record.status = reply.status;
  send(res, reply);
}

export function createRouter(core: EmulatorCore) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    try {
      const p = url.pathname;
      if (p.startsWith('/_emulator/')) return send(res, await controlRoute(core, req, url));
      if (p === '/oauth' || p === '/oauth/') return send(res, await oauthPage(core, req, url));
      if (p.startsWith('/_media/')) return send(res, mediaFile(core, req, url));
      if (p.startsWith('/v5/') || p === '/v5') return await recorded(core, req, res, url, false);
      if (p.startsWith('/_upload/')) return await recorded(core, req, res, url, true);
      req.resume();
      return send(res, {
        status: 404,
        body: { code: 404, message: `Not found: ${req.method} ${p}` },
      });
    } catch (e) {
      console.error('[emulator] error', e);
      send(res, {
        status: 500,
        body: { code: 500, message: `Emulator error: ${(e as Error).message}` },
      });
    }
  };
}
