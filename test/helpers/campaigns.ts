/**
 * Helpers for the re-pin campaign suites: articles with a chosen publication date and pin history.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../../server/src/utils/get-service';

export const ARTICLE = 'api::article.article';

export const campaignsOf = (strapi: Core.Strapi) => getService(strapi, 'campaigns');

/**
 * An article, published at `publishedAt` (as if long ago) or left a draft (null). Its own pin on
 * publish is off, so the only pins are the ones a test makes or records.
 */
export async function article(
  strapi: Core.Strapi,
  slug: string,
  opts: {
    hero?: number | null;
    link?: string | null;
    publishedAt?: string | null;
    boardId?: string | null;
    title?: string;
  } = {}
): Promise<string> {
  const draft = await strapi.documents(ARTICLE).create({
    data: {
      title: opts.title ?? `Article ${slug}`,
      excerpt: `All about ${slug}.`,
      hero: opts.hero ?? null,
      canonicalUrl: opts.link === undefined ? `https://blog.example.com/${slug}` : opts.link,
      pinterest: { enabled: false, ...(opts.boardId && { boardId: opts.boardId }) },
    } as never,
  });
  if (opts.publishedAt !== null) {
    await strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
    if (opts.publishedAt) {
      await strapi.db.query(ARTICLE).updateMany({
        where: { documentId: draft.documentId, publishedAt: { $notNull: true } },
        data: { publishedAt: new Date(opts.publishedAt) },
      });
    }
  }
  return draft.documentId;
}

/**
 * Records that the entry's own pin was made on `boardId` at `pinnedAt` (as the pin.entry job
 * would).
 */
export async function pinnedBefore(
  strapi: Core.Strapi,
  documentId: string,
  boardId: string,
  pinnedAt: number | string
) {
  await strapi.db.query('plugin::pinterest.pin-record').create({
    data: {
      contentType: ARTICLE,
      entryDocumentId: documentId,
      entryLocale: 'default',
      boardId,
      marker: `strapi-${documentId.slice(0, 16).padEnd(16, '0')}`,
      pinId: String(9_000_000_000_000_000 + Math.floor(Math.random() * 1e9)),
      status: 'pinned',
      pinnedAt: new Date(pinnedAt),
    },
  });
}
