import { z } from 'zod';
import { templateIdSchema } from '../../../common/designs';

const id = z.string().regex(/^\d+$/, 'must be a Pinterest id (digits only)');

/**
 * Defaults an administrator sets in Settings → Pinterest, per content type. Stored apart from the
 * connection.
 */
export const contentTypeDefaultsSchema = z
  .object({
    pinOnPublish: z.boolean(),
    defaultBoardId: id.nullable(),
    defaultBoardSectionId: id.nullable(),
    /**
     * Keep the pins (default) or delete them on Pinterest when an entry is unpublished or deleted.
     */
    onUnpublish: z.enum(['keep', 'delete']).optional(),
    /**
     * Designed pins: the template an entry without its own design uses (null: the original
     * image).
     */
    defaultTemplate: templateIdSchema.nullable().optional(),
    /** Several accounts: the account entries of this type pin to (null: the default account). */
    defaultAccountId: z.number().int().positive().nullable().optional(),
    /** Per locale: its account and board (each null: the type's). */
    localeDefaults: z
      .record(
        z.string().min(1).max(20),
        z
          .object({ accountId: z.number().int().positive().nullish(), boardId: id.nullish() })
          .strict()
      )
      .optional(),
  })
  .strict();
