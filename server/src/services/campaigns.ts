import type {
  CampaignDTO,
  CampaignInput,
  CampaignItemState,
  CampaignItemsPageDTO,
  CampaignOptionsDTO,
  CampaignPreviewDTO,
} from '../../../common/campaigns';
import { createCampaignService, type CampaignService } from '../campaigns/campaign-service';
import type { PluginCore } from './core';
import type { PinsService } from './pins';

/** Who started a campaign, as the admin session tells. */
export type CampaignAuthor = {
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
} | null;

/**
 * Re-pin campaigns: what the planner page and the bulk action ask for, and the tick that plans
 * and hands pins to the queue. Refusals are `CampaignProblem`s (invalid, not-found, conflict).
 */
export interface CampaignsService {
  /** The content types, their media and text fields, and the boards a campaign can use. */
  options(): Promise<CampaignOptionsDTO>;
  /** A dry run: summary and timeline, nothing stored. */
  preview(input: CampaignInput): Promise<CampaignPreviewDTO>;
  create(input: CampaignInput, user: CampaignAuthor): Promise<CampaignDTO>;
  list(): Promise<CampaignDTO[]>;
  get(id: number): Promise<CampaignDTO>;
  items(
    id: number,
    opts: { states?: CampaignItemState[]; page: number; pageSize: number }
  ): Promise<CampaignItemsPageDTO>;
  pause(id: number): Promise<CampaignDTO>;
  resume(id: number): Promise<CampaignDTO>;
  cancel(id: number): Promise<CampaignDTO>;
  /** Every failed pin of the campaign (or one) goes back to the plan. */
  retry(id: number, itemId?: number): Promise<CampaignDTO>;
  /** Plans the next pages and hands due pins to the queue (one instance at a time). */
  tick(): Promise<void>;
  /** Tests drive time through this (a fake clock); null restores the real one. */
  useClock(fn: (() => number) | null): void;
}

/** The campaign service with what the `pin.campaign` job needs (its store, clock and stop). */
export function createCampaigns(core: PluginCore, deps: { pins: PinsService }): CampaignService {
  return createCampaignService({
    strapi: core.strapi,
    owner: core.owner,
    jobs: core.jobs,
    leases: core.leases,
    getConfig: core.getConfig,
    mappedTypes: core.mappedTypes,
    previewLink: core.previewLink,
    mappingFor: core.mappingFor,
    pinFieldOf: core.pinFieldOf,
    writePause: (accountId) => core.limiterFor(accountId).writePause(),
    kick: core.kick,
    accountOf: core.accountOf,
    account: async (id) => {
      const row = await core.accounts.byId(id);
      return row && row.environment === core.environment() ? row : null;
    },
    boardsOf: (accountId) => deps.pins.boards(accountId),
  });
}
