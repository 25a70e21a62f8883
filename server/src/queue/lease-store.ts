import type { Core } from '@strapi/strapi';
import { LEASE_UID } from '../content-types';

/** Named leases in the database: scheduled work runs on one Strapi instance at a time. */
export function createLeaseStore(strapi: Core.Strapi) {
  const q = () => strapi.db.query(LEASE_UID);
  return {
    /**
     * True when `owner` now holds `name` until now + ttl (taking it over if the last holder's lease
     * ran out).
     */
    async acquire(name: string, owner: string, ttlMs: number, now = Date.now()): Promise<boolean> {
      const { count } = await q().updateMany({
        where: { name, $or: [{ until: { $lt: now } }, { until: { $null: true } }, { owner }] },
        data: { owner, until: now + ttlMs },
      });
      if (count === 1) return true;
      if (await q().findOne({ where: { name } })) return false;
      try {
        await q().create({ data: { name, owner, until: now + ttlMs } });
        return true;
      } catch {
        return false; // another instance created it first
      }
    },
    async release(name: string, owner: string): Promise<void> {
      await q().updateMany({ where: { name, owner }, data: { until: null, owner: null } });
    },
  };
}

export type LeaseStore = ReturnType<typeof createLeaseStore>;
