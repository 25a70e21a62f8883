import { z } from 'zod';

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
  })
  .strict();
