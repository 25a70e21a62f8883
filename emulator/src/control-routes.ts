/**
 * The test/demo control API under /_emulator/ (JSON): reset, seed, flags, request log, state
 * snapshot, faults, clock, direct token issuing, rate statistics and off-spec answers.
 */
import type { IncomingMessage } from 'node:http';
import type { EmulatorCore } from './core';
import { readBody, type Reply } from './http-util';
import { issueTokens } from './oauth';
import { boardJson, mediaStatusJson, pinJson, sectionJson } from './render';
import { filterRequests } from './request-log';
import { applySeed, DEFAULT_SCOPE } from './seed';
import { checkFlags, findUser, parseScopeList } from './state';

const redact = (token: string) => `${token.slice(0, 4)}…`;

class ControlError extends Error {}

/** Everything the emulator keeps, as JSON; tokens cut to their first 4 characters. */
export function snapshot(core: EmulatorCore) {
  const { state } = core;
  return {
    now: core.now().toISOString(),
    app: {
      client_id: state.app.client_id,
      name: state.app.name,
      redirect_uris: state.app.redirect_uris,
    },
    user: state.user,
    users: [...state.users.values()],
    boards: [...state.boards.values()].map((b) => ({
      ...boardJson(state, b),
      owner_id: b.ownerId,
      sections: [...state.sections.values()].filter((s) => s.boardId === b.id).map(sectionJson),
    })),
    sections: [...state.sections.values()].map((s) => ({ ...sectionJson(s), board_id: s.boardId })),
    pins: [...state.pins.values()].map((p) => ({
      ...pinJson(state, p, p.ownerId),
      owner_id: p.ownerId,
    })),
    media: [...state.media.values()].map((m) => ({
      ...mediaStatusJson(m),
      owner_id: m.ownerId,
      uploaded_bytes: m.uploadedBytes,
      created_at: m.created_at,
    })),
    tokens: [...state.tokens.values()].map((t) => ({
      token: redact(t.token),
      kind: t.kind,
      user_id: t.userId,
      scope: t.scopes.join(' '),
      expires_at: t.expiresAt === null ? null : new Date(t.expiresAt).toISOString(),
      revoked: t.revoked,
    })),
    flags: state.flags,
    strictAnswers: core.strictAnswers,
    rateLimits: state.rateLimits,
    faults: core.faults.list(),
  };
}

function issueForTest(core: EmulatorCore, body: Record<string, unknown>) {
  if (body.user !== undefined && typeof body.user !== 'string')
    throw new ControlError('user must be a user id or username');
  const user = body.user === undefined ? core.state.user : findUser(core.state, body.user);
  if (!user) throw new ControlError(`unknown user ${body.user}`);
  if (body.expires_in !== undefined && typeof body.expires_in !== 'number')
    throw new ControlError('expires_in must be a number of seconds');
  if (
    body.access_token !== undefined &&
    (typeof body.access_token !== 'string' || !body.access_token)
  )
    throw new ControlError('access_token must be a non-empty string');
  return issueTokens(core.state, {
    userId: user.id,
    clientId: core.state.app.client_id,
    scopes: parseScopeList(body.scope ?? DEFAULT_SCOPE),
    now: core.now().getTime(),
    responseType: 'authorization_code',
    accessToken: body.access_token,
    accessTtlSeconds: body.expires_in,
  });
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const raw = await readBody(req, 10 * 1024 * 1024);
  if (!raw.length) return undefined;
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ControlError('the body must be a JSON object');
}

export async function controlRoute(
  core: EmulatorCore,
  req: IncomingMessage,
  url: URL
): Promise<Reply> {
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  try {
    const body = await jsonBody(req);
    switch (route) {
      case 'POST /_emulator/reset':
        core.reset(body);
        return { status: 200, body: { ok: true } };
      case 'POST /_emulator/seed':
        applySeed(core.state, body ?? {}, core.now().getTime());
        return {
          status: 200,
          body: {
            ok: true,
            users: core.state.users.size,
            boards: core.state.boards.size,
            pins: core.state.pins.size,
          },
        };
      case 'GET /_emulator/requests':
        return {
          status: 200,
          body: filterRequests(core.requests, {
            path: url.searchParams.get('path'),
            method: url.searchParams.get('method'),
          }),
        };
      case 'DELETE /_emulator/requests':
        core.requests.length = 0;
        return { status: 204 };
      case 'GET /_emulator/state':
        return { status: 200, body: snapshot(core) };
      case 'GET /_emulator/faults':
        return { status: 200, body: core.faults.list() };
      case 'POST /_emulator/faults':
        if (!body) throw new ControlError('the body must be a fault rule');
        return { status: 201, body: core.faults.add(body) };
      case 'DELETE /_emulator/faults':
        core.faults.clear();
        return { status: 204 };
      case 'POST /_emulator/clock': {
        const value = body?.now;
        if (
          value !== null &&
          value !== undefined &&
          (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
        )
          throw new ControlError('now must be an ISO date-time or null');
        core.setClock(value ? new Date(value) : null);
        return { status: 200, body: { now: core.now().toISOString(), frozen: Boolean(value) } };
      }
      case 'POST /_emulator/tokens':
        return { status: 201, body: issueForTest(core, body ?? {}) };
      case 'GET /_emulator/flags':
        return { status: 200, body: core.state.flags };
      case 'POST /_emulator/flags':
        if (!body) throw new ControlError('the body must be an object of flags');
        core.state.flags = { ...core.state.flags, ...checkFlags(body) };
        return { status: 200, body: core.state.flags };
      case 'GET /_emulator/spec-mismatches':
        return { status: 200, body: core.specMismatches };
      case 'DELETE /_emulator/spec-mismatches':
        core.specMismatches.length = 0;
        return { status: 204 };
      case 'GET /_emulator/stats':
        return { status: 200, body: core.limiter.stats() };
      default:
        return { status: 404, body: { code: 404, message: `No control route ${route}.` } };
    }
  } catch (e) {
    if (
      e instanceof ControlError ||
      (e instanceof Error && /^(seed:|flags:|probability|times)/.test(e.message))
    )
      return { status: 400, body: { code: 1, message: e.message } };
    throw e;
  }
}
