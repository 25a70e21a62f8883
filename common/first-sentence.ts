/**
 * A text's first sentence, at most `max` characters (cut at a word): the subtitle a design shows
 * when the editor gives none, rendered by the server and shown by the field as the placeholder.
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
