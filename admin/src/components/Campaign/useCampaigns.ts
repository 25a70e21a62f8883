import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountDTO } from '../../../../common/wire';
import type {
  CampaignDTO,
  CampaignInputWire,
  CampaignOptionsDTO,
  CampaignPreviewDTO,
} from '../../../../common/campaigns';
import {
  useApiErrorText,
  useApiQuery,
  usePinterestApi,
  type CampaignAction,
  type PinterestApi,
} from '../../api';

let optionsCache: Promise<CampaignOptionsDTO> | null = null;

/** The planner's options, asked once per page load (asked again after a failure). */
function cachedOptions(api: PinterestApi): Promise<CampaignOptionsDTO> {
  optionsCache ??= api.campaignOptions().catch((e: unknown) => {
    optionsCache = null;
    throw e;
  });
  return optionsCache;
}

/**
 * What the planner offers (content types that pin, their fields, locales); loaded once per page
 * load.
 */
export function useCampaignOptions(enabled = true) {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const load = useCallback(() => cachedOptions(api), [api]);
  const { data, error } = useApiQuery(enabled ? load : null);
  return { options: data, error: error ? errorText(error) : null };
}

interface PreviewState {
  /** The input (serialised) this answer is for. */
  key: string | null;
  preview: CampaignPreviewDTO | null;
  error: string | null;
}

/**
 * The plan for the form's current values, asked again (debounced) whenever they change; the last
 * answer stays on screen while the next one is computed.
 */
export function usePlanPreview(input: CampaignInputWire | null, delayMs = 400) {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const [state, setState] = useState<PreviewState>({ key: null, preview: null, error: null });
  const key = input ? JSON.stringify(input) : null;
  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = setTimeout(() => {
      api.previewCampaign(JSON.parse(key) as CampaignInputWire).then(
        (preview) => {
          if (live) setState({ key, preview, error: null });
        },
        (e: unknown) => {
          if (live) setState({ key, preview: null, error: errorText(e) });
        }
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, api, errorText, delayMs]);
  return {
    preview: key ? state.preview : null,
    error: key ? state.error : null,
    loading: key !== null && state.key !== key,
  };
}

const isLive = (c: CampaignDTO) => c.status === 'running' || c.progress.planning;

/**
 * One campaign, kept fresh by polling (every 2 s while it runs, every 15 s otherwise). A failed
 * poll keeps the last answer on screen (marked stale) and tries again later; the actions answer
 * with the new state.
 */
export function useCampaign(id: number | null) {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const [campaign, setCampaign] = useState<CampaignDTO | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const live = useRef(true);

  const load = useCallback(async () => {
    if (id === null) return;
    try {
      const next = await api.getCampaign(id);
      live.current = isLive(next);
      setCampaign(next);
      setError(null);
      setStale(false);
    } catch (e) {
      setStale(true);
      setError(errorText(e));
    }
  }, [api, errorText, id]);

  useEffect(() => {
    if (id === null) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const loop = async () => {
      await load();
      if (stopped) return;
      timer = setTimeout(() => void loop(), live.current ? 2_000 : 15_000);
    };
    void loop();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [id, load]);

  /** Pause, resume, cancel or retry every failed pin; with `itemId`, retry that pin only. */
  const act = useCallback(
    async (action: CampaignAction, itemId?: number) => {
      if (id === null) throw new Error('No campaign');
      const next =
        itemId !== undefined
          ? await api.retryCampaignItem(id, itemId)
          : await api.campaignAction(id, action);
      live.current = isLive(next);
      setCampaign(next);
      return next;
    },
    [api, id]
  );

  return {
    campaign,
    error,
    stale,
    reload: load,
    act,
    live: campaign ? isLive(campaign) : true,
  };
}

/**
 * A page of a campaign's pins in some states (failed ones with their reasons, skipped ones with
 * theirs), and why it could not be loaded.
 */
export function useCampaignItems(id: number | null, states: string, version: unknown) {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const [page, setPage] = useState(1);
  const load = useCallback(
    () => api.campaignItems(id ?? 0, states, page, 10),
    [api, id, states, page]
  );
  const { data, error } = useApiQuery(id === null ? null : load, version);
  return { data, error: error ? errorText(error) : null, page, setPage };
}

/** The campaigns, newest first, asked again every 5 s. */
export function useCampaignList() {
  const api = usePinterestApi();
  const errorText = useApiErrorText();
  const [campaigns, setCampaigns] = useState<CampaignDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const loop = async () => {
      try {
        const list = await api.listCampaigns();
        if (stopped) return;
        setCampaigns(list);
        setError(null);
      } catch (e) {
        if (stopped) return;
        setError(errorText(e));
      }
      timer = setTimeout(() => void loop(), 5_000);
    };
    void loop();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, errorText]);
  return { campaigns, error };
}

/**
 * The connected accounts a campaign can pin with (OAuth ones; a configured token is the default).
 */
const choices = (accounts: AccountDTO[] | null) =>
  (accounts ?? []).filter((a) => a.source === 'oauth' && a.status === 'connected');

/** Several accounts: the accounts a campaign can choose from, once loaded. */
export function useCampaignAccounts() {
  const api = usePinterestApi();
  const { data } = useApiQuery(api.listAccounts);
  return choices(data);
}
