/**
 * The built-in pin templates: pure layouts of a 1000×1500 pin. Each declares where the image and
 * the texts go (so the renderer can crop the image and fit the texts first), then builds satori's
 * element tree from the fitted parts.
 */
import type { DesignTemplateDTO } from '../../../common/designs';
import type { FitBox, FittedText } from './text-fit';
import type { Rect } from './focal-crop';

export const PIN_WIDTH = 1000;
export const PIN_HEIGHT = 1500;
const PAD = 64;
/** Width of the text column of the full-width templates. */
const W = PIN_WIDTH - 2 * PAD;

/** A satori element (React-like, without React). */
export interface El {
  type: string;
  props: {
    style?: Record<string, unknown>;
    children?: unknown;
    src?: string;
    [k: string]: unknown;
  };
}

export interface DesignParts {
  title: FittedText;
  subtitle: FittedText | null;
  /** Cropped image as a data URI, exactly imageBox's size; null when the entry has none. */
  image: string | null;
  brandName: string;
  logo: { src: string; width: number; height: number } | null;
  /** The leading colour (the palette's choice) and the other one. */
  lead: string;
  other: string;
  dir: 'ltr' | 'rtl';
  titleFont: string;
  bodyFont: string;
}

export interface DesignTemplate extends DesignTemplateDTO {
  imageBox: Rect;
  titleBox(hasSubtitle: boolean): FitBox;
  subtitleBox: FitBox | null;
  build(p: DesignParts): El;
}

const el = (type: string, style: Record<string, unknown>, children?: unknown, extra = {}): El => ({
  type,
  props: { style: { display: 'flex', boxSizing: 'border-box', ...style }, children, ...extra },
});

/** White or near-black, whichever reads better on this colour (WCAG relative luminance). */
export function contrastOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return l > 0.35 ? '#111111' : '#FFFFFF';
}

/** The fitted lines as one block of divs (never wrapped again by satori). */
function textBlock(
  t: FittedText,
  p: DesignParts,
  style: { color: string; font: string; weight: number; lineHeight: number },
  width: number
): El {
  return el(
    'div',
    { width, flexDirection: 'column', alignItems: p.dir === 'rtl' ? 'flex-end' : 'flex-start' },
    t.lines.map((line) =>
      el(
        'div',
        {
          width,
          justifyContent: 'flex-start',
          textAlign: p.dir === 'rtl' ? 'right' : 'left',
          fontFamily: style.font,
          fontWeight: style.weight,
          fontSize: t.size,
          lineHeight: style.lineHeight,
          height: Math.ceil(t.size * style.lineHeight),
          color: style.color,
          whiteSpace: 'pre',
          direction: p.dir,
        },
        line
      )
    )
  );
}

function imageEl(p: DesignParts, box: Rect, style: Record<string, unknown> = {}): El {
  if (!p.image) {
    return el('div', {
      width: box.width,
      height: box.height,
      backgroundImage: `linear-gradient(135deg, ${p.lead}, ${p.other})`,
      ...style,
    });
  }
  return {
    type: 'img',
    props: { src: p.image, width: box.width, height: box.height, style: { ...style } },
  };
}

function brandEl(p: DesignParts, color: string, size = 30): El | null {
  if (p.logo) {
    return {
      type: 'img',
      props: { src: p.logo.src, width: p.logo.width, height: p.logo.height, style: {} },
    };
  }
  if (!p.brandName) return null;
  return el(
    'div',
    {
      fontFamily: p.bodyFont,
      fontWeight: 700,
      fontSize: size,
      letterSpacing: 2,
      color,
      whiteSpace: 'pre',
      direction: p.dir,
    },
    p.brandName.toUpperCase()
  );
}

const subtitleStyle = (p: DesignParts, color: string) => ({
  color,
  font: p.bodyFont,
  weight: 400,
  lineHeight: 1.3,
});
const titleStyle = (p: DesignParts, color: string) => ({
  color,
  font: p.titleFont,
  weight: 800,
  lineHeight: 1.12,
});

const align = (p: DesignParts) => (p.dir === 'rtl' ? 'flex-end' : 'flex-start');

/** A template's title box: its height with and without a subtitle, and the type sizes it fits. */
const titleBoxOf =
  (
    width: number,
    heights: { withSubtitle: number; alone: number },
    maxSize: number,
    minSize: number
  ) =>
  (sub: boolean): FitBox => ({
    width,
    height: sub ? heights.withSubtitle : heights.alone,
    maxSize,
    minSize,
    lineHeight: 1.12,
  });

/** A template's subtitle box: at most two lines. */
const subtitleBoxOf = (
  width: number,
  height: number,
  maxSize: number,
  minSize: number
): FitBox => ({
  width,
  height,
  maxSize,
  minSize,
  lineHeight: 1.3,
  maxLines: 2,
});

/** The title, and the subtitle under it when there is one. */
const titleAndSubtitle = (
  p: DesignParts,
  inks: { title: string; subtitle: string },
  width: number,
  gap: number
) => [
  textBlock(p.title, p, titleStyle(p, inks.title), width),
  p.subtitle?.lines.length
    ? el('div', { marginTop: gap }, [
        textBlock(p.subtitle, p, subtitleStyle(p, inks.subtitle), width),
      ])
    : null,
];

/** Image above, a band of the brand colour with the title below. */
const boldBand: DesignTemplate = {
  id: 'bold-band',
  name: 'Bold band',
  description: 'The image on top, the title in large type on a band of the brand colour.',
  usesLogo: true,
  imageBox: { left: 0, top: 0, width: PIN_WIDTH, height: 900 },
  titleBox: titleBoxOf(PIN_WIDTH - 2 * PAD, { withSubtitle: 290, alone: 390 }, 104, 34),
  subtitleBox: subtitleBoxOf(PIN_WIDTH - 2 * PAD, 96, 36, 24),
  build(p) {
    const ink = contrastOn(p.lead);
    const brand = brandEl(p, ink);
    return el(
      'div',
      { width: PIN_WIDTH, height: PIN_HEIGHT, flexDirection: 'column', backgroundColor: p.lead },
      [
        imageEl(p, this.imageBox),
        el('div', { width: PIN_WIDTH, height: 14, backgroundColor: p.other }),
        el(
          'div',
          {
            flexDirection: 'column',
            justifyContent: 'space-between',
            alignItems: align(p),
            width: PIN_WIDTH,
            height: PIN_HEIGHT - 914,
            padding: `40px ${PAD}px 44px`,
          },
          [
            el(
              'div',
              { flexDirection: 'column', alignItems: align(p) },
              titleAndSubtitle(p, { title: ink, subtitle: ink }, W, 16)
            ),
            brand,
          ]
        ),
      ]
    );
  },
};

/** Title panel on top, image below, brand chip on the image. */
const splitTop: DesignTemplate = {
  id: 'split-top',
  name: 'Split, title on top',
  description: 'A solid panel with the title above the image; the brand in a chip on the image.',
  usesLogo: false,
  imageBox: { left: 0, top: 600, width: PIN_WIDTH, height: 900 },
  titleBox: titleBoxOf(PIN_WIDTH - 2 * PAD, { withSubtitle: 330, alone: 440 }, 100, 34),
  subtitleBox: subtitleBoxOf(PIN_WIDTH - 2 * PAD, 92, 34, 24),
  build(p) {
    const ink = contrastOn(p.other);
    const chipInk = contrastOn(p.lead);
    const brand = p.brandName ? brandEl({ ...p, logo: null }, chipInk, 26) : null;
    return el(
      'div',
      { width: PIN_WIDTH, height: PIN_HEIGHT, flexDirection: 'column', backgroundColor: p.other },
      [
        el(
          'div',
          {
            width: PIN_WIDTH,
            height: 600,
            flexDirection: 'column',
            justifyContent: 'center',
            alignItems: align(p),
            padding: `48px ${PAD}px`,
          },
          [
            el('div', { width: 96, height: 10, backgroundColor: p.lead, marginBottom: 28 }),
            ...titleAndSubtitle(p, { title: ink, subtitle: ink }, W, 18),
          ]
        ),
        el('div', { position: 'relative', width: PIN_WIDTH, height: 900 }, [
          imageEl(p, this.imageBox),
          brand
            ? el(
                'div',
                {
                  position: 'absolute',
                  bottom: 48,
                  [p.dir === 'rtl' ? 'right' : 'left']: PAD,
                  backgroundColor: p.lead,
                  borderRadius: 999,
                  padding: '14px 30px',
                },
                [brand]
              )
            : null,
        ]),
      ]
    );
  },
};

/** Full-bleed image, title over a dark gradient. */
const overlay: DesignTemplate = {
  id: 'overlay',
  name: 'Full-bleed overlay',
  description: 'The image fills the pin; the title in white over a dark gradient at the bottom.',
  usesLogo: true,
  imageBox: { left: 0, top: 0, width: PIN_WIDTH, height: PIN_HEIGHT },
  titleBox: titleBoxOf(PIN_WIDTH - 2 * PAD, { withSubtitle: 420, alone: 520 }, 110, 36),
  subtitleBox: subtitleBoxOf(PIN_WIDTH - 2 * PAD, 96, 36, 24),
  build(p) {
    const brand = brandEl(p, contrastOn(p.lead), 26);
    return el('div', { position: 'relative', width: PIN_WIDTH, height: PIN_HEIGHT }, [
      imageEl(p, this.imageBox, { position: 'absolute', left: 0, top: 0 }),
      el('div', {
        position: 'absolute',
        left: 0,
        top: 0,
        width: PIN_WIDTH,
        height: PIN_HEIGHT,
        backgroundImage:
          'linear-gradient(180deg, rgba(0,0,0,0) 30%, rgba(0,0,0,0.55) 55%, rgba(0,0,0,0.88) 100%)',
      }),
      brand
        ? el(
            'div',
            {
              position: 'absolute',
              top: 56,
              [p.dir === 'rtl' ? 'right' : 'left']: PAD,
              backgroundColor: p.lead,
              borderRadius: 12,
              padding: '12px 24px',
            },
            [brand]
          )
        : null,
      el(
        'div',
        {
          position: 'absolute',
          left: PAD,
          bottom: 72,
          width: PIN_WIDTH - 2 * PAD,
          flexDirection: 'column',
          alignItems: align(p),
        },
        [
          el('div', { width: 120, height: 12, backgroundColor: p.lead, marginBottom: 28 }),
          ...titleAndSubtitle(p, { title: '#FFFFFF', subtitle: '#F2F2F2' }, W, 18),
        ]
      ),
    ]);
  },
};

/** A white card on the brand colour: rounded image, title below. */
const card: DesignTemplate = {
  id: 'card',
  name: 'Card',
  description: 'A white card on the brand colour, with a rounded image and the title below it.',
  usesLogo: true,
  imageBox: { left: 88, top: 88, width: 824, height: 760 },
  titleBox: titleBoxOf(824, { withSubtitle: 300, alone: 400 }, 92, 32),
  subtitleBox: subtitleBoxOf(824, 88, 32, 22),
  build(p) {
    const brand = brandEl(p, contrastOn(p.lead), 28);
    return el(
      'div',
      {
        width: PIN_WIDTH,
        height: PIN_HEIGHT,
        flexDirection: 'column',
        alignItems: 'center',
        backgroundColor: p.lead,
        padding: 56,
      },
      [
        el(
          'div',
          {
            width: 888,
            height: 1290,
            flexDirection: 'column',
            backgroundColor: '#FFFFFF',
            borderRadius: 28,
            padding: 32,
          },
          [
            imageEl(p, this.imageBox, { borderRadius: 20 }),
            el(
              'div',
              { flexDirection: 'column', alignItems: align(p), marginTop: 36, padding: '0 0' },
              titleAndSubtitle(p, { title: '#141414', subtitle: '#4A4A4A' }, 824, 16)
            ),
          ]
        ),
        el(
          'div',
          { height: 98, alignItems: 'center', justifyContent: 'center' },
          brand ? [brand] : []
        ),
      ]
    );
  },
};

export const TEMPLATES: readonly DesignTemplate[] = [boldBand, splitTop, overlay, card];

export const templateById = (id: string): DesignTemplate | undefined =>
  TEMPLATES.find((t) => t.id === id);

export const templateDTOs = (): DesignTemplateDTO[] =>
  TEMPLATES.map(({ id, name, description, usesLogo }) => ({ id, name, description, usesLogo }));
