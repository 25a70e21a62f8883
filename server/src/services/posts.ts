import type { LookupFunction } from 'node:net';
import { toPostDTO, type PostDTO } from '../posts/post-store';
import { createPostsService } from '../posts/posts-service';
import type { PostsConfig } from '../config/posts';
import type { PluginCore } from './core';

/**
 * The posts API (`/api/pinterest/posts`): accept a post (validated, addresses checked, stored with
 * its job), read and list a token's own, cancel one not yet sent. Refusals are `PostRequestError`s
 * (400, 409, 422, 429).
 */
export interface PostsService {
  create(
    body: unknown,
    opts: { tokenId: string; idempotencyKey?: string }
  ): Promise<{ post: PostDTO; created: boolean }>;
  /** The token's post, or null when it has none with that id (another token's post is hidden). */
  get(postId: string, tokenId: string): Promise<PostDTO | null>;
  /** The token's posts, newest first, and how many it has. */
  list(
    tokenId: string,
    page: { limit: number; offset: number }
  ): Promise<{ posts: PostDTO[]; total: number }>;
  /** Cancels the token's post if its job has not started; null when it has none with that id. */
  cancel(postId: string, tokenId: string): Promise<PostDTO | null>;
  /** DNS resolver for the address checks (tests inject a hostile one); undefined: the system's. */
  useLookup(fn: LookupFunction | undefined): void;
  /** Quota and horizon in place of config `posts` (tests); undefined: the config's. */
  useLimits(limits: PostsConfig | undefined): void;
}

/** The posts service, and the DNS resolver the `pin.post` job checks addresses with. */
export function createPosts(core: PluginCore): PostsService & {
  lookup: () => LookupFunction | undefined;
} {
  let limits: PostsConfig | undefined;
  const posts = createPostsService({
    strapi: core.strapi,
    posts: core.posts,
    jobs: core.jobs,
    allowlist: () => core.getConfig().mediaHostAllowlist,
    limits: () => limits ?? core.getConfig().posts,
    kick: core.kick,
    // several accounts: an id or a username of a connected account; none named: the default
    accountFor: async (ref) => {
      if (ref === undefined) return core.accountOf(null);
      const rows = await core.accounts.list(core.environment());
      const name = typeof ref === 'string' ? ref.replace(/^@/, '') : null;
      const found = rows.find(
        (r) =>
          r.status !== 'disconnected' &&
          (r.id === ref || (name !== null && (r.username === name || String(r.id) === name)))
      );
      return found?.id ?? null;
    },
  });
  return {
    async create(body, opts) {
      const { post, created } = await posts.create(body, opts);
      return { post: toPostDTO(post), created };
    },
    async get(postId, tokenId) {
      const post = await posts.get(postId, tokenId);
      return post ? toPostDTO(post) : null;
    },
    async list(tokenId, page) {
      const { posts: rows, total } = await posts.list(tokenId, page);
      return { posts: rows.map((row) => toPostDTO(row)), total };
    },
    async cancel(postId, tokenId) {
      const post = await posts.cancel(postId, tokenId);
      return post ? toPostDTO(post) : null;
    },
    useLimits: (value) => {
      limits = value;
    },
    useLookup: (fn) => posts.useLookup(fn),
    lookup: () => posts.lookup(),
  };
}
