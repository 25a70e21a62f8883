/** Pure text helpers for pin titles and descriptions. */

const ELLIPSIS = '…';

/** Collapses runs of white space and trims. */
export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Cuts `text` to at most `max` characters at a word boundary, adding an ellipsis when something was
 * cut.
 * A single word longer than the limit is cut hard.
 */
export function truncateAtWord(text: string, max: number): string {
  const clean = squash(text);
  if ([...clean].length <= max) return clean;
  const chars = [...clean].slice(0, max - ELLIPSIS.length);
  const head = chars.join('');
  const lastSpace = head.lastIndexOf(' ');
  const cut = lastSpace >= Math.floor(max * 0.5) ? head.slice(0, lastSpace) : head;
  return cut.replace(/[\s,;:.\-–—]+$/u, '') + ELLIPSIS;
}

/** The first non-empty line of a text (markdown decorations removed). */
export function firstLine(text: string): string {
  for (const line of text.split(/\r?\n/)) {
    const clean = squash(stripMarkdown(line));
    if (clean) return clean;
  }
  return '';
}

/** Removes the common markdown decorations so pins carry plain text. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/!\[[^\]]*]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/(\*\*|__|\*|_|~~|`)/g, '');
}

/**
 * Plain text of a Strapi attribute value: a string (text, rich text in markdown) or
 * a Blocks value (an array of nodes with `children` and `text`). Paragraphs are kept on separate
 * lines.
 */
export function plainText(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') return stripMarkdown(value).trim();
  if (Array.isArray(value)) return value.map(blockText).filter(Boolean).join('\n').trim();
  return '';
}

function blockText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { text?: unknown; children?: unknown[]; type?: string };
  if (typeof n.text === 'string') return n.text;
  if (Array.isArray(n.children)) {
    const inner = n.children.map(blockText).join(n.type === 'list' ? '\n' : '');
    return inner;
  }
  return '';
}
