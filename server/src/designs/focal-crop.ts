/** Cover-cropping at a focal point (pure). */

export interface Size {
  width: number;
  height: number;
}
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}
export interface Focal {
  x: number;
  y: number;
}

export const CENTRE: Focal = { x: 0.5, y: 0.5 };

/**
 * The part of the source image that, scaled, covers the box exactly: the box's aspect ratio, as
 * large as the source allows, centred on the focal point (0..1 from the left and the top) as far
 * as the image's edges let it be.
 */
export function coverCrop(source: Size, box: Size, focal: Focal = CENTRE): Rect {
  const scale = Math.max(box.width / source.width, box.height / source.height);
  const width = Math.min(source.width, Math.round(box.width / scale));
  const height = Math.min(source.height, Math.round(box.height / scale));
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const fx = clamp(focal.x, 1);
  const fy = clamp(focal.y, 1);
  const left = Math.round(clamp(fx * source.width - width / 2, source.width - width));
  const top = Math.round(clamp(fy * source.height - height / 2, source.height - height));
  return { left, top, width, height };
}
