import type { LookupFunction } from 'node:net';
import { createCampaignPinHandler } from '../campaigns/campaign-pin-job';
import type { CampaignService } from '../campaigns/campaign-service';
import { JOB_KINDS, pinEntryJobKey } from '../pins/job-keys';
import { createPinEntryHandler } from '../pins/pin-entry-job';
import { createUnpinHandler } from '../pins/unpin-job';
import { createPinPostHandler } from '../posts/pin-post-job';
import { createWorker, type Worker } from '../queue/worker';
import type { PluginCore } from './core';
import { resolveImageSource } from '../media/media-source';
import { freshDesign } from '../designs/fresh';
import type { DesignsService } from './designs';
import type { SeoService } from './seo';

/**
 * This instance's queue worker: started in bootstrap, stopped in destroy. Private to the plugin's
 * lifecycle (bootstrap, destroy, the Document Service middlewares); controllers go through the
 * services that record the jobs.
 */
export interface QueueService {
  /** Starts claiming jobs (when `worker.enabled`); once per instance. */
  start(): void;
  /** Stops claiming, lets the jobs in hand finish, closes the Pinterest client. */
  stop(): Promise<void>;
  /** Jobs are due: look now rather than at the next poll. */
  kick(): void;
}

export interface QueueDeps {
  /** The campaign service: its store, clock and stop, for the `pin.campaign` job. */
  campaigns: CampaignService;
  /** The posts API's DNS resolver (tests inject one), for the `pin.post` job. */
  lookup: () => LookupFunction | undefined;
  /** Designed pins: the image a pin sends when the entry (or its type) has a design. */
  designs: DesignsService;
  /** Pinterest SEO: the checklist of each pinned entry, stored on its record. */
  seo: SeoService;
}

/** The worker and one handler per job kind. */
export function createQueueService(core: PluginCore, deps: QueueDeps): QueueService {
  const { strapi } = core;
  let worker: Worker | null = null;

  return {
    start() {
      const cfg = core.getConfig();
      if (!cfg.worker.enabled || worker) return;
      const utm = () => core.getConfig().utm;
      worker = createWorker({
        store: core.jobs,
        owner: core.owner,
        handlers: {
          [JOB_KINDS.pinEntry]: createPinEntryHandler({
            config: cfg,
            mappingFor: core.mappingFor,
            client: core.getClient,
            accountOf: core.accountOf,
            records: core.records,
            pinFieldOf: core.pinFieldOf,
            loadPublishedEntry: core.loadPublishedEntry,
            previewLink: core.previewLink,
            mediaContext: core.mediaContext,
            video: core.videoPolicy(),
            designImage: async ({ contentType, field, draft }) => {
              const design = await deps.designs.designFor(contentType, field);
              if (!design || draft.media.kind !== 'image') return null;
              return deps.designs.designedImage({ design, ...draft, image: draft.media });
            },
            afterPinned: async (ref, save, entry, record) => {
              await deps.seo.recordPublished(ref, save, entry, record);
            },
          }),
          [JOB_KINDS.unpinEntry]: createUnpinHandler({
            client: core.getClient,
            records: core.records,
            createRunning: async (ref) =>
              (await core.jobs.findByKey(pinEntryJobKey(ref)))?.state === 'running',
          }),
          [JOB_KINDS.pinPost]: createPinPostHandler({
            posts: core.posts,
            client: core.getClient,
            utm,
            mediaContext: core.mediaContext,
            videoPolicy: core.videoPolicy,
            lookup: deps.lookup,
            designImage: async (pin, imageUrl) => {
              const designed = await deps.designs.designedImage({
                design: pin.design!,
                title: pin.title,
                description: pin.description,
                image: {
                  kind: 'image',
                  url: imageUrl,
                  mime: pin.media.mime ?? 'image/jpeg',
                  width: null,
                  height: null,
                  bytes: null,
                  variant: 'original',
                },
              });
              return resolveImageSource(designed.media, core.mediaContext());
            },
          }),
          [JOB_KINDS.pinCampaign]: createCampaignPinHandler({
            designImage: ({ variant, draft }) =>
              deps.designs.designedImage({
                design: freshDesign(variant),
                title: draft.title,
                description: draft.description,
                image: draft.media,
              }),
            store: deps.campaigns.store,
            now: deps.campaigns.now,
            mappingFor: core.mappingFor,
            pinFieldOf: core.pinFieldOf,
            client: core.getClient,
            mediaContext: core.mediaContext,
            utm,
            retry: () => core.getConfig().retry,
            stopCampaign: deps.campaigns.stop,
            loadEntry: core.loadPublishedEntry,
            previewLink: core.previewLink,
          }),
        },
        pollIntervalMs: cfg.worker.pollIntervalMs,
        leaseMs: cfg.worker.leaseMs,
        concurrency: cfg.worker.concurrency,
        // a create sent within the lost holder's lease has ended by then: it waited at most the
        // connect timeout, then the headers timeout (undici's limits, see pinterest/client.ts)
        takeoverSettleMs: 2 * cfg.http.timeoutMs + 1_000,
        retry: cfg.retry,
        logger: strapi.log,
        onFailure: async (_job, error) => {
          if (error.code !== 'SPAM_BLOCKED') return;
          const until = Date.now() + cfg.spamPauseMs;
          await core.limiter.pauseWrites(until, error.message);
          strapi.log.warn(
            `[pinterest] spam block: pinning paused until ${new Date(until).toISOString()}`
          );
        },
      });
      core.onKick(() => worker?.kick());
      worker.start();
    },

    async stop() {
      await worker?.stop();
      worker = null;
      await core.closeClient();
    },

    kick: core.kick,
  };
}
