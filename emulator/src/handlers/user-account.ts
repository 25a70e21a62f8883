/** GET /v5/user_account. */
import { caller, ok, type Handler } from './context';

export const userAccountHandlers: Record<string, Handler> = {
  'user_account/get': (ctx) => {
    const user = caller(ctx);
    const boards = [...ctx.state.boards.values()].filter((b) => b.ownerId === user.id).length;
    const pins = [...ctx.state.pins.values()].filter((p) => p.ownerId === user.id).length;
    return ok({
      ...user,
      board_count: boards,
      pin_count: pins,
      follower_count: 0,
      following_count: 0,
      monthly_views: 0,
    });
  },
};
