import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { OAUTH_STATE_UID } from '../content-types';
import { dbNumber } from '../utils/db-columns';

/** A stored state: who asked, for which environment, until when. */
const stateRowSchema = z.object({
  id: dbNumber,
  adminUserId: dbNumber,
  environment: z.string(),
  expiresAt: dbNumber,
});

export const STATE_TTL_MS = 10 * 60 * 1000;

const hash = (state: string) => createHash('sha256').update(state).digest('hex');

export type StateCheck =
  | { ok: true; adminUserId: number; environment: string }
  | { ok: false; reason: 'unknown' | 'expired' };

/**
 * OAuth `state`: random (32 bytes), stored only as a hash, bound to the admin user who asked,
 * valid for 10 minutes, and consumed by the first callback that presents it (a replay finds
 * nothing).
 */
export function createOAuthStateStore(strapi: Core.Strapi, now: () => number = Date.now) {
  const q = () => strapi.db.query(OAUTH_STATE_UID);
  return {
    async issue(adminUserId: number, environment: string): Promise<string> {
      const state = randomBytes(32).toString('base64url');
      await q().deleteMany({ where: { expiresAt: { $lt: now() } } });
      await q().create({
        data: { stateHash: hash(state), adminUserId, environment, expiresAt: now() + STATE_TTL_MS },
      });
      return state;
    },

    /** Deletes the state (single use) and says whether it was valid. */
    async consume(state: string): Promise<StateCheck> {
      if (!state || state.length > 200) return { ok: false, reason: 'unknown' };
      const found: unknown = await q().findOne({ where: { stateHash: hash(state) } });
      if (!found) return { ok: false, reason: 'unknown' };
      const row = stateRowSchema.parse(found);
      const { count } = await q().deleteMany({ where: { id: row.id } });
      if (count !== 1) return { ok: false, reason: 'unknown' }; // another callback consumed it first
      if (row.expiresAt < now()) return { ok: false, reason: 'expired' };
      return { ok: true, adminUserId: row.adminUserId, environment: row.environment };
    },
  };
}

export type OAuthStateStore = ReturnType<typeof createOAuthStateStore>;
