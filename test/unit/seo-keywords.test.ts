/**
 * Keyword work: seed terms from the entry, the trend region from the locale, the TF-IDF fallback
 * extractor on a small corpus, and the ranked list from Pinterest's answers.
 */
import { rankKeywords } from '../../server/src/seo/rank';
import { regionFromLocale } from '../../server/src/seo/region';
import { seedTerms } from '../../server/src/seo/seed-terms';
import { buildCorpus, topTerms, type Doc } from '../../server/src/seo/tfidf';
import { containsPhrase } from '../../server/src/seo/words';

describe('seedTerms', () => {
  it.each([
    [
      'tags first, then the title’s first pair and its words',
      { title: 'The best tomato soup', description: null, tags: ['Soups', 'Winter Food'] },
      ['soups', 'winter food', 'tomato soup', 'tomato'],
    ],
    [
      'words the description repeats, then the board',
      {
        title: 'Gazpacho',
        description: 'Cold soup. A soup for summer, a cold classic.',
        boardName: 'Summer recipes',
      },
      ['gazpacho', 'cold', 'soup', 'summer'],
    ],
    [
      'accents folded, small words dropped, plurals seen once',
      { title: 'Crème brûlée et crèmes', description: null },
      ['creme brulee', 'creme', 'brulee'],
    ],
    ['nothing to say', { title: 'The and of', description: '' }, []],
  ])('%s', (_name, input, expected) => {
    expect(seedTerms(input)).toEqual(expected);
  });

  it('keeps at most four seeds', () => {
    expect(
      seedTerms({ title: 'alpha bravo charlie delta echo foxtrot', description: null })
    ).toHaveLength(4);
  });
});

describe('regionFromLocale', () => {
  it.each([
    ['fr', 'US', 'FR'],
    ['fr-FR', 'US', 'FR'],
    ['fr-CA', 'US', 'CA'],
    ['en', 'US', 'US'],
    ['en', 'GB+IE', 'GB+IE'],
    ['en-GB', 'US', 'GB+IE'],
    ['en_AU', 'US', 'AU+NZ'],
    ['de-AT', 'US', 'DE+AT+CH'],
    ['de', 'US', 'DE'],
    ['pt-BR', 'US', 'BR'],
    ['pt', 'US', 'IT+ES+PT+GR+MT'],
    ['es-CL', 'US', 'MX+AR+CO+CL'],
    ['nl-BE', 'US', 'NL+BE+LU'],
    ['sv', 'US', 'SE+DK+FI+NO'],
    ['zh-Hans-CN', 'US', 'US'],
    ['fr-SN', 'US', 'FR'],
    ['ja-JP', 'FR', 'FR'],
    [null, 'DE', 'DE'],
  ] as const)('%s (default %s) → %s', (locale, fallback, expected) => {
    expect(regionFromLocale(locale, fallback)).toBe(expected);
  });
});

describe('TF-IDF fallback extractor', () => {
  const corpus: Doc[] = [
    { title: 'Tomato soup', description: 'An easy soup recipe with tomatoes.' },
    { title: 'Pumpkin soup', description: 'An easy soup recipe for autumn.' },
    { title: 'Lentil soup', description: 'An easy soup recipe, cheap and filling.' },
    {
      title: 'Gazpacho andaluz',
      description: 'A cold soup recipe from Andalusia: gazpacho with cucumber and peppers.',
    },
    { title: 'Sourdough bread', description: 'A bread recipe with a long rise.' },
  ];
  const c = buildCorpus(corpus);

  it('puts the entry’s own rare words first and words every entry uses last', () => {
    const top = topTerms(corpus[3], c, 5).map((t) => t.keyword);
    expect(top[0]).toBe('gazpacho');
    expect(top).toContain('gazpacho andaluz');
    expect(top).not.toContain('recipe');
  });

  it('counts title words double and prefers them on a tie', () => {
    const top = topTerms(corpus[4], c, 3).map((t) => t.keyword);
    expect(top[0]).toBe('bread');
    expect(top).toContain('sourdough');
  });

  it('works on an empty corpus and an empty entry', () => {
    expect(topTerms({ title: 'Soup', description: null }, buildCorpus([]))).toEqual([
      { keyword: 'soup', score: 2 },
    ]);
    expect(topTerms({ title: null, description: null }, c)).toEqual([]);
  });

  it('scores are deterministic', () => {
    expect(topTerms(corpus[0], c)).toEqual(topTerms(corpus[0], buildCorpus(corpus)));
  });
});

describe('rankKeywords', () => {
  it('growing trends lead, then each seed’s suggestions in turn, related terms, other trends; no repeats', () => {
    const ranked = rankKeywords({
      suggested: [
        ['soup recipes', 'soup ideas'],
        ['bread recipes', 'bread ideas'],
      ],
      related: [['easy soup', 'Soup Recipes']],
      trending: [
        { keyword: 'winter soup', growth: 40 },
        { keyword: 'soup season', growth: 300 },
        { keyword: 'soup bowl', growth: 5 },
      ],
    });
    expect(ranked.map((k) => [k.keyword, k.source])).toEqual([
      ['soup season', 'trending'],
      ['winter soup', 'trending'],
      ['soup recipes', 'suggested'],
      ['bread recipes', 'suggested'],
      ['soup ideas', 'suggested'],
      ['bread ideas', 'suggested'],
      ['easy soup', 'related'],
      ['soup bowl', 'trending'],
    ]);
    expect(ranked[0].growth).toBe(300);
  });

  it('keeps the list short', () => {
    const many = Array.from({ length: 30 }, (_, i) => `term ${i}`);
    expect(rankKeywords({ suggested: [many], related: [], trending: [] })).toHaveLength(10);
  });
});

describe('containsPhrase', () => {
  it.each([
    ['Crème brûlée facile', 'creme brulee', true],
    ['soupe', 'soup', false],
    ['Tomato-soup!', 'tomato soup', true],
    ['', 'soup', false],
    ['soup', '', false],
  ])('%s ⊇ %s: %s', (text, phrase, expected) => {
    expect(containsPhrase(text, phrase)).toBe(expected);
  });
});
