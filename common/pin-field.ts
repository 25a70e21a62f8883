import { z } from 'zod';
import { pinDesignSchema } from './designs';

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
    /**
     * Several accounts: the plugin's id of the account to pin to (GET /pinterest/accounts);
     * absent: the locale's account, else the content type's, else the default one. Changing it
     * moves the pin.
     */
    accountId: z.number().int().positive().nullish(),
    boardId: numericId.nullish(),
    boardSectionId: numericId.nullish(),
    /**
     * Pinterest-only title, instead of the entry's title. Pinterest takes 100 characters: a longer
     * one is cut at a word when sent, as the entry's own title is (the editor is told).
     */
    title: z.string().max(1000, 'title override must be at most 1000 characters').nullish(),
    /** Pinterest-only description: 500 characters are sent, a longer one is cut at a word. */
    description: z
      .string()
      .max(5000, 'description override must be at most 5000 characters')
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
    /**
     * A designed 2:3 pin image (common/designs.ts). Absent: the content type's default template, or
     * the original image when it has none. null: the original image.
     */
    design: pinDesignSchema.nullish(),
    /** A future time to pin at (ISO 8601). */
    pinAt: z.iso.datetime({ offset: true }).nullish(),
  })
  .strict();

export type PinFieldValue = z.infer<typeof pinFieldValueSchema>;
