/**
 * The pin checklist: each rule's pass and warn cases (table-driven), the score as the sum of the
 * weights passed, and which keyword the pin is checked for.
 */
import { SEO_RULE_WEIGHTS, SEO_RULES, type SeoRule } from '../../common/seo';
import { mainKeyword, runChecklist, type ChecklistInput } from '../../server/src/seo/checklist';

/** A pin that passes every rule. */
const GOOD: ChecklistInput = {
  title: 'Tomato soup in 20 minutes, a weeknight classic',
  description:
    'A silky tomato soup with roasted garlic and basil, ready in twenty minutes from pantry staples. Serve it with grilled cheese. #soup',
  altText: 'A bowl of tomato soup with basil leaves',
  link: 'https://example.com/recipes/tomato-soup',
  linkRedirects: 0,
  boardName: 'Soup recipes',
  media: { width: 1000, height: 1500 },
  keyword: 'tomato soup',
};

const verdict = (rule: SeoRule, patch: Partial<ChecklistInput>) =>
  runChecklist({ ...GOOD, ...patch }).items.find((i) => i.rule === rule)!;

describe('checklist rules', () => {
  const cases: [SeoRule, string, Partial<ChecklistInput>, boolean, string | null][] = [
    ['keywordInTitle', 'keyword at the start', {}, true, null],
    [
      'keywordInTitle',
      'accents and case ignored',
      { title: 'TOMATÖ Soup tonight', keyword: 'tomato soup' },
      true,
      null,
    ],
    [
      'keywordInTitle',
      'keyword after 40 characters',
      { title: 'A weeknight classic for cold evenings: tomato soup' },
      false,
      'late',
    ],
    ['keywordInTitle', 'keyword absent', { title: 'Weeknight classic' }, false, 'missing'],
    ['keywordInTitle', 'only part of a word', { title: 'Tomatoes soupy' }, false, 'missing'],
    ['keywordInTitle', 'no keyword known', { keyword: null }, false, 'noKeyword'],
    ['keywordInDescription', 'keyword used', {}, true, null],
    ['keywordInDescription', 'keyword absent', { description: 'A silky soup.' }, false, 'missing'],
    ['descriptionLength', '100 to 500 characters', {}, true, null],
    ['descriptionLength', 'exactly 100', { description: 'x'.repeat(100) }, true, null],
    ['descriptionLength', 'too short', { description: 'x'.repeat(99) }, false, 'tooShort'],
    ['descriptionLength', 'too long', { description: 'x'.repeat(501) }, false, 'tooLong'],
    ['descriptionLength', 'none', { description: null }, false, 'missing'],
    ['boardRelated', 'board shares a word (plural)', { boardName: 'Soups' }, true, null],
    [
      'boardRelated',
      'board about something else',
      { boardName: 'Garden ideas' },
      false,
      'unrelated',
    ],
    ['boardRelated', 'no board', { boardName: null }, false, 'noBoard'],
    ['altText', 'present', {}, true, null],
    ['altText', 'blank', { altText: '  ' }, false, 'missing'],
    ['link', 'https, no redirect', {}, true, null],
    ['link', 'one redirect is not a chain', { linkRedirects: 1 }, true, null],
    ['link', 'not checked for redirects', { linkRedirects: null }, true, null],
    ['link', 'missing', { link: null }, false, 'missing'],
    ['link', 'http', { link: 'http://example.com/soup' }, false, 'notHttps'],
    ['link', 'not a URL', { link: 'soup' }, false, 'invalid'],
    ['link', 'a redirect chain', { linkRedirects: 3 }, false, 'redirectChain'],
    ['image', '2:3 and large enough', {}, true, null],
    ['image', '2:3 larger', { media: { width: 1200, height: 1800 } }, true, null],
    ['image', 'square', { media: { width: 1500, height: 1500 } }, false, 'ratio'],
    ['image', '2:3 but small', { media: { width: 600, height: 900 } }, false, 'small'],
    ['image', 'size unknown', { media: { width: null, height: null } }, false, 'unknownSize'],
    ['image', 'no image', { media: null }, false, 'missing'],
    ['titleNotCaps', 'normal case', {}, true, null],
    ['titleNotCaps', 'short acronym is fine', { title: 'BLT' }, true, null],
    ['titleNotCaps', 'all caps', { title: 'TOMATO SOUP IN 20 MINUTES' }, false, 'allCaps'],
    ['hashtags', 'one hashtag', {}, true, null],
    ['hashtags', 'three hashtags', { description: '#a #b #c' }, true, null],
    ['hashtags', 'too many', { description: '#soup #dinner #easy #vegan' }, false, 'tooMany'],
  ];

  it.each(cases)('%s: %s', (rule, _name, patch, pass, reason) => {
    const item = verdict(rule, patch);
    expect({ pass: item.pass, reason: item.reason }).toEqual({ pass, reason });
    expect(item.weight).toBe(SEO_RULE_WEIGHTS[rule]);
  });

  it('covers every rule with a pass and a warn case', () => {
    for (const rule of SEO_RULES) {
      expect(cases.some(([r, , , pass]) => r === rule && pass)).toBe(true);
      expect(cases.some(([r, , , pass]) => r === rule && !pass)).toBe(true);
    }
  });
});

describe('score', () => {
  it('weights add up to 100', () => {
    expect(Object.values(SEO_RULE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('is 100 for a pin passing every rule, and loses the weight of each rule that warns', () => {
    expect(runChecklist(GOOD).score).toBe(100);
    const noAlt = runChecklist({ ...GOOD, altText: null });
    expect(noAlt.score).toBe(100 - SEO_RULE_WEIGHTS.altText);
    const noKeyword = runChecklist({ ...GOOD, keyword: null });
    expect(noKeyword.score).toBe(
      100 -
        SEO_RULE_WEIGHTS.keywordInTitle -
        SEO_RULE_WEIGHTS.keywordInDescription -
        SEO_RULE_WEIGHTS.boardRelated
    );
    expect(
      runChecklist({
        ...noKeyword,
        title: null,
        description: null,
        altText: null,
        link: null,
        boardName: null,
        media: null,
      }).score
    ).toBe(SEO_RULE_WEIGHTS.titleNotCaps + SEO_RULE_WEIGHTS.hashtags);
  });
});

describe('mainKeyword', () => {
  const texts = { title: 'Easy soup for winter', description: 'Bread on the side.' };
  it.each([
    ['the editor’s choice wins', ['tomato soup', 'easy soup'], 'bread', 'bread'],
    ['the best-ranked one the pin uses', ['tomato soup', 'easy soup', 'bread'], null, 'easy soup'],
    [
      'the best-ranked one when the pin uses none',
      ['gazpacho', 'cold soup recipe'],
      null,
      'gazpacho',
    ],
    ['none without candidates', [], null, null],
  ])('%s', (_name, candidates, focus, expected) => {
    expect(mainKeyword(candidates, texts, focus)).toBe(expected);
  });
});
