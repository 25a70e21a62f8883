import type { PinDesign } from '../../../common/designs';
import { TEMPLATES } from './templates';

/**
 * "A new design for each re-pin" (campaigns): the n-th pin of a link takes the templates in turn,
 * then the same templates with the other brand colour leading. The planner numbers a link's pins
 * after the pins it already has (its own pin and every campaign's), so up to 2 × the number of
 * templates pins of one link never share an image (title variants, when given, change it further).
 */
export function freshDesign(variant: number): PinDesign {
  const n = TEMPLATES.length;
  const i = Math.max(0, Math.floor(variant));
  return {
    template: TEMPLATES[i % n].id,
    palette: Math.floor(i / n) % 2 === 1 ? 'secondary' : 'primary',
  };
}
