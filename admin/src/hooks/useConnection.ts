import { useCallback, useEffect, useState } from 'react';
import type { AccountDTO, ConnectionDTO, SettingsDTO } from '../../../common/wire';
import { isApiError, useApiErrorText, useApiQuery, usePinterestApi } from '../api';

/** The connection as the server describes it, with the actions an administrator can take. */
export function useConnection() {
  const api = usePinterestApi();
  const [connection, setConnection] = useState<ConnectionDTO | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(
    () =>
      api.getConnection().then(
        (data) => {
          setConnection(data);
          setError(null);
        },
        (e: unknown) => setError(e)
      ),
    [api]
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  const run = useCallback(async <T>(action: () => Promise<T>) => {
    setBusy(true);
    try {
      return await action();
    } finally {
      setBusy(false);
    }
  }, []);

  return {
    connection,
    error,
    busy,
    reload,
    /** Sends the browser to Pinterest's consent page. */
    connect: () =>
      run(async () => {
        window.location.assign(await api.authorize());
      }),
    refresh: () =>
      run(async () => {
        const data = await api.refreshAccessToken();
        setConnection(data.connection);
        return data.outcome;
      }),
    resumeWrites: () =>
      run(async () => {
        setConnection(await api.resumeWrites());
      }),
    disconnect: () =>
      run(async () => {
        setConnection(await api.disconnect());
      }),
  };
}

/** The defaults per content type, and saving them (the answer replaces them). */
export function useSettings() {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const loaded = useApiQuery(api.getSettings);
  const [saved, setSaved] = useState<SettingsDTO | null>(null);
  const save = useCallback(
    async (next: SettingsDTO) => {
      const body = Object.fromEntries(
        next.contentTypes.map((c) => [
          c.uid,
          {
            pinOnPublish: c.pinOnPublish,
            defaultBoardId: c.defaultBoardId,
            defaultBoardSectionId: c.defaultBoardSectionId,
            onUnpublish: c.onUnpublish,
            defaultTemplate: c.defaultTemplate,
            // several accounts: kept as loaded when the card does not show them
            ...(c.defaultAccountId !== undefined && { defaultAccountId: c.defaultAccountId }),
            ...(c.localeDefaults !== undefined && { localeDefaults: c.localeDefaults }),
          },
        ])
      );
      setSaved(await api.saveSettings(body));
    },
    [api]
  );
  return {
    settings: saved ?? loaded.data,
    error: loaded.error ? errorText(loaded.error) : null,
    save,
  };
}

/** The account's boards (all pages), while connected. */
export function useBoards(enabled: boolean) {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const { data, error } = useApiQuery(enabled ? api.listBoards : null);
  return { boards: data, error: error ? errorText(error) : null };
}

/**
 * Several accounts: every account of this environment (the default first), reloaded after each
 * action, and the actions an administrator can take on one.
 */
export function useAccounts() {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const [version, setVersion] = useState(0);
  const loaded = useApiQuery(api.listAccounts, version);
  const [changed, setChanged] = useState<{ version: number; accounts: AccountDTO[] } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const run = useCallback(
    async (accountId: number, action: () => Promise<AccountDTO[]>) => {
      setBusy(accountId);
      try {
        setChanged({ version, accounts: await action() });
      } finally {
        setBusy(null);
      }
    },
    [version]
  );
  // a settings reader without Read pins may not list them: the page shows the connection alone
  const refused = isApiError(loaded.error) && loaded.error.status === 403;
  return {
    accounts: changed && changed.version === version ? changed.accounts : loaded.data,
    /** Asks the server again (after the connection card changed the default account). */
    reload: () => setVersion((v) => v + 1),
    error: loaded.error && !refused ? errorText(loaded.error) : null,
    /** The account an action is running on. */
    busy,
    makeDefault: (accountId: number) => run(accountId, () => api.setDefaultAccount(accountId)),
    disconnect: (accountId: number) => run(accountId, () => api.disconnectAccount(accountId)),
  };
}

/**
 * Several accounts: an account's boards (null: none asked, e.g. the default account, whose boards
 * the caller has already).
 */
export function useAccountBoards(accountId: number | null) {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const load = useCallback(() => api.listBoards(accountId), [api, accountId]);
  const { data, error, loading } = useApiQuery(accountId === null ? null : load);
  // never the previous account's boards while this one's load
  return { boards: loading ? null : data, error: error ? errorText(error) : null };
}

/** The site's locales, when asked (`enabled`). */
export function useLocales(enabled: boolean) {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const { data, error } = useApiQuery(enabled ? api.listLocales : null);
  return { locales: data, error: error ? errorText(error) : null };
}

/**
 * Several accounts: the account a content type pins to when it is not the default one (set in
 * Settings → Pinterest → Defaults per content type), and its boards; null without a choice of
 * accounts or for a type on the default account.
 */
export function useTypeAccount(uid: string) {
  const api = usePinterestApi();
  const accounts = useApiQuery(api.listAccounts);
  const settings = useApiQuery(api.getSettings);
  const accountId =
    settings.data?.contentTypes.find((c) => c.uid === uid)?.defaultAccountId ?? null;
  const account =
    (accounts.data ?? []).find((a) => a.id === accountId && !a.isDefault && a.source === 'oauth') ??
    null;
  const { boards, error } = useAccountBoards(account ? account.id : null);
  return { account, boards, error };
}
