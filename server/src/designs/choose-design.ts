/** Which design a pin uses, and the texts and hash of that design (pure). */
import { createHash } from 'node:crypto';
import type { BrandSettings, PinDesign } from '../../../common/designs';
import type { PinFieldValue } from '../../../common/pin-field';
import { RENDERER_VERSION } from './render';
import { firstSentence } from '../../../common/first-sentence';

/**
 * The field's `design` when set; the content type's default template when the field has none
 * (absent); the original image (null) when the editor chose it (`design: null`) or there is no
 * default.
 */
export function effectiveDesign(
  field: Pick<PinFieldValue, 'design'> | null | undefined,
  defaultTemplate: string | null | undefined
): PinDesign | null {
  if (field && field.design === null) return null;
  if (field?.design) return field.design;
  return defaultTemplate ? { template: defaultTemplate } : null;
}

/**
 * The texts on the image: the design's own, else the pin's title and the description's first
 * sentence.
 */
export function designTexts(
  design: PinDesign,
  pin: { title: string | null; description: string | null }
): { title: string; subtitle: string | null } {
  const title = design.title?.trim() || pin.title?.trim() || '';
  const subtitle =
    design.subtitle === ''
      ? null
      : design.subtitle?.trim() || firstSentence(pin.description) || null;
  return { title, subtitle };
}

/** What identifies a rendered design: same hash, same bytes (so it is rendered and stored once). */
export function designHash(parts: {
  design: PinDesign;
  title: string;
  subtitle: string | null;
  imageUrl: string | null;
  brand: BrandSettings;
  logoUrl: string | null;
}): string {
  const { design, brand } = parts;
  return createHash('sha256')
    .update(
      JSON.stringify([
        RENDERER_VERSION,
        design.template,
        parts.title,
        parts.subtitle,
        design.focal ?? null,
        design.palette ?? 'primary',
        parts.imageUrl,
        brand.name,
        brand.primaryColour,
        brand.secondaryColour,
        brand.font,
        parts.logoUrl,
      ])
    )
    .digest('hex')
    .slice(0, 32);
}
