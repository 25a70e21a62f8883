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
  })
  .strict();
