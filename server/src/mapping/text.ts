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
  return (
    text
      // Bounded so that a hostile text (thousands of unclosed `![a](`) stays linear.
      .replace(/!\[[^\]\n]{0,1000}]\([^)\n]{0,2000}\)/g, '')
      .replace(/\[([^\]\n]{0,1000})]\([^)\n]{0,2000}\)/g, '$1')
      .replace(/^[ \t]*(?:>[ \t]*)*(?:(?:#{1,6}|[-*+]|\d+\.)[ \t]+)?/gm, '')
      .replace(/(\*\*|__|\*|_|~~|`)/g, '')
  );
}

/** Components nested deeper than this inside a value are not read. */
const MAX_DEPTH = 4;
/** Blocks nest deeper than components (list > list > list-item > link > text); bounded too. */
const MAX_BLOCK_DEPTH = 12;
/** `plainText` stops after this many characters. */
export const PLAIN_TEXT_MAX = 20_000;
/** A single string is cut to this length before it is cleaned (the output is capped anyway). */
const MAX_INPUT = 4 * PLAIN_TEXT_MAX;

/**
 * Readable text of a Strapi attribute value, in document order, one paragraph or field a line:
 * - a string (text, or rich text in markdown, with or without HTML): decorations and tags removed;
 * - a Blocks value: paragraphs, headings, quotes, code and list items, images skipped;
 * - a dynamic zone or a repeatable component (an array of component values) and a single component:
 *   each item's text fields in attribute order, including nested Blocks and components.
 *
 * Media (alt text, captions), relations, ids, component names, URLs, dates, numbers and booleans
 * are never read. At most `PLAIN_TEXT_MAX` characters; anything else gives ''.
 */
export function plainText(value: unknown): string {
  const out: Lines = { lines: [], size: 0 };
  valueText(value, 0, out);
  const text = out.lines.join('\n');
  if (text.length <= PLAIN_TEXT_MAX) return text;
  return text
    .slice(0, PLAIN_TEXT_MAX)
    .replace(/[\uD800-\uDBFF]$/, '')
    .trimEnd();
}

type Lines = { lines: string[]; size: number };
type Node = Record<string, unknown>;

const isFull = (out: Lines): boolean => out.size >= PLAIN_TEXT_MAX;
const isObject = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Adds the non-empty lines of `text`, white space squashed; lines of only markup are dropped. */
function push(out: Lines, text: string): void {
  for (const raw of text.split(/\r?\n/)) {
    if (isFull(out)) return;
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line || /^[\s|:*_=~`#>+-]*$/.test(line)) continue;
    out.lines.push(line);
    out.size += line.length + 1;
  }
}

/** A Blocks node: an element with children, or a text leaf. */
const isBlockNode = (value: unknown): value is Node =>
  isObject(value) &&
  typeof value.type === 'string' &&
  (Array.isArray(value.children) || typeof value.text === 'string');

/** A media object (its alt text and caption describe the image, they are not content). */
const isMedia = (value: Node): boolean =>
  'mime' in value ||
  ('url' in value &&
    ('formats' in value || 'hash' in value || 'ext' in value || 'alternativeText' in value));

/** A component value; media and relations (documents: they carry a documentId) are not. */
const isComponent = (value: unknown): value is Node =>
  isObject(value) && !isBlockNode(value) && !isMedia(value) && !('documentId' in value);

function valueText(value: unknown, depth: number, out: Lines): void {
  if (typeof value === 'string') push(out, markdownText(value));
  else if (Array.isArray(value)) {
    for (const item of value) {
      if (isFull(out)) return;
      if (isBlockNode(item)) blockText(item, 0, out);
      else if (isComponent(item)) componentText(item, depth + 1, out);
    }
  } else if (isComponent(value)) componentText(value, depth + 1, out);
}

/** Keys that never hold readable text. */
const SKIPPED_KEY =
  /^(?:id|documentId|__component|locale|slug|url|href|target|rel)$|(?:Id|ID|_id)$/;
/** Strings that are values, not text: URLs and paths, e-mails, dates, times, numbers, colours. */
const NOT_TEXT = [
  /^(?:[a-z][a-z\d+.-]*:\/\/|www\.|mailto:|tel:|\/)\S*$/i,
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
  /^\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/,
  /^[-+]?\d+(?:[.,]\d+)?$/,
  /^#[\da-f]{3,8}$/i,
];

/** One component (or dynamic-zone item): its text fields in attribute order. */
function componentText(component: Node, depth: number, out: Lines): void {
  if (depth > MAX_DEPTH) return;
  for (const key of Object.keys(component)) {
    if (isFull(out)) return;
    if (SKIPPED_KEY.test(key)) continue;
    const field = component[key];
    if (typeof field === 'string') {
      const trimmed = field.trim();
      if (trimmed && !NOT_TEXT.some((re) => re.test(trimmed))) push(out, markdownText(field));
    } else if (typeof field === 'object' && field !== null) valueText(field, depth, out);
  }
}

/** A top-level Blocks node: lists give a line per item, images nothing, the rest one line. */
function blockText(node: Node, depth: number, out: Lines): void {
  if (depth > MAX_BLOCK_DEPTH || isFull(out) || node.type === 'image') return;
  if (node.type === 'list' && Array.isArray(node.children)) {
    for (const child of node.children) if (isBlockNode(child)) blockText(child, depth + 1, out);
    return;
  }
  push(out, inlineText(node, depth));
}

/** The text of a node's leaves (bold, links and the like), as one string. */
function inlineText(node: Node, depth: number): string {
  let text = '';
  const walk = (n: unknown, level: number): void => {
    if (level > MAX_BLOCK_DEPTH || text.length >= PLAIN_TEXT_MAX || !isObject(n)) return;
    if (n.type === 'image') return;
    if (typeof n.text === 'string') text += n.text;
    else if (Array.isArray(n.children)) for (const child of n.children) walk(child, level + 1);
  };
  walk(node, depth);
  return text;
}

/** Markdown rich text (possibly with HTML) as plain text. */
function markdownText(value: string): string {
  const text = value.length > MAX_INPUT ? value.slice(0, MAX_INPUT) : value;
  const noHtml = text.includes('<') ? stripTags(text) : text;
  const noFences = noHtml
    .replace(/^[ \t]*(?:```|~~~).*$/gm, '')
    .replace(/^[ \t]{0,3}\[[^\]\n]{1,200}]:[ \t]*\S.*$/gm, '');
  return decodeEntities(stripMarkdown(noFences));
}

/** Removes HTML tags, comments, scripts and styles; block ends become line breaks. */
function stripTags(text: string): string {
  return withoutHidden(text)
    .replace(
      /<br\s*\/?>|<hr\b[^<>]{0,1000}>|<\/(?:p|div|h[1-6]|li|blockquote|pre|tr|table|ul|ol|figure|section|article)\s*>/gi,
      '\n'
    )
    .replace(/<\/?[a-z][^<>]{0,2000}>/gi, '');
}

/** Drops comments and script and style elements, in one pass (an unclosed one: to the end). */
function withoutHidden(text: string): string {
  const open = /<!--|<(script|style)\b/gi;
  let kept = '';
  let from = 0;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    kept += text.slice(from, m.index);
    const close = m[1] ? new RegExp(`</${m[1]}\\s*>`, 'gi') : /-->/g;
    close.lastIndex = open.lastIndex;
    const end = close.exec(text);
    if (!end) return kept;
    from = open.lastIndex = end.index + end[0].length;
  }
  return kept + text.slice(from);
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : +name.slice(1);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
