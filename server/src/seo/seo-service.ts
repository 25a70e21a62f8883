/**
 * The editor's keyword assistant and the pin checklist.
 *
 * Suggestions: seed terms from the entry → for each, Pinterest's suggested searches, the related
 * terms and the growing trends in the entry's region → one ranked list. Every answer is cached in
 * the database for 24 h per kind × region × term (shared by instances and editors), and every call
 * takes its turn in its rate category's shared budget (`ads_read`, `trends_read`) through the
 * client. Without `ads:read` (not granted, or refused), without an account, or while the budget is
 * busy, the words come from the site's own published entries (TF-IDF) and say so.
 *
 * Checklist: the pin as it will be sent, checked by the pure rules of ./checklist.ts; on publish
 * the same checks run on the published pin and are stored on its record.
 */
import type {
  FallbackReason,
  KeywordSuggestion,
  SeoChecklist,
  SeoInput,
  SeoStatusDTO,
  SeoSuggestionsDTO,
  StoredSeo,
  TrendRegion,
  WeakPinDTO,
} from '../../../common/seo';
import { PinError } from '../errors/pin-error';
import type { PinterestClient } from '../pinterest/client';
import { mainKeyword, runChecklist, type ChecklistInput } from './checklist';
import { cacheKey, type KeywordCacheStore } from './keyword-cache-store';
import { rankKeywords, MAX_SUGGESTIONS } from './rank';
import { regionFromLocale } from './region';
import { seedTerms } from './seed-terms';
import { buildCorpus, topTerms, type Doc } from './tfidf';
import { normalizePhrase } from './words';
import type { SeoColumns } from '../pins/pin-record-store';

/** The pin as it would be sent: what the checklist and the seeds read. */
export interface PinLook {
  title: string | null;
  description: string | null;
  altText: string | null;
  link: string | null;
  boardId: string | null;
  media: { width?: number | null; height?: number | null } | null;
  /** Redirects from the link to its page, when a link check counted them (else unknown). */
  linkRedirects?: number | null;
}

export interface EntryRef {
  contentType: string;
  documentId: string;
  locale: string;
}

export interface SeoSettings {
  defaultRegion: TrendRegion;
  noticeDismissed: boolean;
}

export interface SeoDeps {
  client: () => PinterestClient;
  cache: KeywordCacheStore;
  settings: {
    get(): Promise<SeoSettings>;
    save(patch: Partial<SeoSettings>): Promise<SeoSettings>;
  };
  /** Where the token comes from and the scopes granted (oauth only). */
  grant: () => Promise<{ source: 'oauth' | 'static-token' | 'none'; scopes: string[] }>;
  /** The pin the form's values would make (the editor's preview); null for an unmapped type. */
  preview: (input: SeoInput) => Promise<PinLook | null>;
  /** The published entry's pin, as the worker sent it; null when there is none. */
  /** `entry`: the published entry as the pin job just read it (the mapping's paths). */
  publishedPin: (
    ref: EntryRef,
    entry?: Record<string, unknown>,
    /** The pin record as the pin job read it (its link check), not read again. */
    record?: { linkCheck: unknown }
  ) => Promise<PinLook | null>;
  boardName: (boardId: string | null) => Promise<string | null>;
  /** Tag or category names of the entry (attributes named tags, category, keywords…). */
  tags: (input: SeoInput) => Promise<string[]>;
  /** Title and description of the type's published entries in the locale (the TF-IDF corpus). */
  corpus: (contentType: string, locale: string | null) => Promise<Doc[]>;
  /** The attributes a campaign template names for the title and the description (`{title}`). */
  templateFields: (contentType: string) => Promise<{ title: string; description: string } | null>;
  records: {
    saveSeo(ref: EntryRef, seo: StoredSeo): Promise<void>;
    weakest(limit: number): Promise<WeakPinDTO[]>;
  };
  log: { warn(msg: string): void };
  now?: () => number;
}

/** How long a refusal (403) is believed before Pinterest is asked again. */
const REFUSAL_TTL_MS = 24 * 60 * 60_000;
const ADS_REFUSED = cacheKey('refusal', '*', 'ads:read');
const TRENDS_REFUSED = cacheKey('refusal', '*', 'trends');
const CORPUS_TTL_MS = 10 * 60_000;
const CORPUS_MAX = 500;
const PRUNE_EVERY_MS = 60 * 60_000;
/** Seeds whose trends are asked for (the first ones: tags, the title's first pair). */
const TREND_SEEDS = 2;
/** Keywords a campaign's title and description variants are made from. */
const VARIANTS = 3;

const isRefusal = (e: unknown) =>
  e instanceof PinError && (e.code === 'FORBIDDEN' || e.httpStatus === 403);
const isBusy = (e: unknown) => e instanceof PinError && e.code === 'RATE_LIMITED';

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : undefined;
const trendList = (v: unknown) =>
  Array.isArray(v) ? (v as { keyword: string; growth: number | null }[]) : undefined;

export function createSeoService(deps: SeoDeps) {
  const corpora = new Map<string, { at: number; corpus: ReturnType<typeof buildCorpus> }>();
  const now = deps.now ?? Date.now;
  let prunedAt = 0;

  /** Expired cache rows are never served; dropping them now and then keeps the table small. */
  const pruneNowAndThen = async () => {
    if (now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now();
    await deps.cache.prune().catch(() => 0);
  };

  async function corpusFor(contentType: string, locale: string | null) {
    const key = `${contentType}|${locale ?? ''}`;
    const hit = corpora.get(key);
    if (hit && now() - hit.at < CORPUS_TTL_MS) return hit.corpus;
    const docs = (await deps.corpus(contentType, locale)).slice(0, CORPUS_MAX);
    const corpus = buildCorpus(docs);
    corpora.set(key, { at: now(), corpus });
    return corpus;
  }

  /** Keywords of the entry's own words, best first. */
  async function fromContent(
    contentType: string,
    locale: string | null,
    pin: Pick<PinLook, 'title' | 'description'>
  ): Promise<KeywordSuggestion[]> {
    const corpus = await corpusFor(contentType, locale);
    return topTerms(pin, corpus, MAX_SUGGESTIONS).map((t) => ({
      keyword: t.keyword,
      source: 'content' as const,
      growth: null,
    }));
  }

  /** Whether `ads:read` is there: null when it is, or why not. */
  async function adsBlocked(): Promise<FallbackReason | null> {
    const grant = await deps.grant();
    if (grant.source === 'none') return 'not-connected';
    if (grant.source === 'oauth' && !grant.scopes.includes('ads:read')) return 'scope-missing';
    if ((await deps.cache.get(ADS_REFUSED)) !== undefined) return 'refused';
    return null;
  }

  /**
   * Pinterest's answers for the seeds, from the cache or asked (only when `ask`); each call waits
   * for its turn in its category's shared budget inside the client.
   */
  async function pinterestAnswers(seeds: string[], region: TrendRegion, ask: boolean) {
    const keys = seeds.flatMap((s) => [
      cacheKey('suggested', region, s),
      cacheKey('related', region, s),
      cacheKey('trending', region, s),
    ]);
    const cached = await deps.cache.getMany([...keys, TRENDS_REFUSED]);
    const suggested = new Map<string, string[]>();
    const related = new Map<string, string[]>();
    const trending = new Map<string, { keyword: string; growth: number | null }[]>();
    for (const s of seeds) {
      const a = strings(cached.get(cacheKey('suggested', region, s)));
      if (a) suggested.set(s, a);
      const b = strings(cached.get(cacheKey('related', region, s)));
      if (b) related.set(s, b);
      const c = trendList(cached.get(cacheKey('trending', region, s)));
      if (c) trending.set(s, c);
    }
    let trendsOk = !cached.has(TRENDS_REFUSED);
    let problem: FallbackReason | null = null;

    if (ask) {
      const client = deps.client();
      try {
        for (const s of seeds.filter((x) => !suggested.has(x))) {
          const answer = await client.suggestedTerms(s, 10);
          suggested.set(s, answer);
          await deps.cache.put(cacheKey('suggested', region, s), answer);
        }
        const missingRelated = seeds.filter((x) => !related.has(x));
        if (missingRelated.length) {
          const answer = await client.relatedTerms(missingRelated);
          for (const s of missingRelated) {
            const found = (answer.related_terms_list ?? []).find(
              (l) => normalizePhrase(l.term ?? '') === normalizePhrase(s)
            );
            const list = found?.related_terms ?? [];
            related.set(s, list);
            await deps.cache.put(cacheKey('related', region, s), list);
          }
        }
      } catch (e) {
        if (isRefusal(e)) {
          await deps.cache.put(ADS_REFUSED, { at: now() }, REFUSAL_TTL_MS);
          problem = 'refused';
        } else {
          problem = isBusy(e) ? 'busy' : 'unavailable';
          if (!isBusy(e)) deps.log.warn(`[pinterest] keyword suggestions: ${String(e)}`);
        }
      }
      // trends for the entry's main seeds only: a single side word (“cold”) trends on its own
      const missingTrends = seeds.slice(0, TREND_SEEDS).filter((x) => !trending.has(x));
      if (trendsOk && missingTrends.length && problem === null) {
        try {
          const answer = await client.trendingKeywords(region, 'growing', {
            includeKeywords: missingTrends,
            limit: 20,
          });
          const all = (answer.trends ?? []).map((t) => ({
            keyword: t.keyword,
            growth: t.pct_growth_mom ?? null,
          }));
          for (const s of missingTrends) {
            const mine = all.filter((t) => normalizePhrase(t.keyword).includes(normalizePhrase(s)));
            trending.set(s, mine);
            await deps.cache.put(cacheKey('trending', region, s), mine);
          }
        } catch (e) {
          if (isRefusal(e)) {
            await deps.cache.put(TRENDS_REFUSED, { at: now() }, REFUSAL_TTL_MS);
            trendsOk = false;
          } else if (!isBusy(e)) deps.log.warn(`[pinterest] trending keywords: ${String(e)}`);
        }
      }
    }

    const keywords = rankKeywords({
      suggested: seeds.map((s) => suggested.get(s) ?? []),
      related: seeds.map((s) => related.get(s) ?? []),
      trending: seeds.flatMap((s) => trending.get(s) ?? []),
    });
    return { keywords, trends: trendsOk && trending.size > 0, problem };
  }

  async function seedsOf(input: SeoInput, pin: PinLook) {
    const [boardName, tags] = await Promise.all([
      deps.boardName(pin.boardId).catch(() => null),
      deps.tags(input).catch(() => []),
    ]);
    return {
      boardName,
      seeds: seedTerms({ title: pin.title, description: pin.description, tags, boardName }),
    };
  }

  const checklistOf = (
    pin: PinLook,
    boardName: string | null,
    candidates: string[],
    focus?: string | null
  ): SeoChecklist => {
    const input: ChecklistInput = {
      ...pin,
      boardName,
      linkRedirects: pin.linkRedirects ?? null,
      keyword: mainKeyword(candidates, pin, focus),
    };
    return runChecklist(input);
  };

  return {
    /** The ranked keywords for the entry as the form holds it; null for an unmapped type. */
    async suggestions(input: SeoInput): Promise<SeoSuggestionsDTO | null> {
      const pin = await deps.preview(input);
      if (!pin) return null;
      await pruneNowAndThen();
      const settings = await deps.settings.get();
      const region = regionFromLocale(input.locale, settings.defaultRegion);
      const { seeds } = await seedsOf(input, pin);
      const blocked = await adsBlocked();
      let reason: FallbackReason | null = blocked;
      if (!blocked && seeds.length) {
        const answers = await pinterestAnswers(seeds, region, true);
        if (answers.keywords.length)
          return {
            source: 'pinterest',
            reason: answers.problem,
            region,
            seeds,
            keywords: answers.keywords,
            trends: answers.trends,
          };
        reason = answers.problem ?? 'unavailable';
      }
      return {
        source: 'content',
        reason,
        region,
        seeds,
        keywords: await fromContent(input.contentType, input.locale ?? null, pin),
        trends: false,
      };
    },

    /** The checklist of the pin the form would make, for the editor's keywords and choice. */
    async checklist(input: SeoInput): Promise<SeoChecklist | null> {
      const pin = await deps.preview(input);
      if (!pin) return null;
      const boardName = await deps.boardName(pin.boardId).catch(() => null);
      const candidates =
        input.keywords ??
        (await fromContent(input.contentType, input.locale ?? null, pin)).map((k) => k.keyword);
      return checklistOf(pin, boardName, candidates, input.focus);
    },

    /**
     * After a pin job: the checklist of the published pin, stored on its record. Asks Pinterest
     * nothing: Pinterest's keywords when they are cached, the entry's own words otherwise. Never
     * throws (the pin is made; a checklist is a nicety).
     */
    async recordPublished(
      ref: EntryRef,
      /**
       * The pin job's finish: the checklist is written with the job's end (one commit), as its
       * columns in the UPDATE that records the pin when the job can, else by `write`.
       */
      save?: (columns: SeoColumns, write: () => Promise<unknown>) => void,
      /** The published entry the pin job read (not read again). */
      entry?: Record<string, unknown>,
      /** The pin record the pin job read (its link check; not read again). */
      record?: { linkCheck: unknown }
    ): Promise<StoredSeo | null> {
      try {
        const pin = await deps.publishedPin(ref, entry, record);
        if (!pin) return null;
        const settings = await deps.settings.get();
        const region = regionFromLocale(ref.locale, settings.defaultRegion);
        const input: SeoInput = {
          contentType: ref.contentType,
          documentId: ref.documentId,
          locale: ref.locale,
          values: {},
        };
        const { boardName, seeds } = await seedsOf(input, pin);
        const cached = (await adsBlocked())
          ? []
          : (await pinterestAnswers(seeds, region, false)).keywords;
        const candidates = (
          cached.length ? cached : await fromContent(ref.contentType, ref.locale, pin)
        ).map((k) => k.keyword);
        const stored: StoredSeo = {
          ...checklistOf(pin, boardName, candidates),
          checkedAt: new Date(now()).toISOString(),
        };
        if (save)
          save({ seo: stored, seoScore: stored.score }, () => deps.records.saveSeo(ref, stored));
        else await deps.records.saveSeo(ref, stored);
        return stored;
      } catch (e) {
        deps.log.warn(`[pinterest] the pin checklist could not be stored: ${String(e)}`);
        return null;
      }
    },

    /** Whether Pinterest's keyword data is there, for the Settings notice. */
    async status(): Promise<SeoStatusDTO> {
      const settings = await deps.settings.get();
      const grant = await deps.grant();
      const refused = await deps.cache.getMany([ADS_REFUSED, TRENDS_REFUSED]);
      let adsRead: SeoStatusDTO['adsRead'] = 'unknown';
      if (refused.has(ADS_REFUSED)) adsRead = 'refused';
      else if (grant.source === 'oauth')
        adsRead = grant.scopes.includes('ads:read') ? 'granted' : 'missing';
      return {
        adsRead,
        trends: refused.has(TRENDS_REFUSED) ? 'refused' : 'unknown',
        defaultRegion: settings.defaultRegion,
        noticeDismissed: settings.noticeDismissed,
      };
    },

    async saveSettings(patch: Partial<SeoSettings>): Promise<SeoStatusDTO> {
      await deps.settings.save(patch);
      return this.status();
    },

    /** Live pins with the lowest scores: "fix these first". */
    weakest: (limit = 10) => deps.records.weakest(limit),

    /**
     * Title and description variants for a re-pin campaign over a content type: the words its
     * published entries share most (the site's topics) are the seeds; Pinterest's suggestions for
     * them (or those words themselves without `ads:read`) go after the entry's own title and
     * description. Editors review them in the planner before the campaign starts.
     */
    async variants(contentType: string, locale: string | null): Promise<CampaignVariants | null> {
      const fields = await deps.templateFields(contentType);
      if (!fields) return null;
      const corpus = await corpusFor(contentType, locale);
      const seeds = sharedTerms(corpus, TREND_SEEDS);
      const settings = await deps.settings.get();
      const region = regionFromLocale(locale, settings.defaultRegion);
      const blocked = await adsBlocked();
      let reason: FallbackReason | null = blocked;
      let words: string[] = [];
      if (!blocked && seeds.length) {
        const answers = await pinterestAnswers(seeds, region, true);
        words = answers.keywords.map((k) => k.keyword);
        if (!words.length) reason = answers.problem ?? 'unavailable';
      }
      const source = words.length ? 'pinterest' : 'content';
      if (!words.length) words = sharedTerms(corpus, VARIANTS);
      const chosen = words.slice(0, VARIANTS).map(capitalise);
      return {
        source,
        reason,
        keywords: chosen,
        titleTemplates: chosen.map((k) => `{${fields.title}} – ${k}`),
        descriptionTemplates: chosen.map((k) => `{${fields.description}} ${k}.`),
      };
    },
  };
}

export type SeoService = ReturnType<typeof createSeoService>;

export interface CampaignVariants {
  source: 'pinterest' | 'content';
  reason: FallbackReason | null;
  keywords: string[];
  titleTemplates: string[];
  descriptionTemplates: string[];
}

const capitalise = (s: string) => (s ? s[0].toLocaleUpperCase() + s.slice(1) : s);

/** The terms most entries of the corpus use (at least two), most shared first. */
function sharedTerms(corpus: ReturnType<typeof buildCorpus>, limit: number): string[] {
  return [...corpus.df.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || b[0].split(' ').length - a[0].split(' ').length)
    .slice(0, limit)
    .map(([term]) => corpus.shown.get(term) ?? term);
}
