import { z } from 'zod';

/** Name of the custom field: `plugin::pinterest.pin`. */
export const PIN_FIELD_NAME = 'pin';
export const PIN_FIELD_UID = 'plugin::pinterest.pin';

const numericId = z.string().regex(/^\d+$/, 'must be a Pinterest id (digits only)');

/**
 * The editor's choices for one entry, stored as JSON in the entry.
 * Every key is optional so an empty field means "use the content type's defaults".
 */
export const pinFieldValueSchema = z
  .object({
    /** Pin this entry when it is published. Defaults to the content type's `pinOnPublish`. */
    enabled: z.boolean().optional(),
    boardId: numericId.nullish(),
    boardSectionId: numericId.nullish(),
    /** Pinterest-only title, instead of the entry's title (max 100 characters). */
    title: z.string().max(100, 'title override must be at most 100 characters').nullish(),
    /** Pinterest-only description (max 500 characters). */
    description: z
      .string()
      .max(500, 'description override must be at most 500 characters')
      .nullish(),
    /** Video cover: a key-frame time in seconds, or a cover image URL. */
    cover: z
      .union([
        z.object({ keyFrameTime: z.number().int().min(0) }).strict(),
        z
          .object({
            imageUrl: z
              .string()
              .url()
              .regex(/^https?:\/\//, 'must be an http(s) URL'),
          })
          .strict(),
      ])
      .nullish(),
    /** A future time to pin at (ISO 8601). */
    pinAt: z.iso.datetime({ offset: true }).nullish(),
  })
  .strict();

export type PinFieldValue = z.infer<typeof pinFieldValueSchema>;
