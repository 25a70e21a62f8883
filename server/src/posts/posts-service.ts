import { createHash, randomBytes } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import type { Core } from '@strapi/strapi';
import { JOB_UID } from '../content-types';
import { pinMarker } from '../mapping/link';
import { JOB_KINDS, NO_LOCALE, postJobKey } from '../pins/job-keys';
import type { JobStore } from '../queue/job-store';
import { POST_UID, type PostRow, type PostStore } from './post-store';
import { checkPublicHost } from './public-host';
import { parsePostRequest, type ParsedPost } from './request';
import type { PostsConfig } from '../config/posts';

const HOUR_MS = 60 * 60_000;

export type Issue = { path: (string | number)[]; message: string };

/**
 * A request the caller must fix (400), a state that forbids it (409), a reused key with another
 * body (422), or a token over its hourly quota (429).
 */
export class PostRequestError extends Error {
  constructor(
    readonly status: 400 | 409 | 422 | 429,
    message: string,
    readonly issues: Issue[] = [],
    /** 429 only: seconds until the token may post again. */
    readonly retryAfterSeconds?: number
  ) {
    super(message);
    this.name = 'PostRequestError';
  }
}

const isUniqueViolation = (e: unknown) =>
  /unique|duplicate/i.test(String((e as Error)?.message ?? e));

/** JSON with sorted keys: the same request always hashes the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const newPostId = () => `post_${randomBytes(12).toString('hex')}`;

export interface PostsServiceDeps {
  /**
   * Several accounts: the account an id or a username names (null: no such connected account),
   * and the default account's id for undefined (null while only a configured token pins).
   */
  accountFor?: (ref: number | string | undefined) => Promise<number | null>;
  strapi: Core.Strapi;
  posts: PostStore;
  jobs: JobStore;
  allowlist: () => readonly string[];
  /** Posts per token and hour, and how many days ahead a post may be scheduled. */
  limits: () => PostsConfig;
  kick: () => void;
  now?: () => Date;
}

/**
 * What the posts API does: accept a post (validated, addresses checked, stored with its job in one
 * transaction), read one back, cancel one that has not been sent.
 */
export function createPostsService(deps: PostsServiceDeps) {
  const now = deps.now ?? (() => new Date());
  let lookup: LookupFunction | undefined;

  async function checkHosts(post: ParsedPost) {
    const issues: Issue[] = [];
    for (const { path, url } of post.urls) {
      const check = await checkPublicHost(url, deps.allowlist(), { lookup });
      if (!check.ok) issues.push({ path, message: check.message });
    }
    if (issues.length)
      throw new PostRequestError(400, `${issues[0].path.join('.')}: ${issues[0].message}`, issues);
  }

  /** A token may create `quota` posts in any hour; the next one waits for the oldest to age out. */
  async function checkQuota(tokenId: string, at: Date, quota: number) {
    const recent = await deps.posts.createdSince(tokenId, new Date(at.getTime() - HOUR_MS));
    if (recent.length < quota) return;
    const freeAt = recent[recent.length - quota].getTime() + HOUR_MS;
    const retryAfter = Math.max(1, Math.ceil((freeAt - at.getTime()) / 1000));
    throw new PostRequestError(
      429,
      `This API token has created ${recent.length} posts in the last hour, its quota (config posts.quotaPerHour is ${quota}); try again in ${retryAfter} s.`,
      [],
      retryAfter
    );
  }

  /**
   * The post's job has failed for good (retries used up) but the row still says it is on its way:
   * say so.
   */
  async function settle(row: PostRow): Promise<PostRow> {
    if (!['scheduled', 'pending', 'publishing'].includes(row.status)) return row;
    const job = await deps.jobs.findByKey(postJobKey(row.postId));
    if (job?.state !== 'failed') return row;
    return deps.posts.update(row.id, {
      status: 'failed',
      lastError: job.lastError ?? row.lastError,
    });
  }

  /** A post the token made (the only ones it may see or cancel). */
  async function ownPost(postId: string, tokenId: string): Promise<PostRow | null> {
    const row = await deps.posts.findByPostId(postId);
    return row && row.tokenId === tokenId ? row : null;
  }

  return {
    /**
     * DNS resolver used by the address checks (tests inject one that maps a public name to a
     * private address).
     */
    useLookup(fn: LookupFunction | undefined) {
      lookup = fn;
    },
    lookup: () => lookup,

    /**
     * Accepts a post. With an idempotency key, the same key from the same token returns the post it
     * made
     * the first time (`created: false`), and the same key with another request is refused.
     */
    async create(
      body: unknown,
      opts: { tokenId: string; idempotencyKey?: string }
    ): Promise<{ post: PostRow; created: boolean }> {
      const scope = opts.idempotencyKey
        ? sha256(`${opts.tokenId}\u0000${opts.idempotencyKey}`)
        : null;
      const requestHash = sha256(stableJson(body ?? null));
      const replay = async (): Promise<{ post: PostRow; created: boolean } | null> => {
        if (!scope) return null;
        const existing = await deps.posts.findByIdempotencyScope(scope);
        if (!existing) return null;
        if (existing.requestHash !== requestHash) {
          throw new PostRequestError(
            422,
            `Idempotency-Key: this key was already used for a different request (post ${existing.postId}); use a new key for a new post`,
            [
              {
                path: ['headers', 'idempotency-key'],
                message: `already used for a different request (post ${existing.postId})`,
              },
            ]
          );
        }
        return { post: await settle(existing), created: false };
      };

      const earlier = await replay();
      if (earlier) return earlier;

      const at = now();
      const limits = deps.limits();
      await checkQuota(opts.tokenId, at, limits.quotaPerHour);
      const parsed = parsePostRequest(body, {
        allowlist: deps.allowlist(),
        now: at,
        horizonDays: limits.scheduleHorizonDays,
      });
      if (!parsed.ok)
        throw new PostRequestError(
          400,
          `${parsed.issues[0].path.join('.') || 'body'}: ${parsed.issues[0].message}`,
          parsed.issues
        );
      await checkHosts(parsed.post);
      const { account, ...asked } = parsed.post.pin;
      const accountId = deps.accountFor ? await deps.accountFor(account) : null;
      if (account !== undefined && accountId === null)
        throw new PostRequestError(
          400,
          'target_options.pinterest.account_id: no connected Pinterest account has this id or username',
          [
            {
              path: ['target_options', 'pinterest', 'account_id'],
              message: 'no connected Pinterest account has this id or username',
            },
          ]
        );
      parsed.post.pin = { ...asked, accountId };

      const postId = newPostId();
      const scheduledAt = parsed.post.scheduledAt ?? at;
      const { pin, input } = parsed.post;
      let row: PostRow;
      try {
        row = await deps.strapi.db.transaction(async () => {
          const created = await deps.posts.create({
            postId,
            status: parsed.post.scheduledAt ? 'scheduled' : 'pending',
            scheduledAt,
            request: { input, pin },
            accountId: pin.accountId ?? null,
            boardId: pin.boardId,
            marker: pinMarker({
              contentType: POST_UID,
              documentId: postId,
              locale: NO_LOCALE,
              boardId: pin.boardId,
            }),
            idempotencyScope: scope,
            requestHash,
            tokenId: opts.tokenId,
          });
          await deps.jobs.enqueue({
            key: postJobKey(postId),
            kind: JOB_KINDS.pinPost,
            payload: { postId },
            runAt: scheduledAt.getTime(),
          });
          return created;
        });
      } catch (e) {
        // the same key sent twice at once: the other request made the post
        if (scope && isUniqueViolation(e)) {
          const other = await replay();
          if (other) return other;
        }
        throw e;
      }
      deps.kick();
      return { post: row, created: true };
    },

    /** The token's post; another token's post is as good as missing. */
    async get(postId: string, tokenId: string): Promise<PostRow | null> {
      const row = await ownPost(postId, tokenId);
      return row ? settle(row) : null;
    },

    /** The token's posts, newest first, and how many it has. */
    async list(
      tokenId: string,
      page: { limit: number; offset: number }
    ): Promise<{ posts: PostRow[]; total: number }> {
      const [rows, total] = await Promise.all([
        deps.posts.listForToken(tokenId, page.limit, page.offset),
        deps.posts.countForToken(tokenId),
      ]);
      return { posts: await Promise.all(rows.map(settle)), total };
    },

    /**
     * Cancels a post that has not been sent: its job is cancelled only if it is still waiting (a
     * compare-and-set on the job row, so a worker that has just claimed it wins and the answer is
     * 409).
     */
    async cancel(postId: string, tokenId: string): Promise<PostRow | null> {
      const found = await ownPost(postId, tokenId);
      if (!found) return null;
      const row = await settle(found);
      if (row.status === 'cancelled') return row;
      if (row.pinId || row.status === 'published') {
        throw new PostRequestError(
          409,
          `Post ${postId} was already published (pin ${row.pinId}); it can no longer be cancelled. Delete the pin on Pinterest instead.`
        );
      }
      if (row.status === 'failed') {
        throw new PostRequestError(
          409,
          `Post ${postId} has failed (${row.lastError?.code ?? 'error'}); there is nothing left to cancel.`
        );
      }
      if (row.createAttemptedAt) {
        throw new PostRequestError(
          409,
          `Post ${postId} may already be on Pinterest (an earlier attempt's outcome is unknown and is being checked); it can no longer be cancelled.`
        );
      }
      const { count } = await deps.strapi.db.query(JOB_UID).updateMany({
        where: { key: postJobKey(postId), state: 'waiting' },
        data: { state: 'cancelled', leaseOwner: null, leaseUntil: null },
      });
      const job = await deps.jobs.findByKey(postJobKey(postId));
      if (count !== 1 && job) {
        throw new PostRequestError(
          409,
          `Post ${postId} is being published right now; it can no longer be cancelled.`
        );
      }
      if (
        !(await deps.posts.transition(row.id, ['scheduled', 'pending'], {
          status: 'cancelled',
          cancelledAt: now(),
        }))
      ) {
        const current = await deps.posts.findByPostId(postId);
        if (current?.status === 'cancelled') return current;
        throw new PostRequestError(
          409,
          `Post ${postId} is ${current?.status ?? 'gone'}; it can no longer be cancelled.`
        );
      }
      return deps.posts.findByPostId(postId);
    },
  };
}

export type PostsService = ReturnType<typeof createPostsService>;
