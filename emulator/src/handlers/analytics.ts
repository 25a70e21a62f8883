/**
 * Pin, multi-pin and account analytics: business accounts only, 90-day window, deterministic
 * numbers.
 */
import { ApiError, analyticsForbidden, notPermitted, pinNotFound } from '../api-error';
import { checkAnalyticsDates, pinAnalytics, topPins, userAnalytics } from '../analytics';
import type { PinRec } from '../state';
import { caller, ok, type Handler, type HandlerContext } from './context';

const requireBusiness = (ctx: HandlerContext) => {
  if (caller(ctx).account_type !== 'BUSINESS') throw analyticsForbidden();
};

const ownPins = (ctx: HandlerContext) =>
  [...ctx.state.pins.values()].filter((p) => p.ownerId === caller(ctx).id);

/** A pin the caller owns, with the errors each analytics endpoint documents. */
function analyticsPin(
  ctx: HandlerContext,
  id: string,
  notFound: () => ApiError,
  notOwner: () => ApiError
): PinRec {
  const p = ctx.state.pins.get(id);
  if (!p) throw notFound();
  if (p.ownerId !== caller(ctx).id) throw notOwner();
  return p;
}

export const analyticsHandlers: Record<string, Handler> = {
  'pins/analytics': (ctx) => {
    requireBusiness(ctx);
    const p = analyticsPin(
      ctx,
      ctx.path.pin_id,
      () => new ApiError(404, 404, 'Pin not found.'),
      () => new ApiError(403, 403, 'Not authorized to access board or Pin.')
    );
    const range = checkAnalyticsDates(ctx.query, ctx.now());
    return ok(
      pinAnalytics(
        p,
        range,
        ctx.query,
        ctx.now(),
        ctx.state.flags.processingDays,
        ctx.state.flags.estimateDays
      )
    );
  },
  'multi_pins/analytics': (ctx) => {
    if (!ctx.state.flags.multiPinAnalyticsAllowed) throw notPermitted();
    requireBusiness(ctx);
    const range = checkAnalyticsDates(ctx.query, ctx.now());
    const out: Record<string, unknown> = {};
    for (const id of ctx.query.pin_ids as string[]) {
      const p = analyticsPin(
        ctx,
        id,
        pinNotFound,
        () => new ApiError(401, 7, 'Not authorized to access board or Pin.')
      );
      out[id] = pinAnalytics(
        p,
        range,
        ctx.query,
        ctx.now(),
        ctx.state.flags.processingDays,
        ctx.state.flags.estimateDays
      );
    }
    return ok(out);
  },
  'user_account/analytics': (ctx) => {
    requireBusiness(ctx);
    const range = checkAnalyticsDates(ctx.query, ctx.now());
    return ok(
      userAnalytics(ownPins(ctx), range, ctx.query, ctx.now(), ctx.state.flags.processingDays)
    );
  },
  'user_account/analytics/top_pins': (ctx) => {
    requireBusiness(ctx);
    const range = checkAnalyticsDates(ctx.query, ctx.now());
    return ok(topPins(ownPins(ctx), range, ctx.query, ctx.now(), ctx.state.flags.processingDays));
  },
};
