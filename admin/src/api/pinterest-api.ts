/**
 * The one client of the plugin's admin API (`/pinterest/...`): every path, query and body the admin
 * sends is built here, and every answer is checked against its schema from `common/` before a
 * component sees it. The transport is Strapi's fetch client (`useFetchClient`, see
 * `usePinterestApi`); failures are `ApiError`s.
 */
import type { FetchClient } from '@strapi/strapi/admin';
import { z } from 'zod';
import {
  analyticsOverviewSchema,
  entryAnalyticsSchema,
  syncAnswerSchema,
  topPinsSchema,
  type TopPinSort,
} from '../../../common/analytics';
import {
  campaignAnswerSchema,
  campaignItemsPageSchema,
  campaignListSchema,
  campaignOptionsSchema,
  campaignPreviewSchema,
  type CampaignInputWire,
} from '../../../common/campaigns';
import {
  accountListSchema,
  authorizeAnswerSchema,
  boardsAnswerSchema,
  connectionSchema,
  contentTypesAnswerSchema,
  createdBoardAnswerSchema,
  entryPinsSchema,
  jobAnswerSchema,
  pinPreviewSchema,
  refreshAnswerSchema,
  sectionsAnswerSchema,
  settingsSchema,
  type ContentTypeDefaultsDTO,
} from '../../../common/wire';
import type { ContentTypeSetupInput } from '../../../common/content-types';
import {
  campaignVariantsSchema,
  seoChecklistSchema,
  seoStatusSchema,
  seoSuggestionsSchema,
  weakPinsSchema,
  type SeoInput,
  type TrendRegion,
} from '../../../common/seo';
import type { BrandSettings } from '../../../common/designs';
import { brandSettingsAnswerSchema, designTemplatesAnswerSchema } from './design-schemas';
import { answerError, httpError } from './api-error';
import {
  contentTypeSampleSchema,
  contentTypeSetupAnswerSchema,
  contentTypeSetupListSchema,
} from './content-type-setup-schemas';

/** `GET /i18n/locales` (the i18n plugin): the site's locales. */
const localesSchema = z.array(z.object({ code: z.string(), name: z.string() }));

/** The part of Strapi's fetch client the API uses. */
export type Transport = Pick<FetchClient, 'get' | 'post' | 'put' | 'del'>;

/** The dashboard's filters (empty strings: no filter) and the top pins' order and page. */
export interface AnalyticsFilters {
  from: string;
  to: string;
  contentType: string;
  boardId: string;
  /** Several accounts: one account's pins only (its id as text; empty: every account). */
  accountId?: string;
}
export interface TopPinsQuery {
  sort: TopPinSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** What Settings → Pinterest saves for each content type. */
export type ContentTypeDefaultsInput = Pick<
  ContentTypeDefaultsDTO,
  | 'pinOnPublish'
  | 'defaultBoardId'
  | 'defaultBoardSectionId'
  | 'onUnpublish'
  | 'defaultTemplate'
  | 'defaultAccountId'
  | 'localeDefaults'
>;

export type CampaignAction = 'pause' | 'resume' | 'cancel' | 'retry';

/** Query string of the given parameters, leaving out the empty ones (with its `?`). */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

const id = (v: string | number) => encodeURIComponent(String(v));
const setupPath = (uid: string) => `/pinterest/settings/content-types/${id(uid)}`;
const entryPath = (model: string, documentId: string) =>
  `/pinterest/entries/${model}/${id(documentId)}`;

/** The first mismatch of a failed parse, as `path: message`. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return error.message;
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function createPinterestApi(http: Transport) {
  /** Sends, then checks the answer; both failures become `ApiError`s naming the call. */
  async function call<S extends z.ZodType>(
    schema: S,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown
  ): Promise<z.output<S>> {
    const request = `${method} ${path.split('?')[0]}`;
    let data: unknown;
    try {
      if (method === 'GET') ({ data } = await http.get<unknown>(path));
      else if (method === 'POST') ({ data } = await http.post<unknown>(path, body ?? {}));
      else if (method === 'PUT') ({ data } = await http.put<unknown>(path, body ?? {}));
      else ({ data } = await http.del<unknown>(path));
    } catch (e) {
      throw httpError(e, request);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw answerError(request, firstIssue(parsed.error));
    return parsed.data;
  }

  return {
    // Settings → Pinterest: the connection and the defaults
    getConnection: () => call(connectionSchema, 'GET', '/pinterest/connection'),
    /** Pinterest's consent page for this admin (a single-use state). */
    authorize: async () =>
      (await call(authorizeAnswerSchema, 'POST', '/pinterest/connection/authorize')).url,
    refreshAccessToken: () => call(refreshAnswerSchema, 'POST', '/pinterest/connection/refresh'),
    resumeWrites: () => call(connectionSchema, 'POST', '/pinterest/connection/resume-writes'),
    disconnect: () => call(connectionSchema, 'DELETE', '/pinterest/connection'),
    /** Several accounts: every account of this environment, the default first. */
    listAccounts: async () =>
      (await call(accountListSchema, 'GET', '/pinterest/accounts')).accounts,
    /** Makes an account the default one; answers with the accounts after it. */
    setDefaultAccount: async (accountId: number) =>
      (await call(accountListSchema, 'POST', `/pinterest/accounts/${id(accountId)}/default`))
        .accounts,
    /** Disconnects one account (pins and stats are kept); answers with the accounts after it. */
    disconnectAccount: async (accountId: number) =>
      (await call(accountListSchema, 'DELETE', `/pinterest/accounts/${id(accountId)}`)).accounts,
    getSettings: () => call(settingsSchema, 'GET', '/pinterest/settings'),
    saveSettings: (contentTypes: Record<string, ContentTypeDefaultsInput>) =>
      call(settingsSchema, 'PUT', '/pinterest/settings', { contentTypes }),

    // Settings → Pinterest → Content types: which types pin, and how
    listContentTypeSetups: async () =>
      (await call(contentTypeSetupListSchema, 'GET', '/pinterest/settings/content-types'))
        .contentTypes,
    saveContentTypeSetup: async (uid: string, input: ContentTypeSetupInput) =>
      (await call(contentTypeSetupAnswerSchema, 'PUT', setupPath(uid), input)).contentType,
    /** The pin one of the type's published entries would make with these unsaved choices. */
    sampleContentTypeSetup: (uid: string, input: ContentTypeSetupInput) =>
      call(contentTypeSampleSchema, 'POST', `${setupPath(uid)}/sample`, input),

    /** The site's locales (the i18n plugin's), for the defaults per locale. */
    listLocales: () => call(localesSchema, 'GET', '/i18n/locales'),

    // boards
    /** An account's boards (null or absent: the default account's). */
    listBoards: async (accountId?: number | null) =>
      (await call(boardsAnswerSchema, 'GET', `/pinterest/boards${queryString({ accountId })}`))
        .boards,
    /** Creates a board on an account (null or absent: the default account). */
    createBoard: async (name: string, accountId?: number | null) =>
      (
        await call(createdBoardAnswerSchema, 'POST', '/pinterest/boards', {
          name,
          ...(accountId ? { accountId } : {}),
        })
      ).board,
    listSections: async (boardId: string, accountId?: number | null) =>
      (
        await call(
          sectionsAnswerSchema,
          'GET',
          `/pinterest/boards/${id(boardId)}/sections${queryString({ accountId })}`
        )
      ).sections,

    // the pin field and the edit view's side panel
    /** The content types that pin. */
    mappedContentTypes: async () =>
      (await call(contentTypesAnswerSchema, 'GET', '/pinterest/content-types')).contentTypes,
    previewPin: (input: {
      contentType: string;
      documentId: string | null;
      values: Record<string, unknown>;
    }) => call(pinPreviewSchema, 'POST', '/pinterest/preview', input),
    entryPins: (model: string, documentId: string, locale?: string) =>
      call(
        entryPinsSchema,
        'GET',
        `${entryPath(model, documentId)}/pins${queryString({ locale })}`
      ),
    pinNow: async (model: string, documentId: string, locale?: string) =>
      (
        await call(
          jobAnswerSchema,
          'POST',
          `${entryPath(model, documentId)}/pin${queryString({ locale })}`
        )
      ).job,
    repin: async (model: string, documentId: string, locale?: string) =>
      (
        await call(
          jobAnswerSchema,
          'POST',
          `${entryPath(model, documentId)}/repin${queryString({ locale })}`
        )
      ).job,
    retryJob: async (jobId: number) =>
      (await call(jobAnswerSchema, 'POST', `/pinterest/jobs/${id(jobId)}/retry`)).job,
    cancelJob: async (jobId: number) =>
      (await call(jobAnswerSchema, 'POST', `/pinterest/jobs/${id(jobId)}/cancel`)).job,
    rescheduleJob: async (jobId: number, runAt: string) =>
      (await call(jobAnswerSchema, 'POST', `/pinterest/jobs/${id(jobId)}/reschedule`, { runAt }))
        .job,

    // analytics
    analyticsOverview: (filters: AnalyticsFilters) =>
      call(
        analyticsOverviewSchema,
        'GET',
        `/pinterest/analytics/overview${queryString({ ...filters })}`
      ),
    topPins: (filters: AnalyticsFilters, query: TopPinsQuery) =>
      call(
        topPinsSchema,
        'GET',
        `/pinterest/analytics/pins${queryString({ ...filters, ...query })}`
      ),
    /** The period's pins as CSV text, sorted like the table. */
    exportCsv: async (filters: AnalyticsFilters, sort: TopPinSort, dir: 'asc' | 'desc') => {
      const path = `/pinterest/analytics/export${queryString({ ...filters, sort, dir })}`;
      try {
        const { data } = await http.get(path, { responseType: 'text' });
        return data;
      } catch (e) {
        throw httpError(e, 'GET /pinterest/analytics/export');
      }
    },
    /** Runs a sync; answers with the status when it ends (or after 10 s while it goes on). */
    syncAnalytics: async () =>
      (await call(syncAnswerSchema, 'POST', '/pinterest/analytics/sync')).status,
    entryAnalytics: (model: string, documentId: string, locale?: string) =>
      call(
        entryAnalyticsSchema,
        'GET',
        `/pinterest/analytics/entries/${model}/${id(documentId)}${queryString({ locale })}`
      ),

    // Pinterest SEO: keywords and the checklist in the field, Settings' notice, weakest pins
    seoSuggestions: (input: SeoInput) =>
      call(seoSuggestionsSchema, 'POST', '/pinterest/seo/suggestions', input),
    seoChecklist: (input: SeoInput) =>
      call(seoChecklistSchema, 'POST', '/pinterest/seo/checklist', input),
    seoStatus: () => call(seoStatusSchema, 'GET', '/pinterest/seo/status'),
    saveSeoSettings: (input: { defaultRegion?: TrendRegion; noticeDismissed?: boolean }) =>
      call(seoStatusSchema, 'PUT', '/pinterest/seo/settings', input),
    /** Title and description variants for a campaign over a content type, from its keywords. */
    seoVariants: (contentType: string, locale: string | null) =>
      call(campaignVariantsSchema, 'POST', '/pinterest/seo/variants', { contentType, locale }),
    seoWeakest: async (limit = 10) =>
      (await call(weakPinsSchema, 'GET', `/pinterest/seo/weakest${queryString({ limit })}`)).pins,

    // designed pins (the preview image itself: design-image.ts)
    designTemplates: async () =>
      (await call(designTemplatesAnswerSchema, 'GET', '/pinterest/designs/templates')).templates,
    getBrand: () => call(brandSettingsAnswerSchema, 'GET', '/pinterest/settings/brand'),
    saveBrand: (input: BrandSettings) =>
      call(brandSettingsAnswerSchema, 'PUT', '/pinterest/settings/brand', input),

    // re-pin campaigns
    campaignOptions: () => call(campaignOptionsSchema, 'GET', '/pinterest/campaigns/options'),
    previewCampaign: (input: CampaignInputWire) =>
      call(campaignPreviewSchema, 'POST', '/pinterest/campaigns/preview', input),
    createCampaign: async (input: CampaignInputWire) =>
      (await call(campaignAnswerSchema, 'POST', '/pinterest/campaigns', input)).campaign,
    listCampaigns: async () =>
      (await call(campaignListSchema, 'GET', '/pinterest/campaigns')).campaigns,
    getCampaign: async (campaignId: number) =>
      (await call(campaignAnswerSchema, 'GET', `/pinterest/campaigns/${id(campaignId)}`)).campaign,
    /** Pause, resume, cancel, or send every failed pin back to the plan. */
    campaignAction: async (campaignId: number, action: CampaignAction) =>
      (await call(campaignAnswerSchema, 'POST', `/pinterest/campaigns/${id(campaignId)}/${action}`))
        .campaign,
    retryCampaignItem: async (campaignId: number, itemId: number) =>
      (
        await call(
          campaignAnswerSchema,
          'POST',
          `/pinterest/campaigns/${id(campaignId)}/items/${id(itemId)}/retry`
        )
      ).campaign,
    /** A page of a campaign's pins in the given states (comma-separated, e.g. `failed`). */
    campaignItems: (campaignId: number, states: string, page: number, pageSize: number) =>
      call(
        campaignItemsPageSchema,
        'GET',
        `/pinterest/campaigns/${id(campaignId)}/items${queryString({ state: states, page, pageSize })}`
      ),
  };
}

export type PinterestApi = ReturnType<typeof createPinterestApi>;
