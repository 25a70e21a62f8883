/**
 * Boards and board sections: list (paginated), create, get, update, delete; pins on a board or
 * section (in the order, and with or without section pins, as the flags say).
 */
import { createHash } from 'node:crypto';
import { ApiError, notPermitted } from '../api-error';
import { paginate } from '../pagination';
import { boardJson, pinJson, sectionJson } from '../render';
import { newId, type BoardPrivacy, type BoardRec, type PinRec } from '../state';
import {
  caller,
  checkSection,
  findBoard,
  hasScope,
  newestFirst,
  ok,
  ownBoard,
  str,
  type Handler,
  type HandlerContext,
} from './context';

const nameTaken = () => new ApiError(400, 1, 'The board name is invalid or duplicated.');

function checkName(ctx: HandlerContext, name: string, except?: string) {
  const user = caller(ctx);
  const lower = name.trim().toLowerCase();
  if (
    !lower ||
    [...ctx.state.boards.values()].some(
      (b) => b.ownerId === user.id && b.id !== except && b.name.toLowerCase() === lower
    )
  )
    throw nameTaken();
}

/** A stable pseudo-random place for a pin in the `shuffled` order (the same on every call). */
const shuffleKey = (seed: number, id: string) =>
  createHash('sha256').update(`${seed}:${id}`).digest('hex');

/**
 * The pins of a board (or section) in the order the flags ask for: the spec documents none, so a
 * client must not rely on one. Every order is a fixed order of the pins, so pages never overlap.
 */
function listed(ctx: HandlerContext, filter: (pin: PinRec) => boolean): PinRec[] {
  const newest = newestFirst([...ctx.state.pins.values()].filter(filter));
  const { boardPinsOrder, boardPinsShuffleSeed } = ctx.state.flags;
  if (boardPinsOrder === 'oldest-first') return newest.reverse();
  if (boardPinsOrder === 'shuffled') {
    const keys = new Map(newest.map((p) => [p.id, shuffleKey(boardPinsShuffleSeed, p.id)]));
    return newest.sort((a, b) => keys.get(a.id)!.localeCompare(keys.get(b.id)!));
  }
  return newest;
}

export const boardHandlers: Record<string, Handler> = {
  'boards/list': (ctx) => {
    const user = caller(ctx);
    const privacy = (ctx.query.privacy as string) ?? 'ALL';
    const secrets = hasScope(ctx, 'boards:read_secret');
    const boards = [...ctx.state.boards.values()].filter((b) => {
      if (b.ownerId !== user.id) return false;
      if (b.privacy === 'SECRET' && !secrets) return false;
      if (privacy === 'ALL') return true;
      if (privacy === 'PUBLIC_AND_SECRET') return b.privacy !== 'PROTECTED';
      return b.privacy === privacy;
    });
    const page = paginate(boards, ctx.query);
    return ok({ items: page.items.map((b) => boardJson(ctx.state, b)), bookmark: page.bookmark });
  },
  'boards/create': (ctx) => {
    const user = caller(ctx);
    const adsOnly = ctx.body.is_ads_only === true;
    const name = adsOnly ? 'Ad-only Pins' : String(ctx.body.name);
    const privacy: BoardPrivacy = adsOnly
      ? 'PROTECTED'
      : ((ctx.body.privacy as BoardPrivacy) ?? 'PUBLIC');
    if (privacy === 'SECRET' && !hasScope(ctx, 'boards:write_secret')) throw notPermitted();
    checkName(ctx, name);
    const b: BoardRec = {
      id: newId(ctx.state),
      ownerId: user.id,
      name: name.trim(),
      description: str(ctx.body.description),
      privacy,
      is_ads_only: adsOnly,
      created_at: ctx.now().toISOString(),
    };
    ctx.state.boards.set(b.id, b);
    return ok(boardJson(ctx.state, b), 201);
  },
  'boards/get': (ctx) => ok(boardJson(ctx.state, findBoard(ctx, ctx.path.board_id))),
  'boards/update': (ctx) => {
    const b = ownBoard(ctx, ctx.path.board_id);
    if (ctx.body.privacy === 'SECRET' && !hasScope(ctx, 'boards:write_secret'))
      throw notPermitted();
    if (typeof ctx.body.name === 'string') {
      checkName(ctx, ctx.body.name, b.id);
      b.name = ctx.body.name.trim();
    }
    if (ctx.body.description !== undefined) b.description = str(ctx.body.description);
    if (typeof ctx.body.privacy === 'string') b.privacy = ctx.body.privacy as BoardPrivacy;
    return ok(boardJson(ctx.state, b));
  },
  'boards/delete': (ctx) => {
    const b = ownBoard(ctx, ctx.path.board_id);
    ctx.state.boards.delete(b.id);
    for (const [id, p] of ctx.state.pins) if (p.board_id === b.id) ctx.state.pins.delete(id);
    for (const [id, s] of ctx.state.sections) if (s.boardId === b.id) ctx.state.sections.delete(id);
    return { status: 204 };
  },
  'board_sections/list': (ctx) => {
    const b = findBoard(ctx, ctx.path.board_id);
    const page = paginate(
      [...ctx.state.sections.values()].filter((s) => s.boardId === b.id),
      ctx.query
    );
    return ok({ items: page.items.map(sectionJson), bookmark: page.bookmark });
  },
  'board_sections/create': (ctx) => {
    const b = findBoard(ctx, ctx.path.board_id);
    if (b.ownerId !== caller(ctx).id)
      throw new ApiError(403, 403, 'Not authorized to create board sections.');
    const name = String(ctx.body.name).trim();
    const taken = [...ctx.state.sections.values()].some(
      (s) => s.boardId === b.id && s.name.toLowerCase() === name.toLowerCase()
    );
    if (!name || taken) throw new ApiError(400, 400, 'Invalid board section parameters.');
    const s = { id: newId(ctx.state), boardId: b.id, name };
    ctx.state.sections.set(s.id, s);
    return ok(sectionJson(s), 201);
  },
  'boards/list_pins': (ctx) => {
    const b = findBoard(ctx, ctx.path.board_id);
    const types = ctx.query.creative_types as string[] | undefined;
    const sections = ctx.state.flags.boardPinsIncludeSections;
    const pins = listed(
      ctx,
      (p) =>
        p.board_id === b.id &&
        (sections || p.board_section_id === null) &&
        (!types || types.includes(p.creative_type))
    );
    const page = paginate(pins, ctx.query);
    return ok({
      items: page.items.map((p) =>
        pinJson(ctx.state, p, caller(ctx).id, {
          metrics: ctx.query.pin_metrics === true,
          now: ctx.now(),
        })
      ),
      bookmark: page.bookmark,
    });
  },
  'board_sections/list_pins': (ctx) => {
    const b = findBoard(ctx, ctx.path.board_id);
    const sectionId = checkSection(ctx, b.id, ctx.path.section_id);
    const page = paginate(
      listed(ctx, (p) => p.board_id === b.id && p.board_section_id === sectionId),
      ctx.query
    );
    return ok({
      items: page.items.map((p) => pinJson(ctx.state, p, caller(ctx).id)),
      bookmark: page.bookmark,
    });
  },
};
