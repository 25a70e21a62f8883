/**
 * The description's first sentence, as the server takes it for a design's subtitle when the editor
 * gives none (server/src/designs/text-fit.ts `firstSentence`; the admin cannot import the server):
 * shown as the subtitle's placeholder.
 */
export function firstSentence(text: string | null | undefined, max = 160): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!t) return '';
  const m = /^(.+?[.!?。！？؟])(\s|$)/u.exec(t);
  const sentence = m ? m[1] : t;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
