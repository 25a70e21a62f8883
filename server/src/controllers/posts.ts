import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { PostRequestError } from '../posts/posts-service';
import { getService } from '../utils/get-service';
import { namedParams, validate } from './validate';

const idParams = z
  .object({ id: z.string().regex(/^post_[0-9a-f]{24}$/, 'must be a post id such as post_3f9c…') })
  .strict();
const idempotencyKey = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (a UUID works well)');

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

type Ctx = {
  params: unknown;
  query?: unknown;
  request: { body?: unknown; headers: Record<string, string | string[] | undefined> };
  state: { auth?: { credentials?: { id?: number | string } | null } };
  status: number;
  body: unknown;
  set: (name: string, value: string) => void;
};

/** Answers a posts-service refusal in Strapi's error shape. */
function refuse(ctx: Ctx, e: PostRequestError): never | void {
  if (e.status === 400) {
    throw new errors.ValidationError(e.message, {
      errors: e.issues.map((i) => ({
        path: i.path.map(String),
        message: i.message,
        name: 'ValidationError',
      })),
    });
  }
  ctx.status = e.status;
  if (e.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(e.retryAfterSeconds));
  const names = { 409: 'ConflictError', 422: 'UnprocessableEntityError', 429: 'RateLimitError' };
  ctx.body = {
    data: null,
    error: {
      status: e.status,
      name: names[e.status],
      message: e.message,
      details: e.issues.length
        ? { errors: e.issues.map((i) => ({ path: i.path.map(String), message: i.message })) }
        : {},
    },
  };
}

/** The API token calling: a post belongs to the token that created it. */
function tokenOf(ctx: Ctx): string {
  const id = ctx.state.auth?.credentials?.id;
  if (id === undefined || id === null)
    throw new errors.PolicyError('This route needs a Strapi API token (Settings → API Tokens).');
  return String(id);
}

/**
 * The posts API (content API, `/api/pinterest/posts`): RelayAPI-shaped, for other systems with a
 * Strapi API token. See README "Posts API".
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Ctx) {
    const header = ctx.request.headers['idempotency-key'];
    const key =
      header === undefined
        ? undefined
        : validate(z.object({ 'idempotency-key': idempotencyKey }), {
            'idempotency-key': Array.isArray(header) ? header[0] : header,
          })['idempotency-key'];
    const posts = getService(strapi, 'posts');
    try {
      const { post, created } = await posts.create(ctx.request.body, {
        tokenId: tokenOf(ctx),
        idempotencyKey: key,
      });
      ctx.status = created ? 201 : 200;
      ctx.set('Location', `/api/pinterest/posts/${post.id}`);
      if (!created) ctx.set('Idempotent-Replayed', 'true');
      ctx.body = post;
    } catch (e) {
      if (e instanceof PostRequestError) return refuse(ctx, e);
      throw e;
    }
  },

  /** The calling token's posts, newest first. */
  async find(ctx: Ctx) {
    const page = validate(listQuery, ctx.query ?? {});
    const { posts, total } = await getService(strapi, 'posts').list(tokenOf(ctx), page);
    ctx.body = { data: posts, pagination: { ...page, total } };
  },

  /** One of the calling token's posts (another token's is a 404). */
  async findOne(ctx: Ctx) {
    const { id } = validate(idParams, namedParams(ctx.params, ['id']));
    const post = await getService(strapi, 'posts').get(id, tokenOf(ctx));
    if (!post) throw new errors.NotFoundError(`No post ${id}`);
    ctx.body = post;
  },

  async delete(ctx: Ctx) {
    const { id } = validate(idParams, namedParams(ctx.params, ['id']));
    try {
      const post = await getService(strapi, 'posts').cancel(id, tokenOf(ctx));
      if (!post) throw new errors.NotFoundError(`No post ${id}`);
      ctx.body = post;
    } catch (e) {
      if (e instanceof PostRequestError) return refuse(ctx, e);
      throw e;
    }
  },
});
