/**
 * Words for keyword work: case and accents folded, split on anything that is not a letter or a
 * digit, and the small words (English, French, German, Spanish, Italian) left out. Pure.
 */

const STOPWORDS = new Set(
  `a an and are as at be but by can do for from has have how i if in into is it its just me my no
  not of on or our so than that the their them then there these they this to too up us was we were
  what when where which who why will with you your yours best new get make made one two all more most
  about after before over out very also only
  au aux avec ce ces cet cette dans de des du elle en et est il ils je la le les leur lui ma mais me
  mes mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes ton tu un une
  vos votre vous y plus comme tout tous toute toutes chez sans sous entre fait faire
  der die das und ist mit von den dem ein eine einer eines zu im auf fur nicht auch es sie wir ihr
  el los las y o con por para una unos unas del al es lo se como mas su sus
  il lo gli le di da con per una uno del della che non si`.split(/\s+/)
);

/** Lower case, accents removed (so “crème” and “creme” are one word). */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** Every word of the text, folded, in order (small words included). */
export const words = (text: string | null | undefined): string[] =>
  fold(text ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

export const isStopword = (w: string) => STOPWORDS.has(w) || w.length < 3 || /^\d+$/.test(w);

/** The words that carry meaning, in order. */
export const contentWords = (text: string | null | undefined): string[] =>
  words(text).filter((w) => !isStopword(w));

/** The text folded and with single spaces: how two keywords are compared. */
export const normalizePhrase = (text: string): string => words(text).join(' ');

/** Whether `phrase` occurs in `text` as whole words (case and accents ignored). */
export function containsPhrase(text: string | null | undefined, phrase: string): boolean {
  const needle = words(phrase);
  if (!needle.length) return false;
  const hay = words(text);
  outer: for (let i = 0; i + needle.length <= hay.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** A crude stem for comparing words across forms: “recipes” ~ “recipe”, “soups” ~ “soup”. */
export const stem = (w: string): string =>
  w.length > 4 && w.endsWith('ies')
    ? `${w.slice(0, -3)}y`
    : w.length > 3 && w.endsWith('s') && !w.endsWith('ss')
      ? w.slice(0, -1)
      : w;
