import { z } from 'zod';
import {
  contentTypeSetupInputSchema,
  MAPPING_ROLES,
  type ContentTypeSetupDTO,
} from '../../../common/content-types';
import { pinPreviewSchema } from '../../../common/wire';

/**
 * The answers of Settings → Pinterest → Content types (`/pinterest/settings/content-types`),
 * checked before the page reads them.
 */
const candidate = z.object({ path: z.string(), type: z.string() });

export const contentTypeSetupSchema = z.object({
  uid: z.string(),
  displayName: z.string(),
  kind: z.enum(['collectionType', 'singleType']),
  draftAndPublish: z.boolean(),
  localized: z.boolean(),
  pinField: z.string().nullable(),
  source: z.enum(['code', 'admin']).nullable(),
  enabled: z.boolean(),
  mapping: contentTypeSetupInputSchema.nullable(),
  candidates: z.object(
    Object.fromEntries(MAPPING_ROLES.map((r) => [r, z.array(candidate)])) as Record<
      (typeof MAPPING_ROLES)[number],
      z.ZodArray<typeof candidate>
    >
  ),
  previewAvailable: z.boolean(),
  neverPinned: z.object({ count: z.number(), publishedBefore: z.string().nullable() }).nullable(),
}) satisfies z.ZodType<ContentTypeSetupDTO>;

export const contentTypeSetupListSchema = z.object({
  contentTypes: z.array(contentTypeSetupSchema),
});
export const contentTypeSetupAnswerSchema = z.object({ contentType: contentTypeSetupSchema });

export const contentTypeSampleSchema = z.object({
  entry: z
    .object({
      documentId: z.string(),
      locale: z.string().nullable(),
      title: z.string().nullable(),
    })
    .nullable(),
  // the sample says nothing of an entry's own choice to pin on publish
  preview: pinPreviewSchema.omit({ pinOnPublish: true }).nullable(),
});
export type ContentTypeSample = z.infer<typeof contentTypeSampleSchema>;
