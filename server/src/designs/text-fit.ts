/**
 * Text fitting for the designs: the largest font size at which a text, wrapped at words, fits a
 * box. Pure: the measure comes from the fonts (./fonts.ts) or, in tests, from a stand-in.
 */

export interface TextMeasure {
  /** Whether some font has a glyph for this character (else it is dropped: no tofu boxes). */
  covers(ch: string): boolean;
  /** Width of a line of text at this font size, in pixels. */
  width(text: string, size: number): number;
}

export interface FitBox {
  width: number;
  height: number;
  maxSize: number;
  minSize: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  maxLines?: number;
}

export interface FittedText {
  size: number;
  lines: string[];
  /** The text did not fit even at the smallest size: the last line ends with an ellipsis. */
  truncated: boolean;
  /** Height the lines take. */
  height: number;
}

/** Keeps a margin so that the renderer's shaping never exceeds what was measured. */
const SAFETY = 0.97;
/** A word is broken only into pieces of at least this many characters. */
const MIN_PIECE = 3;

/** The text as it will be drawn: characters no font has (emoji, unknown scripts) dropped. */
export function drawableText(text: string, measure: TextMeasure): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += measure.covers(ch) ? ch : ' ';
  return out
    .replace(/\u200d|\ufe0f/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Breaks a word wider than the line into pieces that fit, each but the last ending with a hyphen
 * (at an existing hyphen when there is one that fits).
 */
export function breakWord(word: string, maxWidth: number, fits: (s: string) => boolean): string[] {
  const chars = Array.from(word);
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    const rest = chars.slice(start).join('');
    if (fits(rest)) {
      pieces.push(rest);
      break;
    }
    // the longest prefix that fits with its hyphen
    let end = start + 1;
    while (end < chars.length && fits(`${chars.slice(start, end + 1).join('')}-`)) end += 1;
    // the word's own hyphen right after the piece takes the place of the one added
    if (chars[end] === '-') end += 1;
    // prefer cutting right after a hyphen already in the word
    const slice = chars.slice(start, end);
    const dash = slice.lastIndexOf('-');
    if (dash >= MIN_PIECE - 1 && dash < slice.length - 1) end = start + dash + 1;
    // keep the last piece from being one or two lonely letters
    const left = chars.length - end;
    if (left > 0 && left < MIN_PIECE && end - start > MIN_PIECE) end -= MIN_PIECE - left;
    const piece = chars.slice(start, end).join('');
    pieces.push(piece.endsWith('-') ? piece : `${piece}-`);
    start = end;
  }
  void maxWidth;
  return pieces;
}

/** Greedy wrap at spaces; words wider than the line are broken (see `breakWord`). */
export function wrapLines(text: string, size: number, maxWidth: number, m: TextMeasure): string[] {
  const fits = (s: string) => m.width(s, size) <= maxWidth * SAFETY;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    if (fits(word)) {
      line = word;
      continue;
    }
    const pieces = breakWord(word, maxWidth, fits);
    lines.push(...pieces.slice(0, -1));
    line = pieces[pieces.length - 1] ?? '';
  }
  if (line) lines.push(line);
  return lines;
}

const linesFit = (lines: string[], size: number, box: FitBox) =>
  lines.length * size * box.lineHeight <= box.height &&
  (box.maxLines === undefined || lines.length <= box.maxLines);

/**
 * The largest whole font size in [minSize, maxSize] at which the wrapped text fits the box
 * (binary search: a smaller size never needs more lines). When even minSize does not fit, the
 * lines that fit are kept and the last one ends with "…" after a whole word.
 */
export function fitText(raw: string, box: FitBox, m: TextMeasure): FittedText {
  const text = drawableText(raw, m);
  if (!text) return { size: box.maxSize, lines: [], truncated: false, height: 0 };
  // first the largest size at which no word has to be broken, then (a word too long even at the
  // smallest size) the largest at which the broken text fits
  const best = largestFit(text, box, m, false) ?? largestFit(text, box, m, true);
  if (best) {
    return {
      ...best,
      truncated: false,
      height: best.lines.length * best.size * box.lineHeight,
    };
  }
  const size = Math.floor(box.minSize);
  const all = wrapLines(text, size, box.width, m);
  const room = Math.max(
    1,
    Math.min(box.maxLines ?? Infinity, Math.floor(box.height / (size * box.lineHeight)))
  );
  const lines = all.slice(0, room);
  lines[room - 1] = withEllipsis(lines[room - 1], size, box.width, m);
  return { size, lines, truncated: true, height: lines.length * size * box.lineHeight };
}

function largestFit(text: string, box: FitBox, m: TextMeasure, mayBreak: boolean) {
  let lo = Math.floor(box.minSize);
  let hi = Math.floor(box.maxSize);
  let best: { size: number; lines: string[] } | null = null;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const lines = wrapLines(text, mid, box.width, m);
    const whole = mayBreak || !lines.some((l) => l.endsWith('-') && !text.includes(l));
    if (whole && linesFit(lines, mid, box)) {
      best = { size: mid, lines };
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function withEllipsis(line: string, size: number, maxWidth: number, m: TextMeasure): string {
  const fits = (s: string) => m.width(s, size) <= maxWidth * SAFETY;
  let words = line.replace(/-$/, '').split(' ');
  while (words.length > 1 && !fits(`${words.join(' ')}…`)) words = words.slice(0, -1);
  let out = `${words.join(' ')}…`;
  // one word too wide with its ellipsis: drop letters (the only case a word is cut)
  while (!fits(out) && out.length > 1) out = `${Array.from(out).slice(0, -2).join('')}…`;
  return out;
}

/** Right-to-left when the first strong character is Hebrew, Arabic, Syriac, Thaana or N'Ko. */
export function textDirection(text: string): 'ltr' | 'rtl' {
  for (const ch of text) {
    if (/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u.test(ch)) return 'rtl';
    if (/\p{L}/u.test(ch)) return 'ltr';
  }
  return 'ltr';
}
