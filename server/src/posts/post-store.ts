import type { Core } from '@strapi/strapi';
import type { PinErrorDTO } from '../../../common/wire';
import { POST_UID } from '../content-types';
import type { PostPin, PostRequestInput } from './request';

export { POST_UID };

export type PostStatus =
  'scheduled' | 'pending' | 'publishing' | 'published' | 'failed' | 'cancelled';

export interface StoredPostRequest {
  input: PostRequestInput;
  pin: PostPin;
}

export interface PostRow {
  id: number;
  postId: string;
  status: PostStatus;
  scheduledAt: string | Date;
  request: StoredPostRequest;
  boardId: string;
  marker: string;
  pinId: string | null;
  pinUrl: string | null;
  pinnedAt: string | Date | null;
  createAttemptedAt: string | Date | null;
  mediaId: string | null;
  lastError: PinErrorDTO | null;
  idempotencyScope: string | null;
  requestHash: string | null;
  tokenId: string | null;
  cancelledAt: string | Date | null;
  createdAt?: string | Date;
  updatedAt?: string | Date;
}

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
      return (await q().findOne({ where: { postId } })) as PostRow | null;
    },

    async findByIdempotencyScope(scope: string): Promise<PostRow | null> {
      return (await q().findOne({ where: { idempotencyScope: scope } })) as PostRow | null;
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
      return (await q().create({ data })) as PostRow;
    },

    async update(id: number, data: Partial<Omit<PostRow, 'id'>>): Promise<PostRow> {
      return (await q().update({ where: { id }, data })) as PostRow;
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
