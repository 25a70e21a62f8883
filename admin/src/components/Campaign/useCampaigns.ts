import { useCallback, useEffect, useRef, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type {
  CampaignDTO,
  CampaignInputWire,
  CampaignItemDTO,
  CampaignOptionsDTO,
  CampaignPreviewDTO,
} from '../../../../common/campaigns';

type FetchError = { response?: { data?: { error?: { message?: string } } }; message?: string };
/** The server's own words for a refusal (400, 409…), else the transport's. */
export const errorMessage = (e: unknown): string =>
  (e as FetchError).response?.data?.error?.message ?? (e as FetchError).message ?? 'error';

let optionsCache: Promise<CampaignOptionsDTO> | null = null;

/**
 * What the planner offers (content types that pin, their fields, locales); loaded once per page
 * load.
 */
export function useCampaignOptions(enabled = true) {
  const { get } = useFetchClient();
  const [options, setOptions] = useState<CampaignOptionsDTO | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    optionsCache ??= get<CampaignOptionsDTO>('/pinterest/campaigns/options').then((r) => r.data);
    optionsCache.then(setOptions, (e) => {
      optionsCache = null;
      setError(errorMessage(e));
    });
  }, [enabled, get]);
  return { options, error };
}

/**
 * The plan for the form's current values, asked again (debounced) whenever they change; the last
 * answer stays on screen while the next one is computed.
 */
export function usePlanPreview(input: CampaignInputWire | null, delayMs = 400) {
  const { post } = useFetchClient();
  const [preview, setPreview] = useState<CampaignPreviewDTO | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const key = input ? JSON.stringify(input) : null;
  const seq = useRef(0);
  useEffect(() => {
    if (!key) {
      setPreview(null);
      setError(null);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      post<CampaignPreviewDTO>('/pinterest/campaigns/preview', JSON.parse(key))
        .then(({ data }) => {
          if (mine !== seq.current) return;
          setPreview(data);
          setError(null);
        })
        .catch((e) => {
          if (mine !== seq.current) return;
          setPreview(null);
          setError(errorMessage(e));
        })
        .finally(() => mine === seq.current && setLoading(false));
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, post, delayMs]);
  return { preview, error, loading };
}

const LIVE = new Set(['running']);

/**
 * One campaign, kept fresh by polling (every 2 s while it runs, every 15 s otherwise). A failed
 * poll
 * keeps the last answer on screen and tries again later; the actions answer with the new state.
 */
export function useCampaign(id: number | null) {
  const { get, post } = useFetchClient();
  const [campaign, setCampaign] = useState<CampaignDTO | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const live = useRef(true);

  const load = useCallback(async () => {
    if (id === null) return;
    try {
      const { data } = await get<{ campaign: CampaignDTO }>(`/pinterest/campaigns/${id}`);
      live.current = LIVE.has(data.campaign.status) || data.campaign.progress.planning;
      setCampaign(data.campaign);
      setError(null);
      setStale(false);
    } catch (e) {
      setStale(true);
      setError(errorMessage(e));
    }
  }, [get, id]);

  useEffect(() => {
    if (id === null) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const loop = async () => {
      await load();
      if (stopped) return;
      timer = setTimeout(loop, live.current ? 2_000 : 15_000);
    };
    void loop();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [id, load]);

  const act = useCallback(
    async (action: 'pause' | 'resume' | 'cancel' | 'retry', itemId?: number) => {
      const path =
        itemId !== undefined
          ? `/pinterest/campaigns/${id}/items/${itemId}/retry`
          : `/pinterest/campaigns/${id}/${action}`;
      const { data } = await post<{ campaign: CampaignDTO }>(path, {});
      live.current = LIVE.has(data.campaign.status) || data.campaign.progress.planning;
      setCampaign(data.campaign);
      return data.campaign;
    },
    [id, post]
  );

  return {
    campaign,
    error,
    stale,
    reload: load,
    act,
    live: campaign ? LIVE.has(campaign.status) || campaign.progress.planning : true,
  };
}

/**
 * A page of a campaign's pins in some states (failed ones with their reasons, skipped ones with
 * theirs).
 */
export function useCampaignItems(id: number | null, states: string, version: unknown) {
  const { get } = useFetchClient();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{
    items: CampaignItemDTO[];
    pagination: { page: number; pageSize: number; total: number };
  } | null>(null);
  useEffect(() => {
    if (id === null) return;
    get<{
      items: CampaignItemDTO[];
      pagination: { page: number; pageSize: number; total: number };
    }>(`/pinterest/campaigns/${id}/items?state=${states}&page=${page}&pageSize=10`).then(
      ({ data: body }) => setData(body),
      () => undefined
    );
  }, [get, id, states, page, version]);
  return { data, page, setPage };
}

/** The campaigns, newest first. */
export function useCampaignList() {
  const { get } = useFetchClient();
  const [campaigns, setCampaigns] = useState<CampaignDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const loop = async () => {
      try {
        const { data } = await get<{ campaigns: CampaignDTO[] }>('/pinterest/campaigns');
        setCampaigns(data.campaigns);
        setError(null);
      } catch (e) {
        setError(errorMessage(e));
      }
      if (!stopped) timer = setTimeout(loop, 5_000);
    };
    void loop();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [get]);
  return { campaigns, error };
}
