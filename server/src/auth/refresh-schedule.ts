const DAY = 24 * 60 * 60 * 1000;

/** Refresh when the access token has less than this left. */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * DAY;
/** Refresh at least this often, which keeps the 60-day continuous refresh token alive. */
export const REFRESH_AT_LEAST_EVERY_MS = 30 * DAY;

export interface TokenTimes {
  accessTokenExpiresAt: number | null;
  lastRefreshAt: number | null;
  connectedAt: number | null;
}

/** Whether the scheduled refresh should renew the tokens now. Pure. */
export function needsRefresh(t: TokenTimes, now: number): boolean {
  if (t.accessTokenExpiresAt !== null && t.accessTokenExpiresAt - now < REFRESH_BEFORE_EXPIRY_MS)
    return true;
  const last = t.lastRefreshAt ?? t.connectedAt;
  return last !== null && now - last >= REFRESH_AT_LEAST_EVERY_MS;
}

/** Whole days until `expiresAt` (negative once past), for the admin's "expires in N days". */
export const daysLeft = (expiresAt: number | null, now: number): number | null =>
  expiresAt === null ? null : Math.floor((expiresAt - now) / DAY);
