/**
 * The renderer: a template, texts, brand and the entry's image → a 2:3 JPEG.
 * sharp crops the image at the focal point; satori lays the pin out and draws the text as paths
 * from the bundled fonts; resvg rasterises the SVG (no system fonts); sharp encodes the JPEG.
 * No browser, no network, the same bytes for the same input.
 */
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import sharp from 'sharp';
import { coverCrop, CENTRE, type Focal } from './focal-crop';
import type { FontLibrary } from './fonts';
import { PIN_HEIGHT, PIN_WIDTH, templateById, type DesignParts } from './templates';
import { fitText, textDirection } from './text-fit';

/** Part of every design's content hash: a new version renders every design again. */
export const RENDERER_VERSION = 'r1';

/** Pinterest's image limit. */
export const MAX_PIN_BYTES = 20 * 1024 * 1024;

export interface RenderInput {
  template: string;
  title: string;
  subtitle: string | null;
  image: Buffer | null;
  focal?: Focal | null;
  brand: {
    name: string;
    logo: Buffer | null;
    primaryColour: string;
    secondaryColour: string;
    font: string;
  };
  palette?: 'primary' | 'secondary' | null;
  /** Output width; the height is 1.5 × this. */
  width?: number;
  jpegQuality?: number;
}

export interface RenderedDesign {
  bytes: Buffer;
  mime: 'image/jpeg';
  width: number;
  height: number;
  /** Alt text: the design's title. */
  altText: string;
}

const dataUri = (mime: string, b: Buffer) => `data:${mime};base64,${b.toString('base64')}`;

async function croppedImage(image: Buffer, box: { width: number; height: number }, focal: Focal) {
  const img = sharp(image, { failOn: 'error' }).rotate();
  const meta = await img.metadata();
  // EXIF orientations 5–8 swap the sides
  const swap = (meta.orientation ?? 1) >= 5;
  const width = (swap ? meta.height : meta.width) ?? 0;
  const height = (swap ? meta.width : meta.height) ?? 0;
  if (!width || !height) throw new Error('the image has no dimensions');
  const crop = coverCrop({ width, height }, box, focal);
  const out = await img
    .extract(crop)
    .resize(box.width, box.height, { fit: 'fill' })
    .jpeg({ quality: 92 })
    .toBuffer();
  return dataUri('image/jpeg', out);
}

async function logoImage(logo: Buffer) {
  const { data, info } = await sharp(logo)
    .rotate()
    .resize(320, 72, { fit: 'inside', withoutEnlargement: false })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { src: dataUri('image/png', data), width: info.width, height: info.height };
}

/** The template and the texts fitted to its boxes (what the tests check for overflow). */
export function fitDesignTexts(input: RenderInput, fonts: FontLibrary) {
  const template = templateById(input.template);
  if (!template) throw new Error(`unknown template ${input.template}`);
  const family = fonts.has(input.brand.font) ? input.brand.font : 'inter';
  const titleStack = fonts.stack(family, 'bold');
  const bodyStack = fonts.stack(family, 'regular');
  const subtitleText = input.subtitle?.trim() ?? '';
  const subtitle =
    subtitleText && template.subtitleBox
      ? fitText(subtitleText, template.subtitleBox, bodyStack.measure)
      : null;
  const titleBox = template.titleBox(Boolean(subtitle?.lines.length));
  const title = fitText(input.title, titleBox, titleStack.measure);
  return { template, title, titleBox, subtitle, titleStack, bodyStack };
}

/** The design as satori's SVG (layout only: what the tests and the bench look at). */
export async function renderSvg(input: RenderInput, fonts: FontLibrary): Promise<string> {
  const { template, title, subtitle, titleStack, bodyStack } = fitDesignTexts(input, fonts);
  const swap = input.palette === 'secondary';
  const parts: DesignParts = {
    title,
    subtitle,
    image: input.image
      ? await croppedImage(input.image, template.imageBox, input.focal ?? CENTRE)
      : null,
    brandName: input.brand.name,
    logo: template.usesLogo && input.brand.logo ? await logoImage(input.brand.logo) : null,
    lead: swap ? input.brand.secondaryColour : input.brand.primaryColour,
    other: swap ? input.brand.primaryColour : input.brand.secondaryColour,
    dir: textDirection(input.title),
    titleFont: titleStack.css,
    bodyFont: bodyStack.css,
  };
  return satori(template.build(parts) as never, {
    width: PIN_WIDTH,
    height: PIN_HEIGHT,
    fonts: fonts.satoriFonts,
  });
}

/** Renders the design to a JPEG of `width` × 1.5·`width` (1000×1500 by default). */
export async function renderDesign(
  input: RenderInput,
  fonts: FontLibrary
): Promise<RenderedDesign> {
  const svg = await renderSvg(input, fonts);
  const width = input.width ?? PIN_WIDTH;
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: false },
    background: '#FFFFFF',
  }).render();
  const bytes = await sharp(rendered.pixels, {
    raw: { width: rendered.width, height: rendered.height, channels: 4 },
  })
    .flatten({ background: '#FFFFFF' })
    .jpeg({ quality: input.jpegQuality ?? 88, chromaSubsampling: '4:4:4' })
    .toBuffer();
  if (bytes.length > MAX_PIN_BYTES) throw new Error('the rendered design is larger than 20 MB');
  return {
    bytes,
    mime: 'image/jpeg',
    width: rendered.width,
    height: rendered.height,
    altText: input.title.replace(/\s+/g, ' ').trim().slice(0, 500),
  };
}
