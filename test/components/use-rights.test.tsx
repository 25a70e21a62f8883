/** @jest-environment jsdom */
/**
 * useRights checks the user's rights again whenever the user's permissions change. Strapi's own
 * useRBAC checks once per permission list, so a check that ran before the permissions loaded
 * (a full page load straight onto a plugin page) left a super admin on "no permissions" for good.
 */
import { act, render, screen } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { useRights } from '../../admin/src/hooks/useRights';
import { PERMISSIONS } from '../../admin/src/permissions';

type Perm = { action: string; subject?: string | null };
interface AuthState {
  isLoading: boolean;
  checkUserHasPermissions: (perms: Perm[]) => Promise<Perm[]>;
}

/** Strapi's auth store, as its provider changes it: a new check each time permissions load. */
const mockAuth = (() => {
  let state: AuthState;
  const listeners = new Set<() => void>();
  const checks: Perm[][] = [];
  const withPermissions = (granted: Perm[], isLoading = false): AuthState => ({
    isLoading,
    checkUserHasPermissions: (perms) => {
      checks.push(perms);
      return Promise.resolve(granted.filter((g) => perms.some((p) => p.action === g.action)));
    },
  });
  return {
    checks,
    reset(granted: Perm[], isLoading: boolean) {
      state = withPermissions(granted, isLoading);
      checks.length = 0;
    },
    load(granted: Perm[], failing = false) {
      state = failing
        ? { isLoading: false, checkUserHasPermissions: () => Promise.reject(new Error('403')) }
        : withPermissions(granted);
      listeners.forEach((l) => l());
    },
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    get: () => state,
  };
})();

jest.mock('@strapi/strapi/admin', () => ({
  useAuth: (_name: string, select: (s: AuthState) => unknown) =>
    select(useSyncExternalStore(mockAuth.subscribe, mockAuth.get)),
}));

function Probe() {
  const { isLoading, allowedActions } = useRights({
    canRead: PERMISSIONS.readSettings,
    canManage: PERMISSIONS.manageSettings,
  });
  if (isLoading) return <p>loading</p>;
  return (
    <p>
      read {String(allowedActions.canRead)}, manage {String(allowedActions.canManage)}
    </p>
  );
}

const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));

it('grants the rights once the permissions arrive after a first check found none', async () => {
  // the auth store says it has loaded, but the user's permissions are not there yet
  mockAuth.reset([], false);
  render(<Probe />);
  await flush();
  expect(screen.getByText('read false, manage false')).toBeTruthy();

  // the permissions load: the check changes, and the rights are checked again
  act(() => mockAuth.load([...PERMISSIONS.readSettings, ...PERMISSIONS.manageSettings]));
  await flush();
  expect(screen.getByText('read true, manage true')).toBeTruthy();
});

it('waits for the auth store to load before checking, then answers per name', async () => {
  mockAuth.reset([], true);
  render(<Probe />);
  await flush();
  expect(screen.getByText('loading')).toBeTruthy();
  expect(mockAuth.checks).toHaveLength(0);

  act(() => mockAuth.load(PERMISSIONS.readSettings));
  await flush();
  expect(screen.getByText('read true, manage false')).toBeTruthy();
  expect(mockAuth.checks).toEqual([PERMISSIONS.readSettings, PERMISSIONS.manageSettings]);
});

it('keeps the last answer while the permissions are checked again, and grants nothing on a failed check', async () => {
  mockAuth.reset(PERMISSIONS.readSettings, false);
  render(<Probe />);
  await flush();
  expect(screen.getByText('read true, manage false')).toBeTruthy();

  act(() => mockAuth.load([], true));
  // the new check has not answered yet: the page stays as it was (no flash of "loading")
  expect(screen.getByText('read true, manage false')).toBeTruthy();
  await flush();
  expect(screen.getByText('read false, manage false')).toBeTruthy();
});
