import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { PinErrorDTO } from '../../../common/wire';
import { POST_UID } from '../content-types';
import { dbDate, dbNumber, dbNumberOrNull, dbPinError, dbText } from '../utils/db-columns';
import type { PostPin, PostRequestInput } from './request';

export { POST_UID };

const postStatusSchema = z.enum([
  'scheduled',
  'pending',
  'publishing',
  'published',
  'failed',
  'cancelled',
]);
export type PostStatus = z.infer<typeof postStatusSchema>;

export interface StoredPostRequest {
  input: PostRequestInput;
  pin: PostPin;
}

/** The accepted request as stored (written by the posts service from its own parse). */
const storedRequest = z.custom<StoredPostRequest>(
  (v) =>
    z
      .object({ input: z.record(z.string(), z.unknown()), pin: z.record(z.string(), z.unknown()) })
      .safeParse(v).success,
  'not a stored post request'
);

/** A post row as the store reads it. */
const postRowSchema = z.object({
  id: dbNumber,
  postId: z.string(),
  status: postStatusSchema,
  scheduledAt: z.union([z.string(), z.date()]),
  request: storedRequest,
  /** The account the post pins with (null: a post stored before several accounts, unmigrated). */
  accountId: dbNumberOrNull,
  boardId: z.string(),
  marker: z.string(),
  pinId: dbText,
  pinUrl: dbText,
  pinnedAt: dbDate,
  createAttemptedAt: dbDate,
  mediaId: dbText,
  lastError: dbPinError,
  idempotencyScope: dbText,
  requestHash: dbText,
  tokenId: dbText,
  cancelledAt: dbDate,
  createdAt: z.union([z.string(), z.date()]).optional(),
  updatedAt: z.union([z.string(), z.date()]).optional(),
});
export type PostRow = z.infer<typeof postRowSchema>;

const toRow = (row: unknown): PostRow => postRowSchema.parse(row);
const toRowOrNull = (row: unknown): PostRow | null => (row ? toRow(row) : null);

/** What the posts API answers for a post (RelayAPI-shaped, snake_case). */
export interface PostDTO {
  id: string;
  status: PostStatus;
  scheduled_at: string;
  created_at: string | null;
  updated_at: string | null;
  targets: string[];
  content: string | null;
  media: Array<{ url: string; type: string; mime?: string }>;
  target_options: PostRequestInput['target_options'] | Record<string, never>;
  pin_id: string | null;
  pin_url: string | null;
  published_at: string | null;
  cancelled_at: string | null;
  error: PinErrorDTO | null;
}

const iso = (v: string | Date | null | undefined) => (v ? new Date(v).toISOString() : null);

export const pinUrlFor = (pinId: string) => `https://www.pinterest.com/pin/${pinId}/`;

/**
 * The status a caller sees: a scheduled post whose time has come is pending (waiting for the
 * worker).
 */
export function visibleStatus(
  row: Pick<PostRow, 'status' | 'scheduledAt'>,
  now = Date.now()
): PostStatus {
  if (row.status === 'scheduled' && new Date(row.scheduledAt).getTime() <= now) return 'pending';
  return row.status;
}

export function toPostDTO(row: PostRow, now = Date.now()): PostDTO {
  const input = row.request.input;
  return {
    id: row.postId,
    status: visibleStatus(row, now),
    scheduled_at: new Date(row.scheduledAt).toISOString(),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    targets: input.targets,
    content: input.content ?? null,
    media: input.media ?? [],
    target_options: input.target_options ?? {},
    pin_id: row.pinId ?? null,
    pin_url: row.pinUrl ?? (row.pinId ? pinUrlFor(row.pinId) : null),
    published_at: iso(row.pinnedAt),
    cancelled_at: iso(row.cancelledAt),
    error: row.lastError ?? null,
  };
}

/** Posts made through the posts API, one row per post. */
export function createPostStore(strapi: Core.Strapi) {
  const q = () => strapi.db.query(POST_UID);
  return {
    async findByPostId(postId: string): Promise<PostRow | null> {
      return toRowOrNull(await q().findOne({ where: { postId } }));
    },

    /** A token's posts, newest first. */
    async listForToken(tokenId: string, limit: number, offset: number): Promise<PostRow[]> {
      const rows: unknown[] = await q().findMany({
        where: { tokenId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit,
        offset,
      });
      return rows.map(toRow);
    },

    async countForToken(tokenId: string): Promise<number> {
      return q().count({ where: { tokenId } });
    },

    /** The creation times of a token's posts made since `since`, oldest first. */
    async createdSince(tokenId: string, since: Date): Promise<Date[]> {
      const rows: unknown[] = await q().findMany({
        where: { tokenId, createdAt: { $gt: since } },
        select: ['createdAt'],
        orderBy: { createdAt: 'asc' },
      });
      return rows.map((r) => new Date((r as { createdAt: string | Date }).createdAt));
    },

    async findByIdempotencyScope(scope: string): Promise<PostRow | null> {
      return toRowOrNull(await q().findOne({ where: { idempotencyScope: scope } }));
    },

    async create(
      data: Omit<
        PostRow,
        | 'id'
        | 'createdAt'
        | 'updatedAt'
        | 'pinId'
        | 'pinUrl'
        | 'pinnedAt'
        | 'createAttemptedAt'
        | 'mediaId'
        | 'lastError'
        | 'cancelledAt'
      >
    ): Promise<PostRow> {
      return toRow(await q().create({ data }));
    },

    async update(id: number, data: Partial<Omit<PostRow, 'id'>>): Promise<PostRow> {
      return toRow(await q().update({ where: { id }, data }));
    },

    /**
     * Compare-and-set on the status: true when the row was in one of `from` and is now
     * `data.status`.
     */
    async transition(
      id: number,
      from: PostStatus[],
      data: Partial<Omit<PostRow, 'id'>>
    ): Promise<boolean> {
      const { count } = await q().updateMany({ where: { id, status: { $in: from } }, data });
      return count === 1;
    },
  };
}

export type PostStore = ReturnType<typeof createPostStore>;
