import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { OAUTH_STATE_UID } from '../content-types';
import { dbNumber } from '../utils/db-columns';

/** A stored state: who asked, for which environment, until when. */
const stateRowSchema = z.object({
  id: dbNumber,
  adminUserId: dbNumber,
  browserHash: z.string().nullish(),
  environment: z.string(),
  expiresAt: dbNumber,
});

export const STATE_TTL_MS = 10 * 60 * 1000;

const hash = (state: string) => createHash('sha256').update(state).digest('hex');

export type StateCheck =
  | { ok: true; adminUserId: number; environment: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'other-browser' };

/** A new flow: the state for the consent URL, and the secret the starting browser keeps. */
export interface IssuedState {
  state: string;
  /** Goes into a short-lived httpOnly cookie; only its hash is stored. */
  browserSecret: string;
}

/**
 * OAuth `state`: random (32 bytes), stored only as a hash, bound to the admin user who asked and to
 * the browser that asked (a second random secret kept in that browser's cookie, stored as a hash:
 * never in a URL), valid for 10 minutes, and consumed by the first callback that presents it (a
 * replay finds nothing).
 */
export function createOAuthStateStore(strapi: Core.Strapi, now: () => number = Date.now) {
  const q = () => strapi.db.query(OAUTH_STATE_UID);
  return {
    async issue(adminUserId: number, environment: string): Promise<IssuedState> {
      const state = randomBytes(32).toString('base64url');
      const browserSecret = randomBytes(32).toString('base64url');
      await q().deleteMany({ where: { expiresAt: { $lt: now() } } });
      await q().create({
        data: {
          stateHash: hash(state),
          browserHash: hash(browserSecret),
          adminUserId,
          environment,
          expiresAt: now() + STATE_TTL_MS,
        },
      });
      return { state, browserSecret };
    },

    /**
     * Deletes the state (single use) and says whether it was valid and came back to the browser
     * that started the flow.
     */
    async consume(state: string, browserSecret: string | undefined): Promise<StateCheck> {
      if (!state || state.length > 200) return { ok: false, reason: 'unknown' };
      const found: unknown = await q().findOne({ where: { stateHash: hash(state) } });
      if (!found) return { ok: false, reason: 'unknown' };
      const row = stateRowSchema.parse(found);
      const { count } = await q().deleteMany({ where: { id: row.id } });
      if (count !== 1) return { ok: false, reason: 'unknown' }; // another callback consumed it first
      if (row.expiresAt < now()) return { ok: false, reason: 'expired' };
      const presented = Buffer.from(hash(browserSecret ?? ''), 'hex');
      const expected = Buffer.from(row.browserHash ?? '', 'hex');
      if (!browserSecret || expected.length !== 32 || !timingSafeEqual(presented, expected))
        return { ok: false, reason: 'other-browser' };
      return { ok: true, adminUserId: row.adminUserId, environment: row.environment };
    },
  };
}

export type OAuthStateStore = ReturnType<typeof createOAuthStateStore>;
