import { z } from 'zod';

/**
 * Designed pins (issue 16): the contract shared by the server (renderer, routes, pin jobs) and the
 * admin (field "Design" section, Settings → Brand, campaign thumbnails).
 */

/** A template id: lower-case words joined by dashes (`bold-band`, `split-top`…). */
export const templateIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a template id such as bold-band');

/** Where the image is anchored when cover-cropped: 0..1 from the left and from the top. */
export const focalPointSchema = z
  .object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) })
  .strict();

/**
 * The editor's design for one pin. In the field value: `design` absent = the content type's
 * default template (or the original image when it has none); `design: null` = the original image.
 */
export const pinDesignSchema = z
  .object({
    template: templateIdSchema,
    /** Text on the image; the pin's title when absent. */
    title: z.string().trim().max(200, 'design title must be at most 200 characters').nullish(),
    /** Second line; the description's first sentence when absent, none when ''. */
    subtitle: z
      .string()
      .trim()
      .max(300, 'design subtitle must be at most 300 characters')
      .nullish(),
    focal: focalPointSchema.nullish(),
    /** Which brand colour leads the design. */
    palette: z.enum(['primary', 'secondary']).nullish(),
  })
  .strict();
export type PinDesign = z.infer<typeof pinDesignSchema>;

/** GET /pinterest/designs/templates */
export interface DesignTemplateDTO {
  id: string;
  name: string;
  description: string;
  /** Whether the layout shows the brand logo (when one is set). */
  usesLogo: boolean;
}

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #E60023');

/** GET / PUT /pinterest/settings/brand */
export const brandSettingsSchema = z
  .object({
    name: z.string().trim().max(60).default(''),
    /** A Media Library file id (an image), or null. */
    logoFileId: z.number().int().positive().nullable().default(null),
    primaryColour: hexColour.default('#E60023'),
    secondaryColour: hexColour.default('#111111'),
    /** A bundled font family id, or one a site adds in config (`designs.fonts`). */
    font: z.string().min(1).max(60).default('inter'),
  })
  .strict();
export type BrandSettings = z.infer<typeof brandSettingsSchema>;

/** GET /pinterest/settings/brand: the settings plus what the page needs to show them. */
export interface BrandSettingsDTO extends BrandSettings {
  logoUrl: string | null;
  fonts: Array<{ id: string; name: string }>;
}

/** POST /pinterest/designs/preview: renders the design for an entry (or for given texts). */
export const designPreviewInputSchema = z
  .object({
    contentType: z.string().min(1).max(200),
    documentId: z.string().min(1).max(100).nullish(),
    locale: z.string().min(1).max(20).nullish(),
    design: pinDesignSchema,
    /** Unsaved texts from the form, used instead of the stored entry's. */
    values: z
      .object({
        title: z.string().max(1000).nullish(),
        description: z.string().max(5000).nullish(),
      })
      .strict()
      .optional(),
    /** Output width in pixels (the height is 1.5 × width). */
    width: z.number().int().min(200).max(1000).default(500),
  })
  .strict();
export type DesignPreviewInput = z.infer<typeof designPreviewInputSchema>;
