import type { LinkCheckConfig } from '../config/schema';
import type { LeaseStore } from '../queue/lease-store';
import type { LinkHealthStore, LinkRow } from './link-health-store';
import type { LinkCheckResult } from './link-verdict';

export const SCAN_LEASE = 'link-health';
const LEASE_MS = 5 * 60_000;

export interface LinkScanDeps {
  store: LinkHealthStore;
  leases: LeaseStore;
  owner: string;
  config: () => LinkCheckConfig & { enabled: boolean };
  check: (link: string) => Promise<LinkCheckResult>;
  /** A live pin's link that worked (or was never checked) now fails. */
  onBroken: (row: LinkRow, result: LinkCheckResult) => Promise<void>;
  stopping: () => boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface LinkScanResult {
  outcome: 'done' | 'busy' | 'disabled';
  checked: number;
  broken: number;
  newlyBroken: number;
}

/**
 * One run of the link-health scan, on one Strapi instance at a time (a named lease, like the
 * analytics sync): live pins' links, oldest check first, at most `scan.maxPerRun` of them,
 * `scan.spacingMs` apart (the site is not hammered), each result stored on the pin record.
 */
export function createLinkScan(deps: LinkScanDeps) {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return async function runOnce(): Promise<LinkScanResult> {
    const cfg = deps.config();
    const result: LinkScanResult = { outcome: 'done', checked: 0, broken: 0, newlyBroken: 0 };
    if (!cfg.enabled || !cfg.scan.enabled) return { ...result, outcome: 'disabled' };
    if (!(await deps.leases.acquire(SCAN_LEASE, deps.owner, LEASE_MS)))
      return { ...result, outcome: 'busy' };
    try {
      const due = await deps.store.due(
        now(),
        cfg.scan.recheckAfterHours * 3_600_000,
        cfg.scan.maxPerRun
      );
      for (const [i, row] of due.entries()) {
        if (deps.stopping()) break;
        if (i > 0 && cfg.scan.spacingMs) await sleep(cfg.scan.spacingMs);
        if (!(await deps.leases.acquire(SCAN_LEASE, deps.owner, LEASE_MS))) break;
        const checked = await deps.check(row.link!);
        await deps.store.save(row.id, checked);
        result.checked += 1;
        if (checked.state === 'broken') {
          result.broken += 1;
          if (row.linkStatus !== 'broken') {
            result.newlyBroken += 1;
            await deps.onBroken(row, checked);
          }
        }
      }
    } finally {
      await deps.leases.release(SCAN_LEASE, deps.owner);
    }
    return result;
  };
}
