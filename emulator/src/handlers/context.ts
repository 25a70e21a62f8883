/**
 * What a handler gets (the validated request, the caller, the state) and the lookups they share.
 */
import { boardNotFound, notPermitted, pinNotFound, sectionNotFound } from '../api-error';
import type { BoardRec, EmulatorState, PinRec, TokenRec, UserAccount } from '../state';

export interface HandlerContext {
  state: EmulatorState;
  now: () => Date;
  /** The emulator's own base URL (upload and media URLs). */
  baseUrl: string;
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** The caller (null on Basic-auth operations). */
  user: UserAccount | null;
  token: TokenRec | null;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: HandlerContext) => Answer | Promise<Answer>;

export const ok = (body: unknown, status = 200): Answer => ({ status, body });

export const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The caller; handlers of Bearer operations always have one. */
export function caller(ctx: HandlerContext): UserAccount {
  if (!ctx.user) throw new Error('handler needs an authenticated user');
  return ctx.user;
}

export const hasScope = (ctx: HandlerContext, scope: string) =>
  Boolean(ctx.token?.scopes.includes(scope));

/** A board the caller may read: their own, or someone else's public board. */
export function findBoard(ctx: HandlerContext, id: string): BoardRec {
  const b = ctx.state.boards.get(id);
  if (!b || (b.ownerId !== caller(ctx).id && b.privacy !== 'PUBLIC')) throw boardNotFound();
  if (b.privacy === 'SECRET' && !hasScope(ctx, 'boards:read_secret')) throw boardNotFound();
  return b;
}

/** A board the caller may write to: their own (403 code 29 for someone else's). */
export function ownBoard(ctx: HandlerContext, id: string): BoardRec {
  const b = findBoard(ctx, id);
  if (b.ownerId !== caller(ctx).id) throw notPermitted();
  return b;
}

export function findPin(ctx: HandlerContext, id: string): PinRec {
  const p = ctx.state.pins.get(id);
  if (!p) throw pinNotFound();
  const board = ctx.state.boards.get(p.board_id);
  if (p.ownerId !== caller(ctx).id && board?.privacy !== 'PUBLIC') throw pinNotFound();
  return p;
}

export function ownPin(ctx: HandlerContext, id: string): PinRec {
  const p = findPin(ctx, id);
  if (p.ownerId !== caller(ctx).id) throw notPermitted();
  return p;
}

/** The section id when it belongs to the board; Pinterest's 2031 otherwise. */
export function checkSection(
  ctx: HandlerContext,
  boardId: string,
  sectionId: unknown,
  notFound = sectionNotFound
): string | null {
  if (sectionId === undefined || sectionId === null) return null;
  // the spec makes section ids strings; anything else names no section
  const section = typeof sectionId === 'string' ? ctx.state.sections.get(sectionId) : undefined;
  if (!section || section.boardId !== boardId) throw notFound();
  return section.id;
}

/** Newest first (ids grow with time; the clock may stand still). */
export const newestFirst = (pins: PinRec[]) =>
  [...pins].sort(
    (a, b) => b.created_at.localeCompare(a.created_at) || (BigInt(b.id) > BigInt(a.id) ? 1 : -1)
  );
