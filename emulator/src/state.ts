/** The emulator's in-memory world: users, their boards, sections, pins, media, tokens and codes. */

export interface UserAccount {
  id: string;
  username: string;
  account_type: 'PINNER' | 'BUSINESS';
  profile_image: string;
  website_url: string;
  about: string;
  business_name: string | null;
}

export type BoardPrivacy = 'PUBLIC' | 'PROTECTED' | 'SECRET';

export interface BoardRec {
  id: string;
  ownerId: string;
  name: string;
  description: string | null;
  privacy: BoardPrivacy;
  is_ads_only: boolean;
  created_at: string;
}

export interface SectionRec {
  id: string;
  boardId: string;
  name: string;
}

export interface ImageRec {
  /** Where the picture can be fetched: the source URL, or the emulator's own /_media/ URL. */
  url: string;
  width: number;
  height: number;
  mime: string;
}

export interface PinRec {
  id: string;
  ownerId: string;
  created_at: string;
  board_id: string;
  board_section_id: string | null;
  title: string | null;
  description: string | null;
  link: string | null;
  alt_text: string | null;
  dominant_color: string | null;
  parent_pin_id: string | null;
  creative_type: 'REGULAR' | 'VIDEO' | 'CAROUSEL';
  media_source_type: string;
  is_standard: boolean;
  image?: ImageRec;
  video?: {
    media_id: string;
    cover: ImageRec;
    cover_image_key_frame_time: number | null;
    reads: number;
  };
  carousel?: Array<
    ImageRec & { title: string | null; description: string | null; link: string | null }
  >;
}

export type MediaStatus = 'registered' | 'processing' | 'succeeded' | 'failed';

export interface MediaRec {
  media_id: string;
  ownerId: string;
  media_type: 'video';
  status: MediaStatus;
  upload_parameters: Record<string, string>;
  uploadedBytes: number | null;
  /** How many GETs answered `processing` since the upload. */
  processingPolls: number;
  /** Set when the uploaded bytes were not an MP4/MOV (or a fault said so). */
  willFail: boolean;
  created_at: string;
}

export interface TokenRec {
  token: string;
  kind: 'access' | 'refresh';
  userId: string;
  clientId: string | null;
  scopes: string[];
  /** ms since epoch, or null for never. */
  expiresAt: number | null;
  revoked: boolean;
}

export interface CodeRec {
  code: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export interface OAuthApp {
  client_id: string;
  client_secret: string;
  /** Allowed redirect URIs (exact, byte-for-byte match); empty = any. */
  redirect_uris: string[];
  name: string;
}

export interface EmulatorFlags {
  /** The authorize page redirects at once, as if the user approved every scope asked for. */
  autoApprove: boolean;
  /** PATCH /pins is a beta not every app has: false answers 403 code 29. */
  patchPinsAllowed: boolean;
  /** GET /pins/analytics (multi-pin) is a beta: false answers 403 code 29. */
  multiPinAnalyticsAllowed: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /**
   * GET /media/{id} answers `processing` this many times after the upload, then
   * `succeeded`/`failed`.
   */
  mediaProcessingPolls: number;
  /** Every uploaded video fails processing (as a corrupt or unsupported encoding would). */
  mediaProcessingFails: boolean;
  /** Days (today backwards) whose analytics are still PROCESSING. */
  processingDays: number;
  /** Days before the PROCESSING ones whose pin analytics are ESTIMATE (not final yet either). */
  estimateDays: number;
  /** The username the consent page signs in as (default: the primary user). */
  oauthUser: string | null;
  /** Timeout for fetching `image_url` media, ms. */
  imageFetchTimeoutMs: number;
  /**
   * Check every answer of the emulator's own (not a fault's) against the spec's response schema:
   * see `strictAnswers` in server.ts for what a mismatch does.
   */
  validateResponses: boolean;
  /**
   * The order of GET /boards/{id}/pins and GET /boards/{id}/sections/{id}/pins, which the spec
   * does not document: newest first (the default), oldest first, or shuffled by
   * `boardPinsShuffleSeed` (a fixed order per pin, the same on every page and every call).
   */
  boardPinsOrder: BoardPinsOrder;
  /** The seed of the `shuffled` order: another seed, another order. */
  boardPinsShuffleSeed: number;
  /**
   * Whether GET /boards/{id}/pins lists the pins in the board's sections too (the spec does not
   * say; default true).
   */
  boardPinsIncludeSections: boolean;
  /**
   * GET /trends/keywords/… is for partner apps: false answers it 403 code 29, as Pinterest answers
   * an app without that access.
   */
  trendsAllowed: boolean;
}

export const BOARD_PINS_ORDERS = ['newest-first', 'oldest-first', 'shuffled'] as const;
export type BoardPinsOrder = (typeof BOARD_PINS_ORDERS)[number];

export interface RateLimits {
  org_read?: number;
  org_write?: number;
  org_analytics?: number;
  /** GET /terms/suggested and /terms/related. */
  ads_read?: number;
  /** GET /trends/keywords/{region}/top/{trend_type}. */
  trends_read?: number;
}

export interface EmulatorState {
  app: OAuthApp;
  /**
   * The primary account: the one the static token, the consent page and client credentials act as.
   */
  user: UserAccount;
  users: Map<string, UserAccount>;
  boards: Map<string, BoardRec>;
  sections: Map<string, SectionRec>;
  pins: Map<string, PinRec>;
  media: Map<string, MediaRec>;
  tokens: Map<string, TokenRec>;
  codes: Map<string, CodeRec>;
  /** Bytes the emulator serves under /_media/ (base64 images and covers). */
  files: Map<string, { mime: string; bytes: Buffer }>;
  flags: EmulatorFlags;
  rateLimits: RateLimits;
  /** A user's own limits (by user id), over `rateLimits`: accounts on different app tiers. */
  userRateLimits: Map<string, RateLimits>;
  nextId: bigint;
}

export const DEFAULT_FLAGS: EmulatorFlags = {
  autoApprove: false,
  patchPinsAllowed: true,
  multiPinAnalyticsAllowed: false,
  accessTokenTtlSeconds: 2_592_000,
  refreshTokenTtlSeconds: 5_184_000,
  mediaProcessingPolls: 1,
  mediaProcessingFails: false,
  processingDays: 2,
  estimateDays: 0,
  oauthUser: null,
  imageFetchTimeoutMs: 5_000,
  validateResponses: true,
  boardPinsOrder: 'newest-first',
  boardPinsShuffleSeed: 1,
  boardPinsIncludeSections: true,
  trendsAllowed: true,
};

/**
 * Checks flags to set (known names, the default's type, a known order, whole non-negative numbers
 * where the default is one); returns them without undefined values, or throws `flags: …`.
 */
export function checkFlags(input: unknown): Partial<EmulatorFlags> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new Error('flags: must be an object');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_FLAGS)) throw new Error(`flags: unknown flag ${key}`);
    const fallback: unknown = DEFAULT_FLAGS[key as keyof EmulatorFlags];
    if (key === 'boardPinsOrder') {
      if (!BOARD_PINS_ORDERS.includes(value as BoardPinsOrder))
        throw new Error(`flags: boardPinsOrder must be one of ${BOARD_PINS_ORDERS.join(', ')}`);
    } else if (key === 'oauthUser') {
      if (value !== null && typeof value !== 'string')
        throw new Error('flags: oauthUser must be a username or null');
    } else if (typeof value !== typeof fallback) {
      throw new Error(`flags: ${key} must be a ${typeof fallback}`);
    } else if (typeof value === 'number' && !(Number.isInteger(value) && value >= 0)) {
      throw new Error(`flags: ${key} must be a whole number of at least 0`);
    }
    out[key] = value;
  }
  return out;
}

/**
 * 18-digit numeric ids from a counter: the same seed and the same calls always give the same ids.
 */
export function newId(state: EmulatorState): string {
  state.nextId += 1n;
  return state.nextId.toString();
}

/** Scopes arrive comma- or space-separated. */
export const parseScopeList = (scope: unknown): string[] => [
  ...new Set((typeof scope === 'string' ? scope : '').split(/[\s,]+/).filter(Boolean)),
];

export function emptyState(): EmulatorState {
  return {
    app: { client_id: '', client_secret: '', redirect_uris: [], name: '' },
    user: {
      id: '',
      username: '',
      account_type: 'PINNER',
      profile_image: '',
      website_url: '',
      about: '',
      business_name: null,
    },
    users: new Map(),
    boards: new Map(),
    sections: new Map(),
    pins: new Map(),
    media: new Map(),
    tokens: new Map(),
    codes: new Map(),
    files: new Map(),
    flags: { ...DEFAULT_FLAGS },
    rateLimits: {},
    userRateLimits: new Map(),
    nextId: 100_000_000_000_000_000n,
  };
}

/** A user by id or username. */
export function findUser(
  state: EmulatorState,
  key: string | undefined | null
): UserAccount | undefined {
  if (!key) return undefined;
  return state.users.get(key) ?? [...state.users.values()].find((u) => u.username === key);
}

export const boardsOf = (state: EmulatorState, userId: string) =>
  [...state.boards.values()].filter((b) => b.ownerId === userId);
