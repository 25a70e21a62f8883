import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { PINTEREST_EVENT_NAMES } from '../events/events';
import { linksOf } from '../links';
import { createEntryAccess, type AdminCtx } from '../permissions/entry-access';
import { namedParams, validate } from './validate';

const entryParams = z
  .object({
    contentType: z.string().regex(/^(api|plugin)::[\w-]+\.[\w-]+$/),
    documentId: z.string().min(1).max(64),
  })
  .strict();

const checkBody = z.object({ link: z.string().trim().min(1).max(2048) }).strict();

type Ctx = AdminCtx & {
  params: Record<string, unknown>;
  request: { body?: unknown };
  body: unknown;
};

/** Link health and the plugin's webhook events, for the admin (server/src/links, events). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** A link's health and its page's Rich Pin readiness (the pin field's preview card). */
  async check(ctx: Ctx) {
    const { link } = validate(checkBody, ctx.request.body);
    ctx.body = { linkCheck: await linksOf(strapi).previewCheck(link) };
  },

  /** The live pins whose link the scan found broken (the analytics page's list). */
  async broken(ctx: Ctx) {
    ctx.body = { enabled: linksOf(strapi).enabled(), links: await linksOf(strapi).broken() };
  },

  /** Recent live pins' pages and their Rich Pin readiness (the settings page's sample). */
  async richPins(ctx: Ctx) {
    ctx.body = {
      enabled: linksOf(strapi).enabled(),
      sample: await linksOf(strapi).richPinSample(),
    };
  },

  /** The link health of an entry's pins (the side panel), for who may read the entry. */
  async forEntry(ctx: Ctx) {
    const { contentType, documentId } = validate(
      entryParams,
      namedParams(ctx.params, ['contentType', 'documentId'])
    );
    await createEntryAccess(strapi).assertEntry(ctx, 'read', { contentType, documentId });
    ctx.body = { links: await linksOf(strapi).forEntry(contentType, documentId) };
  },

  /** The webhook events the plugin registers (Settings → Pinterest lists them). */
  webhookEvents(ctx: Ctx) {
    ctx.body = { events: PINTEREST_EVENT_NAMES };
  },
});
