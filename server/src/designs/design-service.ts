/**
 * Designed pins as a service: templates, brand settings, the editor's preview, and the designed
 * image a pin job sends (rendered once per content hash, kept in the Media Library).
 */
import {
  brandSettingsSchema,
  type BrandSettings,
  type BrandSettingsDTO,
  type DesignPreviewInput,
  type DesignTemplateDTO,
  type PinDesign,
} from '../../../common/designs';
import type { PinFieldValue } from '../../../common/pin-field';
import type { DesignsConfig } from '../config/designs';
import type { ContentTypeMapping } from '../config/schema';
import { PinError } from '../errors/pin-error';
import { readImageBytes, type MediaSourceContext } from '../media/media-source';
import { chooseMedia, type ChosenImage, type StrapiMedia } from '../mapping/media';
import { valueAt } from '../mapping/entry-values';
import { pinTexts } from '../mapping/pin-draft';
import { designHash, designTexts, effectiveDesign } from './choose-design';
import type { DesignLibrary } from './design-library';
import { BUNDLED_FAMILIES, fontLibrary } from './fonts';
import { renderDesign } from './render';
import { templateById, templateDTOs } from './templates';

export interface DesignedImage {
  media: ChosenImage;
  altText: string;
  fileId: number;
  /** Rendered now (false: found in the Media Library by its hash). */
  rendered: boolean;
}

export interface DesignsService {
  templates(): DesignTemplateDTO[];
  brand(): Promise<BrandSettingsDTO>;
  saveBrand(input: BrandSettings): Promise<BrandSettingsDTO>;
  /** The content type's default template (Settings → Pinterest), or null. */
  defaultTemplate(contentType: string): Promise<string | null>;
  /** The design the field asks for (or the type's default), null for the original image. */
  designFor(
    contentType: string,
    field: Pick<PinFieldValue, 'design'> | null
  ): Promise<PinDesign | null>;
  /**
   * The designed image for a pin: found by its content hash in the "Pinterest pins" folder, or
   * rendered and saved there. The image is the pin's own (the entry's hero); null: none.
   */
  designedImage(input: {
    design: PinDesign;
    title: string | null;
    description: string | null;
    image: ChosenImage | null;
  }): Promise<DesignedImage>;
  /** The JPEG of the editor's preview (null: the content type does not pin). */
  preview(input: DesignPreviewInput): Promise<Buffer | null>;
  /** How many designs the Media Library folder holds. */
  storedCount(): Promise<number>;
}

export interface DesignsDeps {
  config: () => DesignsConfig;
  library: DesignLibrary;
  brand: { get(): Promise<BrandSettings>; set(v: BrandSettings): Promise<void> };
  storedDefaults: () => Promise<Record<string, { defaultTemplate?: string | null }>>;
  mediaContext: () => MediaSourceContext;
  mappingFor: (contentType: string) => Promise<ContentTypeMapping | null>;
  /** The entry (draft) with what the mapping's paths need, or null. */
  loadEntry: (
    ref: { contentType: string; documentId: string; locale: string | null },
    mapping: ContentTypeMapping
  ) => Promise<Record<string, unknown> | null>;
}

export function createDesignsService(deps: DesignsDeps): DesignsService {
  const fonts = () => fontLibrary(deps.config().fonts);

  const logoOf = async (brand: BrandSettings) => {
    if (!brand.logoFileId) return null;
    const file = await deps.library.file(brand.logoFileId);
    return file?.url ? file : null;
  };

  const render = async (
    design: PinDesign,
    texts: { title: string; subtitle: string | null },
    image: ChosenImage | null,
    width?: number
  ) => {
    if (!templateById(design.template))
      throw new PinError('INVALID_REQUEST', `There is no pin template “${design.template}”.`);
    const brand = await deps.brand.get();
    const logo = await logoOf(brand);
    const ctx = deps.mediaContext();
    const [imageBytes, logoBytes] = await Promise.all([
      image ? readImageBytes(image.url, ctx) : null,
      logo ? readImageBytes(logo.url, ctx).catch(() => null) : null,
    ]);
    return renderDesign(
      {
        template: design.template,
        title: texts.title,
        subtitle: texts.subtitle,
        image: imageBytes,
        focal: design.focal,
        palette: design.palette,
        brand: { ...brand, logo: logoBytes },
        width,
        jpegQuality: deps.config().jpegQuality,
      },
      fonts()
    );
  };

  const service: DesignsService = {
    templates: templateDTOs,

    async brand() {
      const brand = await deps.brand.get();
      const logo = await logoOf(brand);
      const f = fonts();
      return {
        ...brand,
        logoUrl: logo?.url ?? null,
        fonts: f.families.map((fam) => ({ id: fam.id, name: fam.name })),
      };
    },

    async saveBrand(input) {
      const value = brandSettingsSchema.parse(input);
      if (!fonts().has(value.font))
        throw new PinError(
          'INVALID_REQUEST',
          `font: “${value.font}” is none of ${[...BUNDLED_FAMILIES.map((b) => b.id), ...deps.config().fonts.map((f) => f.id)].join(', ')}`
        );
      await deps.brand.set(value);
      return service.brand();
    },

    async defaultTemplate(contentType) {
      const id = (await deps.storedDefaults())[contentType]?.defaultTemplate ?? null;
      return id && templateById(id) ? id : null;
    },

    async designFor(contentType, field) {
      return effectiveDesign(field, await service.defaultTemplate(contentType));
    },

    async designedImage({ design, title, description, image }) {
      const texts = designTexts(design, { title, description });
      const brand = await deps.brand.get();
      const logo = await logoOf(brand);
      const hash = designHash({
        design,
        ...texts,
        imageUrl: image?.url ?? null,
        brand,
        logoUrl: logo?.url ?? null,
      });
      let file = await deps.library.find(hash);
      let rendered = false;
      if (!file) {
        const out = await render(design, texts, image);
        file = await deps.library.save(hash, out);
        rendered = true;
      }
      return {
        media: {
          kind: 'image',
          url: file.url,
          mime: file.mime || 'image/jpeg',
          width: file.width ?? 1000,
          height: file.height ?? 1500,
          bytes: file.size ? Math.round(file.size * 1024) : null,
          variant: 'design',
        },
        altText: texts.title,
        fileId: file.id,
        rendered,
      };
    },

    async preview(input) {
      const mapping = await deps.mappingFor(input.contentType);
      if (!mapping) return null;
      const entry = input.documentId
        ? ((await deps.loadEntry(
            {
              contentType: input.contentType,
              documentId: input.documentId,
              locale: input.locale ?? null,
            },
            mapping
          )) ?? {})
        : {};
      const base = pinTexts(entry, mapping, null);
      const title = input.values?.title?.trim() || base.title;
      const description = input.values?.description?.trim() || base.description;
      let image: ChosenImage | null = null;
      try {
        const media = chooseMedia(valueAt(entry, mapping.media) as StrapiMedia | null | undefined);
        image = media.kind === 'image' ? media : null;
      } catch {
        image = null;
      }
      const texts = designTexts(input.design, { title, description });
      const out = await render(input.design, texts, image, input.width);
      return out.bytes;
    },

    storedCount: () => deps.library.count(),
  };
  return service;
}
