import type { LookupFunction } from 'node:net';
import { toPostDTO, type PostDTO } from '../posts/post-store';
import { createPostsService } from '../posts/posts-service';
import type { PluginCore } from './core';

/**
 * The posts API (`/api/pinterest/posts`): accept a post (validated, addresses checked, stored with
 * its job), read one, cancel one not yet sent. Refusals are `PostRequestError`s (400, 409, 422).
 */
export interface PostsService {
  create(
    body: unknown,
    opts: { tokenId: string; idempotencyKey?: string }
  ): Promise<{ post: PostDTO; created: boolean }>;
  /** The post, or null when there is none with that id. */
  get(postId: string): Promise<PostDTO | null>;
  /** Cancels a post whose job has not started; null when there is none with that id. */
  cancel(postId: string): Promise<PostDTO | null>;
  /** DNS resolver for the address checks (tests inject a hostile one); undefined: the system's. */
  useLookup(fn: LookupFunction | undefined): void;
}

/** The posts service, and the DNS resolver the `pin.post` job checks addresses with. */
export function createPosts(core: PluginCore): PostsService & {
  lookup: () => LookupFunction | undefined;
} {
  const posts = createPostsService({
    strapi: core.strapi,
    posts: core.posts,
    jobs: core.jobs,
    allowlist: () => core.getConfig().mediaHostAllowlist,
    kick: core.kick,
  });
  return {
    async create(body, opts) {
      const { post, created } = await posts.create(body, opts);
      return { post: toPostDTO(post), created };
    },
    async get(postId) {
      const post = await posts.get(postId);
      return post ? toPostDTO(post) : null;
    },
    async cancel(postId) {
      const post = await posts.cancel(postId);
      return post ? toPostDTO(post) : null;
    },
    useLookup: (fn) => posts.useLookup(fn),
    lookup: () => posts.lookup(),
  };
}
