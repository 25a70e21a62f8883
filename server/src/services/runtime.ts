import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { PIN_FIELD_UID } from '../../../common/pin-field';
import { isLocalized } from '../utils/is-localized';
import { createAccountStore } from '../auth/account-store';
import { createConnection } from '../auth/connection';
import { environmentOf } from '../auth/environment';
import { createOAuthClient } from '../auth/oauth-client';
import { createOAuthStateStore } from '../auth/oauth-state-store';
import { parseEncryptionKey } from '../auth/token-crypto';
import { createTokenProvider } from '../auth/token-provider';
import { parsePluginConfig, type ContentTypeMapping, type PluginConfig } from '../config/schema';
import { PinterestClient } from '../pinterest/client';
import { createJobStore } from '../queue/job-store';
import { createLeaseStore } from '../queue/lease-store';
import { reconcile } from '../pins/reconcile';
import { createRateLimiter } from '../rate/rate-limiter';
import { categoryOf } from '../rate/rate-limits';
import { createWorker, type Worker } from '../queue/worker';
import {
  ALL_LOCALES,
  entryKeyPrefix,
  JOB_KINDS,
  NO_LOCALE,
  pinEntryJobKey,
  unpinJobKey,
  type EntryRef,
} from '../pins/job-keys';
import { createUnpinHandler } from '../pins/unpin-job';
import { createPinEntryHandler } from '../pins/pin-entry-job';
import { createPinRecordStore } from '../pins/pin-record-store';
import { createSettingsStore, effectiveMapping } from '../settings/settings-store';
import { createPinPostHandler } from '../posts/pin-post-job';
import { createPostStore } from '../posts/post-store';
import { createPostsService } from '../posts/posts-service';
import { createCampaignService } from '../campaigns/campaign-service';
import { createCampaignPinHandler } from '../campaigns/campaign-pin-job';

/** Job errors that mean "waiting for the account", which a (re)connect resolves. */
const ACCOUNT_WAIT_CODES = ['NOT_CONNECTED', 'UNAUTHORIZED'];

/**
 * Everything the plugin runs with, built once per Strapi instance: parsed config, the account and
 * its tokens, the Pinterest client, the stores and the queue worker.
 */
export function createRuntime(strapi: Core.Strapi) {
  let config: PluginConfig | null = null;
  let client: PinterestClient | null = null;
  let worker: Worker | null = null;
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const jobs = createJobStore(strapi);
  const records = createPinRecordStore(strapi);
  const settings = createSettingsStore(strapi);
  const leases = createLeaseStore(strapi);
  // the posts API (POST /api/pinterest/posts): the same queue, limits and idempotency as entry pins
  const postStore = createPostStore(strapi);
  const posts = createPostsService({
    strapi,
    posts: postStore,
    jobs,
    allowlist: () => getConfig().mediaHostAllowlist,
    kick: () => worker?.kick(),
  });

  const getConfig = (): PluginConfig => {
    config ??= parsePluginConfig(strapi.config.get('plugin::pinterest'));
    return config;
  };
  const environment = () => environmentOf(getConfig().apiUrl);

  /** This Strapi's public base URL (config.publicUrl, server.url, or its own host and port). */
  const publicUrl = (): string => {
    const own = getConfig().publicUrl;
    if (own) return own.replace(/\/$/, '');
    const serverUrl = strapi.config.get('server.url') as string | undefined;
    if (serverUrl && /^https?:\/\//.test(serverUrl)) return serverUrl.replace(/\/$/, '');
    const host = strapi.config.get('server.host') as string;
    const address = strapi.server?.httpServer?.address?.();
    const port =
      address && typeof address === 'object'
        ? address.port
        : (strapi.config.get('server.port') as number);
    return `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  };
  const redirectUri = () => getConfig().redirectUri ?? `${publicUrl()}/pinterest/oauth/callback`;

  const accounts = createAccountStore(strapi, () => parseEncryptionKey(getConfig().encryptionKey));
  const states = createOAuthStateStore(strapi);
  const tokens = createTokenProvider({
    accounts,
    get environment() {
      return environment();
    },
    oauth: () => {
      const cfg = getConfig();
      return cfg.appId && cfg.appSecret
        ? createOAuthClient({
            apiUrl: cfg.apiUrl,
            appId: cfg.appId,
            appSecret: cfg.appSecret,
            timeoutMs: cfg.http.timeoutMs,
          })
        : null;
    },
    get staticToken() {
      return getConfig().accessToken;
    },
    owner,
    log: strapi.log,
  });

  const limiter = createRateLimiter(strapi, {
    settings: () => getConfig().rateLimits,
    accountKey: () => environment(),
    // never wait so long that a job's lease could run out
    maxWaitMs: Math.min(10_000, Math.floor(getConfig().worker.leaseMs / 3)),
  });

  const waitingForAccount = async () =>
    (await jobs.findWaiting()).filter(
      (j) => j.lastError && ACCOUNT_WAIT_CODES.includes(j.lastError.code)
    );

  const getClient = (): PinterestClient => {
    const cfg = getConfig();
    client ??= new PinterestClient({
      apiUrl: cfg.apiUrl,
      getAccessToken: tokens.getAccessToken,
      onUnauthorized: tokens.onUnauthorized,
      beforeRequest: (method, path) => limiter.acquire(categoryOf(method, path)),
      timeoutMs: cfg.http.timeoutMs,
      connections: cfg.http.connections,
    });
    return client;
  };

  const connection = createConnection({
    config: getConfig,
    get environment() {
      return environment();
    },
    accounts,
    states,
    redirectUri,
    writesPaused: () => limiter.writePause(),
    waitingJobs: {
      count: async () => (await waitingForAccount()).length,
      wake: async () => {
        const waiting = await waitingForAccount();
        for (const job of waiting) await jobs.retryNow(job.id);
        worker?.kick();
        return waiting.length;
      },
    },
  });

  /** The attribute of a content type that holds the `plugin::pinterest.pin` custom field. */
  const pinFieldOf = (contentType: string, mapping: ContentTypeMapping): string | null => {
    if (mapping.pinField) return mapping.pinField;
    const attributes = strapi.contentType(contentType as never)?.attributes ?? {};
    const found = Object.entries(attributes).find(
      ([, a]) => (a as { customField?: string }).customField === PIN_FIELD_UID
    );
    return found ? found[0] : null;
  };

  const mappingFor = async (contentType: string): Promise<ContentTypeMapping | null> => {
    const base = getConfig().contentTypes[contentType];
    if (!base) return null;
    return effectiveMapping(base, (await settings.get()).contentTypes[contentType]);
  };

  const loadPublishedEntry = async (ref: EntryRef, mapping: ContentTypeMapping) => {
    const localized = isLocalized(strapi, ref.contentType);
    const entry = await strapi.documents(ref.contentType as never).findOne({
      documentId: ref.documentId,
      ...(localized && ref.locale !== NO_LOCALE && { locale: ref.locale }),
      status: 'published',
      populate: [mapping.media] as never,
    } as never);
    return (entry as Record<string, unknown> | null) ?? null;
  };

  // The account's boards, cached briefly: the field's picker asks often, Pinterest pages 250 at a
  // time.
  const BOARDS_TTL_MS = 60_000;
  let boardsCache: {
    at: number;
    environment: string;
    boards: Promise<import('../pinterest/schemas').Board[]>;
  } | null = null;

  /**
   * Where media is read from and which private hosts may be fetched (demo, tests, an intranet CDN).
   */
  const mediaContext = () => {
    const cfg = getConfig();
    return {
      publicUrl:
        cfg.publicUrl ?? ((strapi.config.get('server.url') as string | undefined) || undefined),
      allowlist: cfg.mediaHostAllowlist,
      publicDir: strapi.dirs.static.public,
      timeoutMs: cfg.http.timeoutMs,
    };
  };

  // re-pin campaigns (server/src/campaigns): planned page by page, paced, through the same queue
  const campaigns = createCampaignService({
    strapi,
    owner,
    jobs,
    leases,
    getConfig,
    mappingFor,
    pinFieldOf,
    writePause: () => limiter.writePause(),
    kick: () => worker?.kick(),
  });

  const runtime = {
    owner,
    campaigns,
    posts,
    mediaContext,
    jobs,
    records,
    settings,
    leases,
    limiter,
    connection,
    tokens,
    getConfig,
    getClient,
    pinFieldOf,
    mappingFor,
    environment,

    /** Every board of the account (all bookmark pages), cached for a minute. */
    listBoards() {
      const env = environment();
      if (
        !boardsCache ||
        boardsCache.environment !== env ||
        Date.now() - boardsCache.at > BOARDS_TTL_MS
      ) {
        const boards = getClient().listAllBoards();
        boardsCache = { at: Date.now(), environment: env, boards };
        boards.catch(() => (boardsCache = null));
      }
      return boardsCache.boards;
    },

    forgetBoards() {
      boardsCache = null;
    },

    isMapped(contentType: string): boolean {
      return Boolean(getConfig().contentTypes[contentType]);
    },

    /** Records that an entry was published; the worker pins it. Never talks to Pinterest. */
    async enqueueEntry(ref: EntryRef): Promise<void> {
      await jobs.enqueue({
        key: pinEntryJobKey(ref),
        kind: JOB_KINDS.pinEntry,
        payload: { ...ref },
      });
      worker?.kick();
    },

    /**
     * The entry was unpublished or deleted: its waiting pin jobs stop, and its pins go when
     * configured so.
     */
    async entryWithdrawn(
      ref: { contentType: string; documentId: string; locale: string | null },
      opts: { deleted: boolean }
    ) {
      const prefix = entryKeyPrefix(ref.contentType, ref.documentId);
      const cancelled = await jobs.cancelWaiting(ref.locale ? `${prefix}${ref.locale}` : prefix);
      const mapping = await mappingFor(ref.contentType);
      let unpinning = false;
      if (mapping?.onUnpublish === 'delete') {
        const locale = ref.locale ?? ALL_LOCALES;
        await jobs.enqueue({
          key: unpinJobKey({ ...ref, locale }),
          kind: JOB_KINDS.unpinEntry,
          payload: { ...ref, locale },
        });
        unpinning = true;
        worker?.kick();
      }
      strapi.log.debug?.(
        `[pinterest] ${ref.contentType} ${ref.documentId} ${opts.deleted ? 'deleted' : 'unpublished'}: ${cancelled} job(s) cancelled${unpinning ? ', pins will be deleted' : ''}`
      );
    },

    startWorker() {
      const cfg = getConfig();
      if (!cfg.worker.enabled || worker) return;
      const handler = createPinEntryHandler({
        config: cfg,
        mappingFor,
        client: getClient,
        records,
        pinFieldOf,
        loadPublishedEntry,
        mediaContext: mediaContext(),
        video: {
          initialDelayMs: cfg.video.pollInitialMs,
          maxDelayMs: cfg.video.pollMaxMs,
          timeoutMs: cfg.video.processingTimeoutMs,
          uploadTimeoutMs: cfg.video.uploadTimeoutMs,
          defaultKeyFrameSeconds: cfg.video.defaultKeyFrameSeconds,
        },
      });
      const unpin = createUnpinHandler({ client: getClient, records });
      const pinPost = createPinPostHandler({
        posts: postStore,
        client: getClient,
        utm: () => getConfig().utm,
        mediaContext: () => ({
          publicUrl:
            cfg.publicUrl ?? ((strapi.config.get('server.url') as string | undefined) || undefined),
          allowlist: cfg.mediaHostAllowlist,
          publicDir: strapi.dirs.static.public,
          timeoutMs: cfg.http.timeoutMs,
        }),
        videoPolicy: () => ({
          initialDelayMs: cfg.video.pollInitialMs,
          maxDelayMs: cfg.video.pollMaxMs,
          timeoutMs: cfg.video.processingTimeoutMs,
          uploadTimeoutMs: cfg.video.uploadTimeoutMs,
          defaultKeyFrameSeconds: cfg.video.defaultKeyFrameSeconds,
        }),
        lookup: posts.lookup,
      });
      worker = createWorker({
        store: jobs,
        owner,
        handlers: {
          [JOB_KINDS.pinEntry]: handler,
          [JOB_KINDS.unpinEntry]: unpin,
          [JOB_KINDS.pinPost]: pinPost,
          [JOB_KINDS.pinCampaign]: createCampaignPinHandler({
            store: campaigns.store,
            now: campaigns.now,
            mappingFor,
            pinFieldOf,
            client: getClient,
            mediaContext,
            utm: () => getConfig().utm,
            retry: () => getConfig().retry,
            stopCampaign: campaigns.stop,
            loadEntry: async (ref, populate) => {
              const localized = isLocalized(strapi, ref.contentType);
              const entry = await strapi.documents(ref.contentType as never).findOne({
                documentId: ref.documentId,
                ...(localized && ref.locale !== NO_LOCALE && { locale: ref.locale }),
                status: 'published',
                populate,
              } as never);
              return entry ?? null;
            },
          }),
        },
        pollIntervalMs: cfg.worker.pollIntervalMs,
        leaseMs: cfg.worker.leaseMs,
        concurrency: cfg.worker.concurrency,
        retry: cfg.retry,
        logger: strapi.log,
        onFailure: async (_job, error) => {
          if (error.code !== 'SPAM_BLOCKED') return;
          const until = Date.now() + cfg.spamPauseMs;
          await limiter.pauseWrites(until, error.message);
          strapi.log.warn(
            `[pinterest] spam block: pinning paused until ${new Date(until).toISOString()}`
          );
        },
      });
      worker.start();
    },

    /**
     * The reconcile pass, on one instance at a time. Null when another instance holds the lease.
     */
    async reconcileOnce() {
      if (!(await leases.acquire('reconcile', owner, 10 * 60_000))) return null;
      try {
        return await reconcile({
          strapi,
          jobs,
          records,
          contentTypes: () => Object.keys(getConfig().contentTypes),
          mappingFor,
          pinFieldOf,
          enqueue: (ref) => runtime.enqueueEntry(ref),
        });
      } finally {
        await leases.release('reconcile', owner);
      }
    },

    kickWorker() {
      worker?.kick();
    },

    async stop() {
      await worker?.stop();
      worker = null;
      await client?.close();
      client = null;
    },
  };
  return runtime;
}

export type Runtime = ReturnType<typeof createRuntime>;
