import { z } from 'zod';

/**
 * The answers of the designed-pins routes (`/pinterest/designs/*`, `/pinterest/settings/brand`),
 * checked before a component reads them. The shapes are common/designs.ts's DTO interfaces.
 */
export const designTemplatesAnswerSchema = z.object({
  templates: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      usesLogo: z.boolean(),
    })
  ),
});

export const brandSettingsAnswerSchema = z.object({
  name: z.string(),
  logoFileId: z.number().nullable(),
  primaryColour: z.string(),
  secondaryColour: z.string(),
  font: z.string(),
  logoUrl: z.string().nullable(),
  fonts: z.array(z.object({ id: z.string(), name: z.string() })),
});
