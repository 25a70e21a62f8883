import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { BoardDTO, BoardSectionDTO } from '../../../common/wire';
import { ConnectError, FLOW_TTL_MS } from '../auth/connection';
import { contentTypeDefaultsSchema } from '../settings/content-type-defaults';
import { getService } from '../utils/get-service';
import { namedParams, validate } from './validate';

type Ctx = {
  params: unknown;
  query: unknown;
  request: { body?: unknown };
  state: { user?: { id: number } };
  /** Whether the request came over HTTPS (behind a proxy: when Strapi trusts it). */
  secure: boolean;
  cookies: {
    get(name: string): string | undefined;
    set(name: string, value: string | null, opts?: Record<string, unknown>): unknown;
  };
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
const accountParams = z
  .object({
    id: z
      .string()
      .regex(/^\d{1,12}$/, 'must be an account id')
      .transform(Number),
  })
  .strict();
/** `?accountId=`: one of the connected accounts (GET /pinterest/accounts). */
const accountQuery = z
  .object({
    accountId: z
      .string()
      .regex(/^\d{1,12}$/, 'must be an account id')
      .transform(Number)
      .optional(),
  })
  .strict();
const boardParams = z
  .object({ boardId: z.string().regex(/^\d+$/, 'must be a Pinterest board id') })
  .strict();

/**
 * The cookie that binds an OAuth flow to the browser that started it: httpOnly, SameSite=Lax (sent
 * on the top-level redirect back from Pinterest), valid as long as the state, and sent only to the
 * callback.
 */
const FLOW_COOKIE = 'pinterest_oauth_flow';
const flowCookieOptions = (ctx: Ctx, callbackPath: string) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: ctx.secure,
  path: callbackPath,
  overwrite: true,
});
const callbackPathOf = (redirectUri: string) => new URL(redirectUri).pathname;

/** Where the admin's settings page lives, to send the browser back after the consent page. */
function settingsPageUrl(strapi: Core.Strapi, query: Record<string, string>): string {
  const admin = String(strapi.config.get('admin.url') ?? '/admin').replace(/\/$/, '');
  return `${admin}/settings/pinterest?${new URLSearchParams(query).toString()}`;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The connected account, token health and what the setup lacks. Never a token. */
  async describe(ctx: Ctx) {
    ctx.body = await getService(strapi, 'connection').describe();
  },

  /**
   * Starts the OAuth flow: a state bound to this admin and to this browser (a cookie scoped to the
   * callback), and the Pinterest consent URL.
   */
  async authorize(ctx: Ctx) {
    const userId = ctx.state.user?.id;
    if (!userId) throw new errors.UnauthorizedError('An admin session is required.');
    const connection = getService(strapi, 'connection');
    try {
      const { url, browserSecret } = await connection.authorizeUrl(userId);
      ctx.cookies.set(FLOW_COOKIE, browserSecret, {
        ...flowCookieOptions(ctx, callbackPathOf(connection.redirectUri())),
        maxAge: FLOW_TTL_MS,
      });
      ctx.body = { url };
    } catch (e) {
      if (e instanceof ConnectError)
        throw new errors.ApplicationError(e.message, { reason: e.reason });
      throw e;
    }
  },

  /**
   * The OAuth redirect URI. Reached by the browser coming back from Pinterest (no admin header):
   * the single-use state proves which admin started the flow, the cookie that this browser
   * started it. Always answers with a redirect to the settings page carrying the outcome.
   */
  async callback(ctx: Ctx) {
    const parsed = callbackQuery.safeParse(ctx.query ?? {});
    const query = parsed.success ? parsed.data : {};
    const connection = getService(strapi, 'connection');
    const browserSecret = ctx.cookies.get(FLOW_COOKIE);
    // single use, like the state: the cookie goes whatever the outcome
    ctx.cookies.set(
      FLOW_COOKIE,
      null,
      flowCookieOptions(ctx, callbackPathOf(connection.redirectUri()))
    );
    try {
      const result = await connection.complete({ ...query, browserSecret });
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
    const connection = getService(strapi, 'connection');
    const outcome = await connection.refreshNow();
    ctx.body = { outcome, connection: await connection.describe() };
  },

  /** Ends a pause after a spam block: waiting pins go out again. */
  async resumeWrites(ctx: Ctx) {
    ctx.body = await getService(strapi, 'connection').resumeWrites();
  },

  async disconnect(ctx: Ctx) {
    const connection = getService(strapi, 'connection');
    await connection.disconnect();
    ctx.body = await connection.describe();
  },

  /** The connected accounts, the default first. */
  async accounts(ctx: Ctx) {
    ctx.body = { accounts: await getService(strapi, 'connection').accounts() };
  },

  /** Disconnects one account; its pins and stats stay, its waiting jobs wait. */
  async disconnectAccount(ctx: Ctx) {
    const { id } = validate(accountParams, namedParams(ctx.params, ['id']));
    const connection = getService(strapi, 'connection');
    if (!(await connection.disconnect(id)))
      throw new errors.NotFoundError('No such Pinterest account.');
    ctx.body = { accounts: await connection.accounts() };
  },

  /** Makes an account the default one. */
  async setDefaultAccount(ctx: Ctx) {
    const { id } = validate(accountParams, namedParams(ctx.params, ['id']));
    const connection = getService(strapi, 'connection');
    if (!(await connection.setDefault(id)))
      throw new errors.NotFoundError('No such connected Pinterest account.');
    ctx.body = { accounts: await connection.accounts() };
  },

  async getSettings(ctx: Ctx) {
    ctx.body = await getService(strapi, 'settings').describe();
  },

  async putSettings(ctx: Ctx) {
    const input = validate(settingsBody, ctx.request.body);
    const settings = getService(strapi, 'settings');
    for (const uid of Object.keys(input.contentTypes)) {
      if (!settings.isMapped(uid))
        throw new errors.ValidationError(
          `contentTypes.${uid}: this content type is not configured to pin`
        );
    }
    ctx.body = await settings.save(input);
  },

  /** Every board of an account (`?accountId=`; the default one when absent), all pages. */
  async boards(ctx: Ctx) {
    const { accountId } = validate(accountQuery, ctx.query ?? {});
    const boards = await withPinterest(() => getService(strapi, 'pins').boards(accountId || null));
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
    const { accountId } = validate(accountQuery, ctx.query ?? {});
    const sections: BoardSectionDTO[] = await withPinterest(() =>
      getService(strapi, 'pins').sections(boardId, accountId || null)
    );
    ctx.body = { sections };
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
