import { z } from 'zod';

/**
 * Designed pins (issue 16): fonts a site adds for scripts the bundled fonts do not cover (CJK,
 * Arabic, Hebrew, Devanagari…). The bundled ones (Inter, Noto Serif) cover Latin, Latin Extended,
 * Cyrillic and Greek.
 */
export const designFontSchema = z
  .object({
    /** Id used in the brand settings' `font` (lower-case words joined by dashes). */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be an id such as noto-sans-arabic'),
    /** Name shown in Settings → Pinterest → Brand. */
    name: z.string().min(1).max(60),
    /** Font files on disk (TTF, OTF or WOFF; WOFF2 is not read by the measuring code). */
    files: z
      .array(
        z
          .object({
            path: z.string().min(1),
            weight: z.number().int().min(100).max(900).default(400),
          })
          .strict()
      )
      .min(1),
    /**
     * Also used for every design as a fallback, after the chosen font, for the characters it
     * lacks (true: an Arabic or CJK font a site adds for its texts in those scripts).
     */
    fallback: z.boolean().default(true),
  })
  .strict();

export const designsConfigSchema = z
  .object({
    fonts: z.array(designFontSchema).max(20).default([]),
    /** Name of the Media Library folder the rendered designs are saved in. */
    folderName: z.string().min(1).max(100).default('Pinterest pins'),
    /** JPEG quality of the rendered pins (1–100). */
    jpegQuality: z.number().int().min(50).max(100).default(88),
  })
  .strict();

export type DesignsConfig = z.infer<typeof designsConfigSchema>;
export type DesignFontConfig = z.infer<typeof designFontSchema>;

export const DESIGNS_DEFAULTS: DesignsConfig = designsConfigSchema.parse({});
