import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { BoardDTO, ConnectionDTO, SettingsDTO } from '../../../common/wire';

/** The connection as the server describes it, with the actions an administrator can take. */
export function useConnection() {
  const { get, post, del } = useFetchClient();
  const [connection, setConnection] = useState<ConnectionDTO | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      const { data } = await get<ConnectionDTO>('/pinterest/connection');
      setConnection(data);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [get]);

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
        const { data } = await post<{ url: string }>('/pinterest/connection/authorize', {});
        window.location.assign(data.url);
      }),
    refresh: () =>
      run(async () => {
        const { data } = await post<{ outcome: string; connection: ConnectionDTO }>(
          '/pinterest/connection/refresh',
          {}
        );
        setConnection(data.connection);
        return data.outcome;
      }),
    resumeWrites: () =>
      run(async () => {
        const { data } = await post<ConnectionDTO>('/pinterest/connection/resume-writes', {});
        setConnection(data);
      }),
    disconnect: () =>
      run(async () => {
        const { data } = await del<ConnectionDTO>('/pinterest/connection');
        setConnection(data);
      }),
  };
}

export function useSettings() {
  const { get, put } = useFetchClient();
  const [settings, setSettings] = useState<SettingsDTO | null>(null);
  useEffect(() => {
    void get<SettingsDTO>('/pinterest/settings').then(({ data }) => setSettings(data));
  }, [get]);
  const save = useCallback(
    async (next: SettingsDTO) => {
      const body = {
        contentTypes: Object.fromEntries(
          next.contentTypes.map((c) => [
            c.uid,
            {
              pinOnPublish: c.pinOnPublish,
              defaultBoardId: c.defaultBoardId,
              defaultBoardSectionId: c.defaultBoardSectionId,
              onUnpublish: c.onUnpublish,
            },
          ])
        ),
      };
      const { data } = await put<SettingsDTO>('/pinterest/settings', body);
      setSettings(data);
    },
    [put]
  );
  return { settings, setSettings, save };
}

/** The account's boards (all pages), while connected. */
export function useBoards(enabled: boolean) {
  const { get } = useFetchClient();
  const [boards, setBoards] = useState<BoardDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    get<{ boards: BoardDTO[] }>('/pinterest/boards')
      .then(({ data }) => setBoards(data.boards))
      .catch((e: { response?: { data?: { error?: { message?: string } } }; message?: string }) =>
        setError(e.response?.data?.error?.message ?? e.message ?? 'error')
      );
  }, [enabled, get]);
  return { boards, error };
}
