/**
 * Who may act on a job (retry, cancel, reschedule): an entry's job needs the Content Manager's
 * Publish permission on that entry (pinning is publishing); a campaign's job needs “Bulk re-pin”;
 * a posts-API job (made with an API token, not by an editor) needs “Manage the connection and
 * settings”.
 */
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { JOB_UID } from '../content-types';
import { ALL_LOCALES, JOB_KINDS, NO_LOCALE, entryJobPayloadSchema } from '../pins/job-keys';
import type { AdminCtx, EntryAccess } from './entry-access';

const jobRowSchema = z.object({ kind: z.string(), payload: z.unknown() });

/**
 * Throws a 403 when the caller may not act on job `id`; a job that does not exist passes (the
 * route answers its own 404).
 */
export async function assertJobAccess(
  strapi: Core.Strapi,
  access: EntryAccess,
  ctx: AdminCtx,
  id: number
): Promise<void> {
  const found: unknown = await strapi.db
    .query(JOB_UID)
    .findOne({ where: { id }, select: ['kind', 'payload'] });
  if (!found) return;
  const job = jobRowSchema.parse(found);
  if (job.kind === JOB_KINDS.pinEntry || job.kind === JOB_KINDS.unpinEntry) {
    const ref = entryJobPayloadSchema.parse(job.payload);
    const locale = ref.locale === NO_LOCALE || ref.locale === ALL_LOCALES ? undefined : ref.locale;
    await access.assertEntry(ctx, 'publish', { ...ref, locale });
    return;
  }
  if (job.kind === JOB_KINDS.pinCampaign) {
    access.assertPlugin(ctx, 'bulkRepin', 'to act on a re-pin campaign’s job');
    return;
  }
  access.assertPlugin(
    ctx,
    'manageSettings',
    'to act on a job of the posts API (made with an API token)'
  );
}
