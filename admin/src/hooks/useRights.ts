import { useEffect, useMemo, useState } from 'react';
import { useAuth } from '@strapi/strapi/admin';

type Perm = { action: string; subject?: string | null };
type CheckPermissions = (permissions: Perm[]) => Promise<Perm[]>;

export interface Rights<K extends string> {
  /** True until the rights have been checked against the user's loaded permissions once. */
  isLoading: boolean;
  allowedActions: Record<K, boolean>;
}

/**
 * What the signed-in user may do, by name: `useRights({ canRead: PERMISSIONS.readSettings })`.
 *
 * Strapi's own `useRBAC` checks once per permission list: when that check runs before the user's
 * permissions have loaded (a full page load straight onto one of our pages), its answer stays
 * "no" for good, because a later change of the user's permissions does not run it again (seen as
 * a super admin shown "no permissions" on the Content types page). This hook checks again
 * whenever the user's permissions change, through the same `checkUserHasPermissions` (so RBAC
 * conditions are honoured); the last answer stays shown while a new check runs, so a refetch of
 * the permissions never blanks a page being edited.
 */
export function useRights<K extends string>(wanted: Record<K, Perm[]>): Rights<K> {
  const authLoading = useAuth('useRights', (s) => s.isLoading);
  const check = useAuth(
    'useRights',
    (s) => s.checkUserHasPermissions as unknown as CheckPermissions
  );
  const key = JSON.stringify(wanted);
  const names = useMemo(() => Object.keys(JSON.parse(key) as object) as K[], [key]);
  const none = useMemo(
    () => Object.fromEntries(names.map((n) => [n, false])) as Record<K, boolean>,
    [names]
  );
  const [answer, setAnswer] = useState<{ key: string; allowed: Record<K, boolean> } | null>(null);

  useEffect(() => {
    if (authLoading) return undefined;
    let current = true;
    const asked = Object.entries(JSON.parse(key) as Record<K, Perm[]>) as Array<[K, Perm[]]>;
    Promise.all(
      asked.map(async ([name, perms]) => [name, (await check(perms)).length > 0] as const)
    )
      .then((results) => {
        if (current) setAnswer({ key, allowed: Object.fromEntries(results) as Record<K, boolean> });
      })
      // a failed check (the conditions endpoint refused) grants nothing
      .catch(() => {
        if (current) setAnswer({ key, allowed: none });
      });
    return () => {
      current = false;
    };
  }, [authLoading, check, key, none]);

  const fresh = answer?.key === key ? answer : null;
  return { isLoading: !fresh, allowedActions: fresh ? fresh.allowed : none };
}
