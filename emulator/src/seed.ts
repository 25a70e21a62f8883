/** Seeds: the default demo account, and how a seed becomes (or adds to) the emulator's state. */
import {
  checkFlags,
  DEFAULT_FLAGS,
  emptyState,
  findUser,
  newId,
  parseScopeList,
  type BoardPrivacy,
  type BoardRec,
  type EmulatorFlags,
  type EmulatorState,
  type OAuthApp,
  type PinRec,
  type RateLimits,
  type UserAccount,
} from './state';

export interface SeedBoard {
  name: string;
  description?: string | null;
  privacy?: BoardPrivacy;
  /** Section names. */
  sections?: string[];
}

export interface SeedPin {
  /** Board name or id (of the pin's owner). */
  board: string;
  /** Section name or id. */
  section?: string;
  title?: string | null;
  description?: string | null;
  link?: string | null;
  alt_text?: string | null;
  /** ISO date-time; default: the emulator's now. */
  created_at?: string;
  creative_type?: 'REGULAR' | 'VIDEO';
  image?: { url: string; width?: number; height?: number };
  /** Username or id of the owner; default: the primary user. */
  user?: string;
}

export interface SeedToken {
  token: string;
  /** Comma- or space-separated. */
  scope?: string;
  /** Date, ISO string, ms since epoch, or null/absent for never. */
  expiresAt?: Date | string | number | null;
  /** Username or id; default: the primary user. */
  user?: string;
}

export interface SeedUser extends Partial<UserAccount> {
  boards?: SeedBoard[];
  /** Adds "Board 001"… "Board N" (cheap large accounts for pagination tests). */
  extraBoards?: number;
  /** This user's own calls per sliding minute, per category (over the seed's `rateLimits`). */
  rateLimits?: RateLimits;
}

export interface SeedInput extends Partial<EmulatorFlags> {
  /** The primary account (merged onto the default one). */
  user?: Partial<UserAccount>;
  /** The primary account's boards (replace the default boards). */
  boards?: SeedBoard[];
  extraBoards?: number;
  /** More accounts. */
  users?: SeedUser[];
  pins?: SeedPin[];
  /** Static access tokens (replace the default static token). */
  tokens?: SeedToken[];
  app?: Partial<OAuthApp>;
  flags?: Partial<EmulatorFlags>;
  /** Calls allowed per user per sliding minute, per category; absent = unlimited. */
  rateLimits?: RateLimits;
}

export const DEFAULT_SCOPE = 'boards:read,boards:write,pins:read,pins:write,user_accounts:read';
export const STATIC_TOKEN = 'pina_emulator_static_token';

export const DEFAULT_USER: UserAccount = {
  id: '549755885175',
  username: 'strapi_demo',
  account_type: 'BUSINESS',
  profile_image: 'https://i.pinimg.com/75x75_RS/00/00/00/strapi_demo.jpg',
  website_url: 'https://blog.example.com',
  about: 'A demo account served by the local Pinterest emulator.',
  business_name: 'Strapi Demo Kitchen',
};

export const DEFAULT_APP: OAuthApp = {
  client_id: '1234567',
  client_secret: 'emulator-secret',
  redirect_uris: [],
  name: 'Strapi Pinterest plugin',
};

export const DEFAULT_SEED = {
  user: DEFAULT_USER,
  app: DEFAULT_APP,
  boards: [
    { name: 'Recipes', description: 'Things to cook', sections: ['Breakfast', 'Dinner'] },
    { name: 'Travel', description: 'Places to go', sections: ['Europe'] },
    { name: 'Home & Garden', description: 'Around the house' },
  ],
  tokens: [{ token: STATIC_TOKEN, scope: DEFAULT_SCOPE, expiresAt: null }],
} satisfies SeedInput;

const FLAG_KEYS = Object.keys(DEFAULT_FLAGS) as Array<keyof EmulatorFlags>;

const toMs = (v: SeedToken['expiresAt']): number | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new Error(`seed: expiresAt ${v} is not a date`);
  return t;
};

function addUser(
  state: EmulatorState,
  input: Partial<UserAccount>,
  fallbackId: string
): UserAccount {
  const existing =
    findUser(state, input.id) ?? (input.username ? findUser(state, input.username) : undefined);
  const user: UserAccount = {
    ...DEFAULT_USER,
    business_name: null,
    about: '',
    ...existing,
    ...(existing
      ? {}
      : {
          id: fallbackId,
          username: `user_${fallbackId}`,
          website_url: '',
          account_type: 'PINNER' as const,
        }),
    ...input,
  };
  if (existing && existing.id !== user.id) state.users.delete(existing.id);
  state.users.set(user.id, user);
  return user;
}

function addBoards(
  state: EmulatorState,
  owner: UserAccount,
  boards: SeedBoard[],
  extra: number,
  createdAt: string
) {
  const all = [...boards];
  const width = Math.max(3, String(extra).length);
  for (let i = 1; i <= extra; i += 1) all.push({ name: `Board ${String(i).padStart(width, '0')}` });
  const taken = new Set(
    [...state.boards.values()]
      .filter((b) => b.ownerId === owner.id)
      .map((b) => b.name.toLowerCase())
  );
  for (const b of all) {
    if (taken.has(b.name.toLowerCase()))
      throw new Error(`seed: board name "${b.name}" is used twice for ${owner.username}`);
    taken.add(b.name.toLowerCase());
    const board: BoardRec = {
      id: newId(state),
      ownerId: owner.id,
      name: b.name,
      description: b.description ?? null,
      privacy: b.privacy ?? 'PUBLIC',
      is_ads_only: false,
      created_at: createdAt,
    };
    state.boards.set(board.id, board);
    for (const name of b.sections ?? []) {
      const id = newId(state);
      state.sections.set(id, { id, boardId: board.id, name });
    }
  }
}

function addPin(state: EmulatorState, p: SeedPin, now: number) {
  const owner = p.user ? findUser(state, p.user) : state.user;
  if (!owner) throw new Error(`seed: pin user ${p.user} is unknown`);
  const board =
    state.boards.get(p.board) ??
    [...state.boards.values()].find((b) => b.ownerId === owner.id && b.name === p.board);
  if (!board) throw new Error(`seed: pin board ${p.board} is unknown`);
  let sectionId: string | null = null;
  if (p.section) {
    const section =
      state.sections.get(p.section) ??
      [...state.sections.values()].find((s) => s.boardId === board.id && s.name === p.section);
    if (!section || section.boardId !== board.id)
      throw new Error(`seed: pin section ${p.section} is not in board ${board.name}`);
    sectionId = section.id;
  }
  const id = newId(state);
  const image = {
    url: p.image?.url ?? `https://i.pinimg.com/originals/emulator/${id}.jpg`,
    width: p.image?.width ?? 1000,
    height: p.image?.height ?? 1500,
    mime: 'image/jpeg',
  };
  const pin: PinRec = {
    id,
    ownerId: owner.id,
    created_at: p.created_at ? new Date(p.created_at).toISOString() : new Date(now).toISOString(),
    board_id: board.id,
    board_section_id: sectionId,
    title: p.title ?? null,
    description: p.description ?? null,
    link: p.link ?? null,
    alt_text: p.alt_text ?? null,
    dominant_color: '#6e7874',
    parent_pin_id: null,
    creative_type: p.creative_type ?? 'REGULAR',
    media_source_type: p.creative_type === 'VIDEO' ? 'video_id' : 'image_url',
    is_standard: true,
    ...(p.creative_type === 'VIDEO'
      ? {
          video: {
            media_id: newId(state),
            cover: image,
            cover_image_key_frame_time: null,
            reads: 1,
          },
        }
      : { image }),
  };
  state.pins.set(pin.id, pin);
}

/**
 * Adds a seed to a state: users, boards, sections, pins and tokens are added; the app, flags, rate
 * limits and the primary user's fields are merged.
 */
export function applySeed(state: EmulatorState, seed: SeedInput, now: number): EmulatorState {
  const createdAt = new Date(now - 365 * 86_400_000).toISOString();
  if (seed.app) state.app = { ...state.app, ...seed.app };
  const flags: Partial<EmulatorFlags> = { ...seed.flags };
  for (const key of FLAG_KEYS)
    if (seed[key] !== undefined) (flags as Record<string, unknown>)[key] = seed[key];
  try {
    state.flags = { ...state.flags, ...checkFlags(flags) };
  } catch (e) {
    throw new Error(`seed: ${(e as Error).message}`);
  }
  if (seed.rateLimits) state.rateLimits = { ...state.rateLimits, ...seed.rateLimits };
  if (seed.user) {
    const primary = addUser(
      state,
      { ...state.user, ...seed.user },
      state.user.id || DEFAULT_USER.id
    );
    if (state.user.id && state.user.id !== primary.id) {
      for (const rec of [...state.boards.values(), ...state.pins.values(), ...state.media.values()])
        if (rec.ownerId === state.user.id) rec.ownerId = primary.id;
      for (const rec of [...state.tokens.values(), ...state.codes.values()])
        if (rec.userId === state.user.id) rec.userId = primary.id;
    }
    state.user = primary;
  }
  if (seed.boards || seed.extraBoards)
    addBoards(state, state.user, seed.boards ?? [], seed.extraBoards ?? 0, createdAt);
  for (const u of seed.users ?? []) {
    const { boards, extraBoards, rateLimits, ...account } = u;
    const user = addUser(state, account, String(549_755_885_200 + state.users.size));
    addBoards(state, user, boards ?? [], extraBoards ?? 0, createdAt);
    if (rateLimits)
      state.userRateLimits.set(user.id, { ...state.userRateLimits.get(user.id), ...rateLimits });
  }
  for (const p of seed.pins ?? []) addPin(state, p, now);
  for (const t of seed.tokens ?? []) {
    const user = t.user ? findUser(state, t.user) : state.user;
    if (!user) throw new Error(`seed: token user ${t.user} is unknown`);
    state.tokens.set(t.token, {
      token: t.token,
      kind: 'access',
      userId: user.id,
      clientId: null,
      scopes: parseScopeList(t.scope ?? DEFAULT_SCOPE),
      expiresAt: toMs(t.expiresAt),
      revoked: false,
    });
  }
  return state;
}

/**
 * A fresh state: every part the seed leaves out comes from DEFAULT_SEED (`boards: []` means none).
 */
export function createState(seed: SeedInput = {}, now: number = Date.now()): EmulatorState {
  const state = emptyState();
  return applySeed(
    state,
    {
      ...seed,
      app: { ...DEFAULT_SEED.app, ...seed.app },
      user: { ...DEFAULT_SEED.user, ...seed.user },
      boards: seed.boards ?? DEFAULT_SEED.boards,
      tokens: seed.tokens ?? DEFAULT_SEED.tokens,
    },
    now
  );
}
