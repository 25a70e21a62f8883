import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { PIN_FIELD_UID } from '../../../common/pin-field';
import { createAccountStore } from '../auth/account-store';
import { environmentOf } from '../auth/environment';
import { createOAuthClient } from '../auth/oauth-client';
import { createOAuthStateStore } from '../auth/oauth-state-store';
import { parseTokenKeys } from '../auth/token-crypto';
import { createTokenProvider, type TokenProvider } from '../auth/token-provider';
import { parsePluginConfig, type ContentTypeMapping, type PluginConfig } from '../config/schema';
import type { MediaSourceContext } from '../media/media-source';
import type { VideoPollPolicy } from '../media/video-pin';
import { NO_LOCALE } from '../pins/job-keys';
import { createPinRecordStore } from '../pins/pin-record-store';
import { createReconcileMarks } from '../pins/reconcile-marks';
import { createPostStore } from '../posts/post-store';
import { PinterestClient } from '../pinterest/client';
import { createJobStore } from '../queue/job-store';
import { createLeaseStore } from '../queue/lease-store';
import { createRateLimiter, type RateLimiter } from '../rate/rate-limiter';
import { categoryOf } from '../rate/rate-limits';
import { createMappingRegistry } from '../settings/mapping-registry';
import { createSettingsStore, effectiveMapping } from '../settings/settings-store';
import { isLocalized } from '../utils/is-localized';
import { populateFor, previewLinkOf, type EntryLink } from '../mapping/entry-values';
import { attributesOf } from '../utils/attributes-of';
import { groupCommit } from '../utils/group-commit';

/** An entry version to read: the published one of a document in a locale. */
export interface PublishedEntryRef {
  contentType: string;
  documentId: string;
  locale: string;
}

/**
 * The private wiring under the services, built once per Strapi instance: the parsed config, the
 * stores, the account's tokens, the shared rate budget, the Pinterest client, and the handful of
 * lookups every part needs. Only the service factories (./wiring.ts) see it; controllers never do.
 */
export function createPluginCore(strapi: Core.Strapi) {
  let config: PluginConfig | null = null;
  /** Set by the queue service while this instance's worker runs. */
  let kickWorker: () => void = () => undefined;
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  const getConfig = (): PluginConfig => {
    config ??= parsePluginConfig(strapi.config.get('plugin::pinterest'));
    return config;
  };
  const environment = () => environmentOf(getConfig().apiUrl);

  const jobs = createJobStore(strapi);
  const records = createPinRecordStore(strapi);
  const settings = createSettingsStore(strapi);
  const leases = createLeaseStore(strapi);
  const posts = createPostStore(strapi);
  const reconcileMarks = createReconcileMarks(strapi);
  const accounts = createAccountStore(strapi, () => parseTokenKeys(getConfig()));
  const states = createOAuthStateStore(strapi);

  const oauthClient = () => {
    const cfg = getConfig();
    return cfg.appId && cfg.appSecret
      ? createOAuthClient({
          apiUrl: cfg.apiUrl,
          appId: cfg.appId,
          appSecret: cfg.appSecret,
          timeoutMs: cfg.http.timeoutMs,
          continuousRefresh: cfg.continuousRefresh,
        })
      : null;
  };

  /**
   * Per account (its row id; null: the environment's default account, or the configured token
   * while none is connected): one token provider, one rate budget and one Pinterest client, made
   * on first use and kept.
   */
  type AccountRef = number | null;
  const slot = (accountId: AccountRef) => (accountId === null ? 'default' : String(accountId));
  const tokenProviders = new Map<string, TokenProvider>();
  const tokensFor = (accountId: AccountRef): TokenProvider => {
    let provider = tokenProviders.get(slot(accountId));
    if (!provider) {
      provider = createTokenProvider({
        accounts,
        get environment() {
          return environment();
        },
        accountId,
        oauth: oauthClient,
        get staticToken() {
          return getConfig().accessToken;
        },
        owner,
        log: strapi.log,
      });
      tokenProviders.set(slot(accountId), provider);
    }
    return provider;
  };
  const tokens = tokensFor(null);

  /** An account's key never changes: kept once read. The default is the recent read's. */
  const keys = new Map<number, string>();
  const accountKeyOf = async (accountId: AccountRef): Promise<string> => {
    if (accountId === null)
      return (await accounts.recentDefault(environment()))?.accountKey ?? environment();
    const known = keys.get(accountId);
    if (known) return known;
    const row = await accounts.byId(accountId);
    const key = row?.accountKey ?? `${environment()}:#${accountId}`;
    if (row) keys.set(accountId, key);
    return key;
  };

  const limiters = new Map<string, RateLimiter>();
  const limiterFor = (accountId: AccountRef): RateLimiter => {
    let limiter = limiters.get(slot(accountId));
    if (!limiter) {
      limiter = createRateLimiter(strapi, {
        settings: () => getConfig().rateLimits,
        accountKey: () => accountKeyOf(accountId),
        // never wait so long that a job's lease could run out
        maxWaitMs: Math.min(10_000, Math.floor(getConfig().worker.leaseMs / 3)),
      });
      limiters.set(slot(accountId), limiter);
    }
    return limiter;
  };
  const limiter = limiterFor(null);

  const clients = new Map<string, PinterestClient>();
  /** The Pinterest client of an account (the default one when none is named). */
  const getClient = (accountId: AccountRef = null): PinterestClient => {
    let client = clients.get(slot(accountId));
    if (!client) {
      const cfg = getConfig();
      const accountTokens = tokensFor(accountId);
      const accountLimiter = limiterFor(accountId);
      client = new PinterestClient({
        apiUrl: cfg.apiUrl,
        getAccessToken: () => accountTokens.getAccessToken(),
        onUnauthorized: () => accountTokens.onUnauthorized(),
        beforeRequest: (method, path) => accountLimiter.acquire(categoryOf(method, path)),
        timeoutMs: cfg.http.timeoutMs,
        connections: cfg.http.connections,
      });
      clients.set(slot(accountId), client);
    }
    return client;
  };

  const serverUrl = (): string | undefined => {
    const url: unknown = strapi.config.get('server.url');
    return typeof url === 'string' && url ? url : undefined;
  };

  /** This Strapi's public base URL (config.publicUrl, server.url, or its own host and port). */
  const publicUrl = (): string => {
    const own = getConfig().publicUrl;
    if (own) return own.replace(/\/$/, '');
    const url = serverUrl();
    if (url && /^https?:\/\//.test(url)) return url.replace(/\/$/, '');
    const host = String(strapi.config.get('server.host'));
    const address = strapi.server?.httpServer?.address?.();
    const port =
      address && typeof address === 'object'
        ? address.port
        : Number(strapi.config.get('server.port'));
    return `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  };

  /** Which content types pin: the config's, then those enabled in Settings → Pinterest. */
  const mappings = createMappingRegistry({
    config: () => getConfig().contentTypes,
    load: async () => {
      const stored = await settings.mappings();
      return Object.fromEntries(
        Object.entries(stored)
          // a content type removed from the app since is not pinned (nor shown)
          .filter(([uid, m]) => m.enabled && uid in strapi.contentTypes)
          .map(([uid, { enabled: _enabled, ...mapping }]) => [uid, mapping])
      );
    },
  });

  /**
   * The content type's mapping (the config's, else the admin's), with the administrator's saved
   * defaults on top.
   */
  const mappingFor = async (contentType: string): Promise<ContentTypeMapping | null> => {
    await mappings.refresh();
    const base = mappings.get(contentType)?.mapping;
    if (!base) return null;
    return effectiveMapping(base, (await settings.get()).contentTypes[contentType]);
  };

  type PreviewHandler = (
    uid: string,
    params: { documentId: string; locale: string; status: 'published' | 'draft' }
  ) => unknown;
  /** The app's preview handler, when it configures an enabled preview. */
  const previewHandler = (): PreviewHandler | null => {
    const preview = strapi.config.get<
      { enabled?: boolean; config?: { handler?: unknown } } | undefined
    >('admin.preview');
    if (!preview || preview.enabled === false) return null;
    return typeof preview.config?.handler === 'function'
      ? (preview.config.handler as PreviewHandler)
      : null;
  };

  /** The attribute of a content type that holds the `plugin::pinterest.pin` custom field. */
  const pinFieldOf = (contentType: string, mapping: ContentTypeMapping): string | null => {
    if (mapping.pinField) return mapping.pinField;
    const attributes = strapi.contentType(contentType as never)?.attributes ?? {};
    const found = Object.entries(attributes).find(
      ([, a]) => 'customField' in a && a.customField === PIN_FIELD_UID
    );
    return found ? found[0] : null;
  };

  return {
    strapi,
    owner,
    getConfig,
    environment,
    redirectUri: () => getConfig().redirectUri ?? `${publicUrl()}/pinterest/oauth/callback`,
    jobs,
    records,
    settings,
    leases,
    posts,
    accounts,
    states,
    tokens,
    limiter,
    getClient,
    tokensFor,
    limiterFor,
    /**
     * The account a choice stands for: the named account's id, the default account's for null
     * (null while only a configured token pins).
     */
    accountOf: async (accountId: number | null): Promise<number | null> =>
      accountId ?? (await accounts.recentDefault(environment()))?.id ?? null,
    mappingFor,
    pinFieldOf,
    mappings,
    reconcileMarks,
    isMapped: (contentType: string) => mappings.isMapped(contentType),
    /** The content types that pin (config and admin), as last read. */
    mappedTypes: () => mappings.uids(),

    /**
     * Where media is read from and which private hosts may be fetched (demo, tests, an intranet
     * CDN).
     */
    mediaContext: (): MediaSourceContext => {
      const cfg = getConfig();
      return {
        publicUrl: cfg.publicUrl ?? serverUrl(),
        allowlist: cfg.mediaHostAllowlist,
        publicDir: strapi.dirs.static.public,
        timeoutMs: cfg.http.timeoutMs,
        downloads: cfg.downloads,
      };
    },

    /** Video uploads: polling and cover defaults. */
    videoPolicy: (): VideoPollPolicy => {
      const { video } = getConfig();
      return {
        initialDelayMs: video.pollInitialMs,
        maxDelayMs: video.pollMaxMs,
        timeoutMs: video.processingTimeoutMs,
        uploadTimeoutMs: video.uploadTimeoutMs,
        defaultKeyFrameSeconds: video.defaultKeyFrameSeconds,
      };
    },

    /**
     * The published version of an entry with what these paths need populated (media, components,
     * relations, dynamic zones), or null when there is none.
     */
    loadPublishedEntry: async (
      ref: PublishedEntryRef,
      paths: string[]
    ): Promise<Record<string, unknown> | null> => {
      const populate = populateFor(ref.contentType, paths, attributesOf(strapi));
      const localized = isLocalized(strapi, ref.contentType);
      // the Document Service reads in a transaction: the worker's lanes share one (group commit)
      const entry: unknown = await groupCommit(strapi)(() =>
        strapi.documents(ref.contentType as never).findOne({
          documentId: ref.documentId,
          ...(localized && ref.locale !== NO_LOCALE && { locale: ref.locale }),
          status: 'published',
          populate,
        } as never)
      );
      return entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : null;
    },

    /** Whether the app configures Strapi's preview (`config/admin.ts` → `preview`). */
    previewAvailable: (): boolean => previewHandler() !== null,

    /**
     * The page URL the app's preview handler gives for the published entry, if it is a public
     * one (a link source: `linkFromPreview`).
     */
    previewLink: async (ref: PublishedEntryRef): Promise<EntryLink> => {
      const handler = previewHandler();
      if (!handler)
        return { ok: false, reason: 'the app configures no preview (config/admin.ts → preview)' };
      try {
        const localized = isLocalized(strapi, ref.contentType);
        const raw: unknown = await handler(ref.contentType, {
          documentId: ref.documentId,
          locale: localized && ref.locale !== NO_LOCALE ? ref.locale : (undefined as never),
          status: 'published',
        });
        return previewLinkOf(raw);
      } catch (e) {
        return {
          ok: false,
          reason: `the app’s preview handler failed: ${(e as Error).message ?? String(e)}`,
        };
      }
    },

    /** Tells this instance's worker that jobs are due (nothing when it does not run). */
    kick: () => kickWorker(),
    onKick: (fn: () => void) => {
      kickWorker = fn;
    },

    closeClient: async () => {
      const open = [...clients.values()];
      clients.clear();
      await Promise.all(open.map((c) => c.close()));
    },
  };
}

export type PluginCore = ReturnType<typeof createPluginCore>;
