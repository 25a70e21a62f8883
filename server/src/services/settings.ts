import type { SettingsDTO } from '../../../common/wire';
import type { ContentTypeMapping, PluginConfig } from '../config/schema';
import { grantDefaultsOnce, LAST_DEFAULT_ROLE, logGrants } from '../settings/default-grants';
import type { RegisteredMapping } from '../settings/mapping-registry';
import {
  storedMappingSchema,
  type StoredMapping,
  type StoredSettings,
} from '../settings/settings-store';
import type {
  ContentTypeSampleDTO,
  ContentTypeSetupDTO,
  ContentTypeSetupInput,
} from '../../../common/content-types';
import { NO_LOCALE } from '../../../common/locales';
import { pinFieldValueSchema } from '../../../common/pin-field';
import { PIN_RECORD_UID } from '../content-types';
import { firstValue, mappingPaths, populateFor, withPreviewLink } from '../mapping/entry-values';
import { candidatesFor, mappingProblems } from '../mapping/mapping-check';
import { previewPin, type PinPreview } from '../mapping/pin-draft';
import { inputOfMapping, mappingOfInput, neverPinnedCount } from '../settings/content-type-setup';
import { attributesOf } from '../utils/attributes-of';
import { isLocalized } from '../utils/is-localized';
import type { PluginCore } from './core';

/**
 * The plugin's configuration and the administrator's defaults per content type (Settings →
 * Pinterest), and what they make of each content type.
 */
export interface SettingsService {
  /** The parsed plugin config (`config/plugins`, `PINTEREST_*`), read once. */
  getConfig(): PluginConfig;
  /** The content types the config lets pin. */
  contentTypes(): string[];
  /** Whether a content type is configured to pin (in code or in Settings → Pinterest). */
  isMapped(contentType: string): boolean;
  /** A content type's mapping as last read, and where it comes from; null when it does not pin. */
  registeredMapping(contentType: string): RegisteredMapping | null;
  /** Reads the admin's mappings again when they are a few seconds old. */
  refreshMappings(): Promise<void>;
  /** The content type's mapping with the administrator's defaults on top; null when unmapped. */
  mappingFor(contentType: string): Promise<ContentTypeMapping | null>;
  /** The attribute holding the `plugin::pinterest.pin` field, if the content type has one. */
  pinFieldOf(contentType: string, mapping: ContentTypeMapping): string | null;
  /** The defaults of every configured content type, as the settings page shows them. */
  describe(): Promise<SettingsDTO>;
  /** Saves the administrator's defaults (the caller checked the content types are mapped). */
  save(value: StoredSettings): Promise<SettingsDTO>;
  /** Every content type of the app, as Settings → Pinterest → Content types shows it. */
  listContentTypes(): Promise<ContentTypeSetupDTO[]>;
  /** Saves an administrator's mapping for a content type (a type configured in code is not). */
  saveContentType(uid: string, input: ContentTypeSetupInput): Promise<SetupOutcome>;
  /** The pin one of the type's published entries would make with these (unsaved) choices. */
  sampleContentType(uid: string, input: ContentTypeSetupInput): Promise<SampleOutcome>;
  /**
   * On a new install, gives Strapi's default Editor and Author roles the plugin's everyday rights,
   * once per database (one instance at a time). Returns what was granted, or null when done before.
   */
  grantDefaultRolesOnce(): Promise<Record<string, string[]> | null>;
}

export type SetupOutcome =
  | { outcome: 'saved'; contentType: ContentTypeSetupDTO }
  | { outcome: 'not-found' }
  /** Configured in `config/plugins`: the code wins, the page shows it read-only. */
  | { outcome: 'read-only' }
  | { outcome: 'invalid'; problems: Array<{ path: string[]; message: string }> };

export type SampleOutcome =
  | {
      outcome: 'sample';
      sample: { entry: ContentTypeSampleDTO['entry']; preview: PinPreview | null };
    }
  | Exclude<SetupOutcome, { outcome: 'saved' } | { outcome: 'read-only' }>;

/** The app's own content types (collection and single types), in name order. */
const appContentTypes = (strapi: PluginCore['strapi']) =>
  Object.entries(strapi.contentTypes as unknown as Record<string, ContentTypeSchema>)
    .filter(([uid]) => uid.startsWith('api::'))
    .sort(([a], [b]) => a.localeCompare(b));

interface ContentTypeSchema {
  kind?: string;
  info?: { displayName?: string };
  options?: { draftAndPublish?: boolean };
  pluginOptions?: { i18n?: { localized?: boolean } };
  attributes: Record<string, unknown>;
}

/** A mapping made from the page's choices, checked against the schema; or what is wrong. */
function checkedMapping(
  core: PluginCore,
  uid: string,
  input: ContentTypeSetupInput
):
  | { ok: true; mapping: StoredMapping }
  | { ok: false; problems: Array<{ path: string[]; message: string }> } {
  const parsed = storedMappingSchema.safeParse(mappingOfInput(input));
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        path: i.path.map(String),
        message: i.message,
      })),
    };
  const problems = mappingProblems(uid, parsed.data, attributesOf(core.strapi));
  if (problems.length)
    return {
      ok: false,
      problems: problems.map((p) => ({ path: [p.field], message: p.message })),
    };
  return { ok: true, mapping: parsed.data };
}

export function createSettingsService(core: PluginCore): SettingsService {
  const { strapi } = core;
  const service: SettingsService = {
    getConfig: core.getConfig,
    contentTypes: () => core.mappedTypes(),
    isMapped: core.isMapped,
    registeredMapping: (uid) => core.mappings.get(uid),
    refreshMappings: () => core.mappings.refresh(),
    mappingFor: core.mappingFor,
    pinFieldOf: core.pinFieldOf,

    async describe() {
      await core.mappings.refresh();
      const saved = await core.settings.get();
      return {
        contentTypes: Object.entries(core.mappings.all()).map(([uid, { mapping }]) => {
          const s = saved.contentTypes[uid];
          const ct:
            | {
                info?: { displayName?: string };
                pluginOptions?: { i18n?: { localized?: boolean } };
              }
            | undefined = strapi.contentType(uid as never);
          return {
            uid,
            displayName: ct?.info?.displayName ?? uid,
            pinOnPublish: s?.pinOnPublish ?? mapping.pinOnPublish,
            defaultBoardId: s?.defaultBoardId ?? mapping.defaultBoardId ?? null,
            defaultBoardSectionId:
              s?.defaultBoardSectionId ?? mapping.defaultBoardSectionId ?? null,
            onUnpublish: s?.onUnpublish ?? mapping.onUnpublish,
            defaultTemplate: s?.defaultTemplate ?? null,
            localized: ct?.pluginOptions?.i18n?.localized === true,
            defaultAccountId: s?.defaultAccountId ?? mapping.defaultAccountId ?? null,
            localeDefaults: { ...mapping.localeDefaults, ...s?.localeDefaults },
          };
        }),
      };
    },

    async listContentTypes() {
      await core.mappings.refresh(true);
      const stored = await core.settings.mappings();
      const marks = await core.reconcileMarks.all();
      const out: ContentTypeSetupDTO[] = [];
      for (const [uid, schema] of appContentTypes(strapi)) {
        const registered = core.mappings.get(uid);
        const saved = stored[uid];
        const source = registered?.source ?? (saved ? 'admin' : null);
        const mapping = registered?.mapping ?? (saved ? storedMappingSchema.parse(saved) : null);
        const enabled = Boolean(registered);
        const enabledAt = marks[uid]?.enabledAt;
        out.push({
          uid,
          displayName: schema.info?.displayName ?? uid,
          kind: schema.kind === 'singleType' ? 'singleType' : 'collectionType',
          draftAndPublish: schema.options?.draftAndPublish !== false,
          localized: isLocalized(strapi, uid),
          pinField: core.pinFieldOf(uid, mapping ?? ({} as ContentTypeMapping)),
          source,
          enabled,
          mapping: mapping ? inputOfMapping(mapping, enabled) : null,
          candidates: candidatesFor(uid, attributesOf(strapi)),
          previewAvailable: core.previewAvailable(),
          neverPinned: enabled
            ? {
                count: await neverPinnedCount(
                  strapi,
                  uid,
                  PIN_RECORD_UID,
                  isLocalized(strapi, uid)
                ),
                publishedBefore: enabledAt ? new Date(enabledAt).toISOString() : null,
              }
            : null,
        });
      }
      return out;
    },

    async saveContentType(uid, input) {
      if (!appContentTypes(strapi).some(([u]) => u === uid)) return { outcome: 'not-found' };
      if (uid in core.getConfig().contentTypes) return { outcome: 'read-only' };
      const checked = checkedMapping(core, uid, input);
      if (!checked.ok) return { outcome: 'invalid', problems: checked.problems };
      await core.mappings.refresh(true);
      const wasEnabled = core.mappings.isMapped(uid);
      await core.settings.saveMapping(uid, checked.mapping);
      await core.mappings.refresh(true);
      // enabled now: only entries published from now on pin by themselves — the archive, and what
      // was published while the type was off, wait for someone to ask (a re-pin campaign)
      if (checked.mapping.enabled && !wasEnabled) await core.reconcileMarks.reenable(uid);
      const listed = (await service.listContentTypes()).find((t) => t.uid === uid)!;
      return { outcome: 'saved', contentType: listed };
    },

    async sampleContentType(uid, input) {
      if (!appContentTypes(strapi).some(([u]) => u === uid)) return { outcome: 'not-found' };
      const checked = checkedMapping(core, uid, input);
      if (!checked.ok) return { outcome: 'invalid', problems: checked.problems };
      const mapping = checked.mapping;
      const populate = populateFor(uid, mappingPaths(mapping), attributesOf(strapi));
      const entry = (await strapi.documents(uid as never).findFirst({
        status: 'published',
        sort: [{ publishedAt: 'desc' }],
        populate,
      } as never)) as Record<string, unknown> | null;
      if (!entry) return { outcome: 'sample', sample: { entry: null, preview: null } };
      const locale = typeof entry.locale === 'string' ? entry.locale : null;
      const fieldAttribute = core.pinFieldOf(uid, mapping);
      const field = fieldAttribute
        ? pinFieldValueSchema.safeParse(entry[fieldAttribute] ?? {})
        : null;
      const linked = mapping.linkFromPreview
        ? withPreviewLink(
            entry,
            await core.previewLink({
              contentType: uid,
              documentId: String(entry.documentId),
              locale: locale ?? NO_LOCALE,
            })
          )
        : entry;
      const preview = previewPin({
        contentType: uid,
        documentId: String(entry.documentId),
        locale: locale ?? NO_LOCALE,
        entry: linked,
        mapping,
        field: field?.success ? field.data : null,
        utm: core.getConfig().utm,
      });
      const title = firstValue(entry, mapping.title);
      return {
        outcome: 'sample',
        sample: {
          entry: {
            documentId: String(entry.documentId),
            locale,
            title: typeof title === 'string' ? title : null,
          },
          preview,
        },
      };
    },

    async grantDefaultRolesOnce() {
      const grant = async () => {
        if (!(await core.leases.acquire('default-grants', core.owner, 60_000))) return null;
        try {
          return await grantDefaultsOnce(strapi);
        } finally {
          await core.leases.release('default-grants', core.owner);
        }
      };
      const granted = await grant();
      if (granted === 'no-roles') {
        // a new database: the admin makes its default roles after the plugins start; grant as soon
        // as the last of them (Author) exists
        strapi.db.lifecycles.subscribe({
          models: ['admin::role'],
          async afterCreate(event: { result?: { code?: string } }) {
            if (event.result?.code !== LAST_DEFAULT_ROLE) return;
            const late = await grant();
            if (late && late !== 'no-roles') logGrants(strapi, late);
          },
        });
        return null;
      }
      if (granted) logGrants(strapi, granted);
      return granted;
    },

    async save(value) {
      await core.settings.set(value);
      return service.describe();
    },
  };
  return service;
}
