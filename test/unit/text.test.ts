import { firstLine, plainText, truncateAtWord } from '../../server/src/mapping/text';

describe('truncateAtWord', () => {
  it('leaves text within the limit alone (white space squashed)', () => {
    expect(truncateAtWord('  Hello   world  ', 100)).toBe('Hello world');
  });

  it('cuts a long text at a word boundary and adds an ellipsis, staying within the limit', () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const out = truncateAtWord(words, 100);
    expect([...out].length).toBeLessThanOrEqual(100);
    expect(out.endsWith('…')).toBe(true);
    const body = out.slice(0, -1);
    expect(words.startsWith(body)).toBe(true);
    expect(words[body.length]).toBe(' ');
  });

  it('cuts a single overlong word hard', () => {
    const out = truncateAtWord('x'.repeat(150), 100);
    expect(out).toBe(`${'x'.repeat(99)}…`);
  });

  it('drops trailing punctuation before the ellipsis', () => {
    const text = `${'a'.repeat(60)}, ${'b'.repeat(60)}`;
    expect(truncateAtWord(text, 100)).toBe(`${'a'.repeat(60)}…`);
  });

  it('counts astral characters as one', () => {
    expect(truncateAtWord('😀'.repeat(10), 10)).toBe('😀'.repeat(10));
  });
});

describe('firstLine and plainText', () => {
  it('finds the first non-empty line without markdown', () => {
    expect(firstLine('\n\n## **Bold** heading\nsecond')).toBe('Bold heading');
  });

  it('reads Strapi blocks paragraph by paragraph', () => {
    const blocks = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'First ' },
          { type: 'text', text: 'para' },
        ],
      },
      { type: 'paragraph', children: [{ type: 'text', text: 'Second' }] },
    ];
    expect(plainText(blocks)).toBe('First para\nSecond');
  });

  it('turns links into their text', () => {
    expect(plainText('See [the recipe](https://example.com) now')).toBe('See the recipe now');
  });
});
