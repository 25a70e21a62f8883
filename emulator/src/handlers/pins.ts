/** Pins: create (201), get, list, update (beta flag), delete (204), save (re-pin, 201). */
import { ApiError, invalid, notPermitted } from '../api-error';
import { paginate } from '../pagination';
import { mediaFromSource } from '../pin-media';
import { pinJson } from '../render';
import { newId, type PinRec } from '../state';
import {
  caller,
  checkSection,
  findPin,
  newestFirst,
  ok,
  ownBoard,
  ownPin,
  str,
  type Handler,
  type HandlerContext,
} from './context';

const render = (ctx: HandlerContext, p: PinRec) =>
  pinJson(ctx.state, p, caller(ctx).id, {
    metrics: ctx.query.pin_metrics === true,
    now: ctx.now(),
  });

export const pinHandlers: Record<string, Handler> = {
  'pins/create': async (ctx) => {
    const user = caller(ctx);
    const boardId = str(ctx.body.board_id);
    if (!boardId) throw invalid('board_id is required');
    const board = ownBoard(ctx, boardId);
    const sectionId = checkSection(ctx, board.id, ctx.body.board_section_id);
    if (!ctx.body.media_source) throw invalid('media_source is required');
    const parentPinId = str(ctx.body.parent_pin_id);
    if (parentPinId) findPin(ctx, parentPinId);
    const media = await mediaFromSource(
      ctx,
      user.id,
      ctx.body.media_source as Record<string, unknown>
    );
    const p: PinRec = {
      id: newId(ctx.state),
      ownerId: user.id,
      created_at: ctx.now().toISOString(),
      board_id: board.id,
      board_section_id: sectionId,
      title: str(ctx.body.title),
      description: str(ctx.body.description),
      link: str(ctx.body.link),
      alt_text: str(ctx.body.alt_text),
      dominant_color: str(ctx.body.dominant_color) ?? '#6e7874',
      parent_pin_id: str(ctx.body.parent_pin_id),
      ...media,
    };
    ctx.state.pins.set(p.id, p);
    return ok(render(ctx, p), 201);
  },
  'pins/get': (ctx) => {
    const p = findPin(ctx, ctx.path.pin_id);
    const answer = ok(render(ctx, p));
    if (p.video) p.video.reads += 1; // duration, width and height arrive after creation
    return answer;
  },
  'pins/list': (ctx) => {
    const user = caller(ctx);
    const types = ctx.query.creative_types as string[] | undefined;
    const filter = ctx.query.pin_filter as string | undefined;
    const includeProtected = ctx.query.include_protected_pins === true;
    const pins = newestFirst(
      [...ctx.state.pins.values()].filter((p) => p.ownerId === user.id)
    ).filter((p) => {
      if (types && !types.includes(p.creative_type)) return false;
      if (filter === 'exclude_repins' && p.parent_pin_id) return false;
      if (filter === 'exclude_native' && !p.parent_pin_id) return false;
      if (filter === 'has_been_promoted') return false;
      if (!includeProtected && ctx.state.boards.get(p.board_id)?.privacy === 'PROTECTED')
        return false;
      return true;
    });
    const page = paginate(pins, ctx.query);
    return ok({ items: page.items.map((p) => render(ctx, p)), bookmark: page.bookmark });
  },
  'pins/update': (ctx) => {
    if (!ctx.state.flags.patchPinsAllowed) throw notPermitted();
    const p = ownPin(ctx, ctx.path.pin_id);
    let boardId = p.board_id;
    if (typeof ctx.body.board_id === 'string') boardId = ownBoard(ctx, ctx.body.board_id).id;
    const sectionId =
      ctx.body.board_section_id !== undefined
        ? checkSection(ctx, boardId, ctx.body.board_section_id)
        : boardId === p.board_id
          ? p.board_section_id
          : null;
    const slots = ctx.body.carousel_slots as Array<Record<string, unknown>> | undefined;
    if (slots && (!p.carousel || slots.length !== p.carousel.length))
      throw invalid('carousel_slots must have one entry per carousel image');
    p.board_id = boardId;
    p.board_section_id = sectionId;
    for (const key of ['title', 'description', 'link', 'alt_text'] as const)
      if (ctx.body[key] !== undefined) p[key] = str(ctx.body[key]);
    slots?.forEach((slot, i) => {
      const target = p.carousel![i];
      for (const key of ['title', 'description', 'link'] as const)
        if (slot[key] !== undefined) target[key] = str(slot[key]);
    });
    return ok(render(ctx, p));
  },
  'pins/delete': (ctx) => {
    const p = ownPin(ctx, ctx.path.pin_id);
    ctx.state.pins.delete(p.id);
    return { status: 204 };
  },
  'pins/save': (ctx) => {
    const user = caller(ctx);
    const source = findPin(ctx, ctx.path.pin_id);
    const boardId =
      str(ctx.body.board_id) ??
      [...ctx.state.boards.values()].find((b) => b.ownerId === user.id)?.id;
    if (!boardId) throw new ApiError(404, 40, 'Board not found.');
    const board = ownBoard(ctx, boardId);
    const sectionId = checkSection(
      ctx,
      board.id,
      ctx.body.board_section_id,
      () => new ApiError(404, 2031, "Sorry! We couldn't find this board section.")
    );
    const p: PinRec = {
      ...structuredClone(source),
      id: newId(ctx.state),
      ownerId: user.id,
      created_at: ctx.now().toISOString(),
      board_id: board.id,
      board_section_id: sectionId,
      parent_pin_id: source.id,
    };
    ctx.state.pins.set(p.id, p);
    return ok(render(ctx, p), 201);
  },
};
