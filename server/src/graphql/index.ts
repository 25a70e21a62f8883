import type { Core } from '@strapi/strapi';
import { PIN_FIELD_UID } from '../../../common/pin-field';
import { STATS_FIELD_UID, pinterestStatsSchema } from '../../../common/analytics';
import { parsePluginConfig } from '../config/schema';
import { PIN_RECORD_UID } from '../content-types';
import { NO_LOCALE } from '../pins/job-keys';

// nexus and the GraphQL plugin's services are typed loosely here: the plugin is an optional peer.

type Attribute = { type?: string; customField?: string };
type ContentType = { uid: string; attributes: Record<string, Attribute>; kind?: string };
type Nexus = Record<string, (...args: unknown[]) => unknown>;
type Definition = {
  field: (name: string, opts: Record<string, unknown>) => void;
  nonNull: {
    string: (name: string) => void;
    float: (name: string) => void;
    list: { nonNull: { field: (name: string, opts: Record<string, unknown>) => void } };
  };
  string: (name: string) => void;
  float: (name: string) => void;
};

const STATS_TYPE = 'PinterestStats';
const PIN_TYPE = 'PinterestPin';

/**
 * With @strapi/plugin-graphql installed: the `plugin::pinterest.stats` attributes get a real type
 * (`PinterestStats`: every total, typed) instead of the JSON scalar, and the entries of pinning
 * content types expose `pinterestPins { pinId url status board }`. That field needs the same
 * right as reading the entries through REST (`<uid>.find`), and lists live pins only.
 */
export function registerGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql') as
    { service: (name: string) => Record<string, unknown> } | undefined;
  if (!graphql) return;
  const extension = graphql.service('extension') as {
    use: (fn: (ctx: { nexus: Nexus }) => Record<string, unknown>) => void;
    shadowCRUD: (uid: string) => {
      field: (name: string) => { disableOutput: () => void };
    };
  };

  const apiTypes = () =>
    Object.values(strapi.contentTypes as unknown as Record<string, ContentType>).filter((ct) =>
      ct.uid.startsWith('api::')
    );
  const statsAttributes = (ct: ContentType) =>
    Object.entries(ct.attributes)
      .filter(([, a]) => a.customField === STATS_FIELD_UID)
      .map(([name]) => name);
  const pins = (ct: ContentType, mapped: Set<string>) =>
    mapped.has(ct.uid) || Object.values(ct.attributes).some((a) => a.customField === PIN_FIELD_UID);

  // the JSON outputs are swapped for typed fields of the same name
  for (const ct of apiTypes())
    for (const name of statsAttributes(ct))
      extension.shadowCRUD(ct.uid).field(name).disableOutput();

  extension.use(({ nexus }) => {
    const naming = (
      graphql.service('utils') as { naming: { getTypeName: (ct: ContentType) => string } }
    ).naming;
    let mapped = new Set<string>();
    try {
      mapped = new Set(
        Object.keys(parsePluginConfig(strapi.config.get('plugin::pinterest')).contentTypes)
      );
    } catch {
      // an invalid config stops Strapi elsewhere
    }
    const types: unknown[] = [
      nexus.objectType({
        name: STATS_TYPE,
        description: "An entry's Pinterest totals (summed over its pins and final days).",
        definition(t: Definition) {
          t.nonNull.float('impressions');
          t.nonNull.float('saves');
          t.nonNull.float('pinClicks');
          t.nonNull.float('outboundClicks');
          t.nonNull.float('saveRate');
          t.float('videoViews');
          t.float('videoStarts');
          t.float('videoAvgWatchTime');
          t.nonNull.float('pins');
          t.string('from');
          t.string('through');
          t.string('lastSyncedAt');
        },
      }),
      nexus.objectType({
        name: PIN_TYPE,
        description: 'A live pin of the entry on Pinterest.',
        definition(t: Definition) {
          t.nonNull.string('pinId');
          t.nonNull.string('url');
          t.nonNull.string('status');
          t.nonNull.string('board');
          t.string('link');
          t.string('locale');
        },
      }),
    ];
    const resolversConfig: Record<string, unknown> = {};
    for (const ct of apiTypes()) {
      const typeName = naming.getTypeName(ct);
      const stats = statsAttributes(ct);
      const withPins = pins(ct, mapped);
      if (!stats.length && !withPins) continue;
      types.push(
        nexus.extendType({
          type: typeName,
          definition(t: Definition) {
            for (const name of stats)
              t.field(name, {
                type: STATS_TYPE,
                resolve: (parent: Record<string, unknown>) => {
                  const parsed = pinterestStatsSchema.safeParse(parent[name]);
                  return parsed.success ? parsed.data : null;
                },
              });
            if (withPins)
              t.nonNull.list.nonNull.field('pinterestPins', {
                type: PIN_TYPE,
                resolve: async (parent: { documentId?: string; locale?: string | null }) => {
                  if (!parent.documentId) return [];
                  const rows = (await strapi.db.query(PIN_RECORD_UID).findMany({
                    where: {
                      contentType: ct.uid,
                      entryDocumentId: parent.documentId,
                      entryLocale: parent.locale ?? NO_LOCALE,
                      pinId: { $notNull: true },
                      status: { $ne: 'deleted' },
                    },
                    orderBy: { id: 'asc' },
                  })) as Array<{
                    pinId: string;
                    status: string;
                    boardId: string;
                    link: string | null;
                    entryLocale: string;
                  }>;
                  return rows.map((r) => ({
                    pinId: r.pinId,
                    url: `https://www.pinterest.com/pin/${r.pinId}/`,
                    status: r.status,
                    board: r.boardId,
                    link: r.link,
                    locale: r.entryLocale === NO_LOCALE ? null : r.entryLocale,
                  }));
                },
              });
          },
        })
      );
      if (withPins)
        resolversConfig[`${typeName}.pinterestPins`] = { auth: { scope: [`${ct.uid}.find`] } };
    }
    return { types, resolversConfig };
  });
}
