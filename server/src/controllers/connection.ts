import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { BoardDTO, BoardSectionDTO, SettingsDTO } from '../../../common/wire';
import { ConnectError } from '../auth/connection';
import { contentTypeDefaultsSchema } from '../settings/settings-store';
import { getService } from '../utils/get-service';
import { namedParams, validate } from './validate';

type Ctx = {
  params: unknown;
  query: unknown;
  request: { body?: unknown };
  state: { user?: { id: number } };
  body: unknown;
  status: number;
  redirect: (url: string) => void;
};

const callbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(400).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});
const settingsBody = z
  .object({ contentTypes: z.record(z.string(), contentTypeDefaultsSchema) })
  .strict();
const boardParams = z
  .object({ boardId: z.string().regex(/^\d+$/, 'must be a Pinterest board id') })
  .strict();

/** Where the admin's settings page lives, to send the browser back after the consent page. */
function settingsPageUrl(strapi: Core.Strapi, query: Record<string, string>): string {
  const admin = String(strapi.config.get('admin.url') ?? '/admin').replace(/\/$/, '');
  return `${admin}/settings/pinterest?${new URLSearchParams(query).toString()}`;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The connected account, token health and what the setup lacks. Never a token. */
  async describe(ctx: Ctx) {
    ctx.body = await getService(strapi, 'runtime').connection.describe();
  },

  /** Starts the OAuth flow: a state bound to this admin, and the Pinterest consent URL. */
  async authorize(ctx: Ctx) {
    const userId = ctx.state.user?.id;
    if (!userId) throw new errors.UnauthorizedError('An admin session is required.');
    try {
      ctx.body = { url: await getService(strapi, 'runtime').connection.authorizeUrl(userId) };
    } catch (e) {
      if (e instanceof ConnectError)
        throw new errors.ApplicationError(e.message, { reason: e.reason });
      throw e;
    }
  },

  /**
   * The OAuth redirect URI. Reached by the browser coming back from Pinterest (no admin header):
   * the single-use state proves which admin started the flow. Always answers with a redirect to
   * the settings page carrying the outcome.
   */
  async callback(ctx: Ctx) {
    const parsed = callbackQuery.safeParse(ctx.query ?? {});
    const query = parsed.success ? parsed.data : {};
    try {
      const result = await getService(strapi, 'runtime').connection.complete(query);
      strapi.log.info(`[pinterest] connected Pinterest account @${result.username}`);
      ctx.redirect(
        settingsPageUrl(strapi, {
          connected: result.username,
          ...(result.missingScopes.length && { missingScopes: result.missingScopes.join(',') }),
        })
      );
    } catch (e) {
      const reason = e instanceof ConnectError ? e.reason : 'exchange-failed';
      const message = e instanceof Error ? e.message : 'The connection failed.';
      strapi.log.warn(`[pinterest] connection failed (${reason}): ${message}`);
      ctx.redirect(settingsPageUrl(strapi, { error: reason, message }));
    }
  },

  async refresh(ctx: Ctx) {
    const outcome = await getService(strapi, 'runtime').tokens.refreshNow();
    ctx.body = { outcome, connection: await getService(strapi, 'runtime').connection.describe() };
  },

  /** Ends a pause after a spam block: waiting pins go out again. */
  async resumeWrites(ctx: Ctx) {
    const runtime = getService(strapi, 'runtime');
    await runtime.limiter.resumeWrites();
    for (const job of await runtime.jobs.findWaiting()) {
      if (job.lastError?.code === 'WRITES_PAUSED') await runtime.jobs.retryNow(job.id);
    }
    runtime.kickWorker();
    ctx.body = await runtime.connection.describe();
  },

  async disconnect(ctx: Ctx) {
    await getService(strapi, 'runtime').connection.disconnect();
    ctx.body = await getService(strapi, 'runtime').connection.describe();
  },

  async getSettings(ctx: Ctx) {
    const runtime = getService(strapi, 'runtime');
    const saved = await runtime.settings.get();
    const body: SettingsDTO = {
      contentTypes: Object.entries(runtime.getConfig().contentTypes).map(([uid, mapping]) => {
        const s = saved.contentTypes[uid];
        const ct = strapi.contentType(uid as never) as
          { info?: { displayName?: string } } | undefined;
        return {
          uid,
          displayName: ct?.info?.displayName ?? uid,
          pinOnPublish: s?.pinOnPublish ?? mapping.pinOnPublish,
          defaultBoardId: s?.defaultBoardId ?? mapping.defaultBoardId ?? null,
          defaultBoardSectionId: s?.defaultBoardSectionId ?? mapping.defaultBoardSectionId ?? null,
          onUnpublish: s?.onUnpublish ?? mapping.onUnpublish,
        };
      }),
    };
    ctx.body = body;
  },

  async putSettings(ctx: Ctx) {
    const input = validate(settingsBody, ctx.request.body);
    const runtime = getService(strapi, 'runtime');
    for (const uid of Object.keys(input.contentTypes)) {
      if (!runtime.isMapped(uid))
        throw new errors.ValidationError(
          `contentTypes.${uid}: this content type is not configured to pin`
        );
    }
    await runtime.settings.set(input);
    return this.getSettings(ctx);
  },

  /** Every board of the connected account (all bookmark pages). */
  async boards(ctx: Ctx) {
    const boards = await withPinterest(() => getService(strapi, 'runtime').listBoards());
    const body: BoardDTO[] = boards.map((b) => ({
      id: b.id,
      name: b.name,
      privacy: b.privacy ?? null,
      description: b.description ?? null,
    }));
    ctx.body = { boards: body };
  },

  async sections(ctx: Ctx) {
    const { boardId } = validate(boardParams, namedParams(ctx.params, ['boardId']));
    const sections = await withPinterest(() =>
      getService(strapi, 'runtime').getClient().listAllBoardSections(boardId)
    );
    const body: BoardSectionDTO[] = sections.map((s) => ({ id: s.id, name: s.name }));
    ctx.body = { sections: body };
  },
});

/**
 * A Pinterest failure on an admin read becomes an error the admin can show (never a 500 with a
 * stack).
 */
async function withPinterest<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = e as { code?: string; message?: string; advice?: string };
    throw new errors.ApplicationError(err.message ?? 'Pinterest could not be reached.', {
      code: err.code,
      advice: err.advice,
    });
  }
}
