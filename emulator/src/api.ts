/**
 * The /v5 pipeline: route to an operation of the spec, authenticate (Bearer token + scopes, or
 * Basic client auth on /oauth/token*), rate-limit, validate against the spec, run the handler, and
 * check the answer against the spec's response schema (strict mode answers a mismatch as a 500;
 * otherwise it is logged; either way it is noted on the request record and in the core's
 * `specMismatches`).
 */
import type { IncomingMessage } from 'node:http';
import { ApiError, authFailed, invalid, notPermitted, rateLimited } from './api-error';
import type { EmulatorCore } from './core';
import { analyticsHandlers } from './handlers/analytics';
import { boardHandlers } from './handlers/boards';
import type { Answer, Handler, HandlerContext } from './handlers/context';
import { mediaHandlers } from './handlers/media';
import { pinHandlers } from './handlers/pins';
import { termsHandlers } from './handlers/terms';
import { userAccountHandlers } from './handlers/user-account';
import { parseBody, type Reply } from './http-util';
import type { RecordedRequest } from './request-log';
import { basicClient, revokeEndpoint, tokenEndpoint } from './oauth';
import {
  checkResponse,
  findOperation,
  operations,
  validateRequest,
  type Operation,
} from './spec-validator';
import type { TokenRec, UserAccount } from './state';

const HANDLERS: Record<string, Handler> = {
  ...userAccountHandlers,
  ...boardHandlers,
  ...pinHandlers,
  ...mediaHandlers,
  ...analyticsHandlers,
  ...termsHandlers,
  'oauth/token': tokenEndpoint,
  'token/revoke': revokeEndpoint,
};

const unhandled = operations.filter((op) => !HANDLERS[op.operationId]).map((op) => op.operationId);
if (unhandled.length) throw new Error(`emulator: no handler for ${unhandled.join(', ')}`);

/**
 * The live token a Bearer header names, or null (missing, unknown, revoked, expired, or a refresh
 * token).
 */
export function bearerToken(core: EmulatorCore, header: string | undefined): TokenRec | null {
  const token = /^Bearer (\S+)$/i.exec(header ?? '')?.[1];
  const rec = token ? core.state.tokens.get(token) : undefined;
  if (!rec || rec.kind !== 'access' || rec.revoked) return null;
  if (rec.expiresAt !== null && rec.expiresAt <= core.now().getTime()) return null;
  return rec;
}

/** Who a request counts against for rate limits and stats. */
export function callerKey(core: EmulatorCore, op: Operation | null, req: IncomingMessage): string {
  if (op?.basicAuth) return `app:${core.state.app.client_id}`;
  return bearerToken(core, req.headers.authorization)?.userId ?? 'anonymous';
}

export type Route =
  { op: Operation; match: RegExpExecArray } | { op: null; methodMismatch: boolean };

export const route = (req: IncomingMessage, url: URL): Route =>
  findOperation(req.method ?? 'GET', url.pathname);

export async function runApi(
  core: EmulatorCore,
  req: IncomingMessage,
  url: URL,
  found: Route,
  raw: Buffer,
  record: RecordedRequest
): Promise<Reply> {
  let reply: Reply;
  try {
    reply = await pipeline(core, req, url, found, raw);
  } catch (e) {
    if (!(e instanceof ApiError)) {
      console.error('[emulator] handler error', e);
      return {
        status: 500,
        body: { code: 500, message: `Emulator error: ${(e as Error).message}` },
      };
    }
    reply = { status: e.status, body: e.body(), headers: e.headers };
  }
  return found.op ? checkAnswer(core, found.op, reply, record) : reply;
}

/**
 * Checks the emulator's own answer (success or error) against the operation's response schema. A
 * mismatch is noted on the request record and in `core.specMismatches`; in strict mode the client
 * gets a 500 naming it instead of the answer, otherwise the answer goes out with a warning.
 */
function checkAnswer(
  core: EmulatorCore,
  op: Operation,
  reply: Reply,
  record: RecordedRequest
): Reply {
  if (!core.state.flags.validateResponses) return reply;
  const problem = checkResponse(op, reply.status, reply.body);
  if (!problem) return reply;
  record.specMismatch = problem;
  core.specMismatches.push({
    method: record.method,
    path: record.path,
    operationId: op.operationId,
    status: reply.status,
    problem,
    time: core.now().toISOString(),
  });
  if (!core.strictAnswers) {
    console.warn(`[emulator] answer does not match the spec: ${problem}`);
    return reply;
  }
  const message = `[emulator] answer breaks the spec: ${problem} (${record.method} ${record.path})`;
  console.error(message);
  return { status: 500, body: { code: 500, message } };
}

async function pipeline(
  core: EmulatorCore,
  req: IncomingMessage,
  url: URL,
  found: Route,
  raw: Buffer
): Promise<Reply> {
  if (!found.op) {
    return found.methodMismatch
      ? {
          status: 405,
          body: { code: 405, message: `Method ${req.method} is not allowed on ${url.pathname}.` },
        }
      : {
          status: 404,
          body: { code: 404, message: `Endpoint not found: ${req.method} ${url.pathname}` },
        };
  }
  const { op, match } = found;
  const { state } = core;

  let user: UserAccount | null = null;
  let token: TokenRec | null = null;
  if (op.basicAuth) basicClient(state, req.headers.authorization);
  else {
    token = bearerToken(core, req.headers.authorization);
    user = token ? (state.users.get(token.userId) ?? null) : null;
    if (!token || !user) throw authFailed();
    if (op.scopes.some((s) => !token!.scopes.includes(s))) throw notPermitted();
  }

  const caller = callerKey(core, op, req);
  const own = user ? state.userRateLimits.get(user.id) : undefined;
  const limits = own ? { ...state.rateLimits, ...own } : state.rateLimits;
  const decision = core.limiter.check(caller, op.category, limits);
  if (!decision.allowed) throw rateLimited(decision.headers);

  const parsed = parseBody(raw, req.headers['content-type']);
  if (!parsed.ok) throw invalid('body is not valid JSON');
  const valid = validateRequest(op, match, url, req.headers['content-type'], parsed.value);
  if (!valid.ok) throw invalid(valid.message);

  const ctx: HandlerContext = {
    state,
    now: () => core.now(),
    baseUrl: core.baseUrl,
    path: valid.path,
    query: valid.query,
    body: (valid.body as Record<string, unknown>) ?? {},
    headers: req.headers,
    user,
    token,
  };
  const answer: Answer = await HANDLERS[op.operationId](ctx);
  return { ...answer, headers: { ...decision.headers, ...answer.headers } };
}
