import { z } from 'zod';
import type { PinPreviewDTO } from './wire';

/**
 * Settings → Pinterest → Content types: what the page shows for each content type of the app and
 * what an administrator saves. Shared by the admin page and the server routes.
 */

/** The parts of a pin an attribute can feed (the page's selects offer only compatible paths). */
export const MAPPING_ROLES = [
  'title',
  'description',
  'content',
  'media',
  'link',
  'placeholder',
] as const;
export type MappingRoleDTO = (typeof MAPPING_ROLES)[number];

const path = z
  .string()
  .regex(
    /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/,
    'must be an attribute name, or a component or relation field such as seo.metaTitle'
  );
const paths = z.array(path).max(5);
const boardId = z.string().regex(/^\d+$/, 'must be a Pinterest board id (digits only)');

/** What an administrator saves for one content type (PUT /settings/content-types/:uid). */
export const contentTypeSetupInputSchema = z
  .object({
    enabled: z.boolean(),
    title: paths.min(1, 'choose at least one attribute for the title'),
    description: paths,
    content: paths,
    media: path,
    altText: paths.default([]),
    /**
     * The link: an attribute, a URL pattern (one for all locales, or one per locale), or the page
     * URL the app's Strapi preview gives (`config/admin.ts` → `preview.config.handler`).
     */
    link: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('attribute'), path }),
      z.object({ kind: z.literal('preview') }),
      z.object({
        kind: z.literal('pattern'),
        /** `*` for every locale, or a locale code. */
        patterns: z.record(z.string().min(1), z.string().trim().min(1)),
      }),
    ]),
    missingLink: z.enum(['refuse', 'warn']).default('refuse'),
    pinOnPublish: z.boolean().default(true),
    defaultBoardId: boardId.nullable().default(null),
    defaultBoardSectionId: boardId.nullable().default(null),
    onUnpublish: z.enum(['keep', 'delete']).default('keep'),
  })
  .strict();
export type ContentTypeSetupInput = z.infer<typeof contentTypeSetupInputSchema>;

export interface ContentTypeSetupDTO {
  uid: string;
  displayName: string;
  kind: 'collectionType' | 'singleType';
  draftAndPublish: boolean;
  localized: boolean;
  /** The attribute holding the Pinterest field, or null (the type pins with its default board). */
  pinField: string | null;
  /** Where its mapping comes from: the code (read-only here), the admin, or none yet. */
  source: 'code' | 'admin' | null;
  enabled: boolean;
  /** The mapping in effect (code) or saved (admin), in the page's shape; null when never set. */
  mapping: ContentTypeSetupInput | null;
  /** The attribute paths each part of the pin can take. */
  candidates: Record<MappingRoleDTO, Array<{ path: string; type: string }>>;
  /** Whether the app configures Strapi's preview (a possible link source). */
  previewAvailable: boolean;
  /** Published entries (per locale) that have no pin, when the type pins. */
  neverPinned: { count: number; publishedBefore: string | null } | null;
}

export interface ContentTypeSampleDTO {
  /** The published entry the sample was built from; null when the type has none. */
  entry: { documentId: string; locale: string | null; title: string | null } | null;
  /** The editor's preview, without `pinOnPublish` (a sample is not about one entry's switch). */
  preview: Omit<PinPreviewDTO, 'pinOnPublish'> | null;
}
