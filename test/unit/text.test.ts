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

/** A Strapi 5 media object as the REST API and the Document Service return it (populated). */
const media = (id: number, name: string, alternativeText: string, caption: string) => ({
  id,
  documentId: `m${id}x7kq2z9w1v0c3b4n5`,
  name,
  alternativeText,
  caption,
  width: 1200,
  height: 800,
  formats: {
    thumbnail: {
      name: `thumbnail_${name}`,
      hash: `thumbnail_${id}_a1b2c3`,
      ext: '.jpg',
      mime: 'image/jpeg',
      width: 234,
      height: 156,
      size: 9.1,
      url: `/uploads/thumbnail_${id}_a1b2c3.jpg`,
    },
  },
  hash: `${id}_a1b2c3`,
  ext: '.jpg',
  mime: 'image/jpeg',
  size: 112.4,
  url: `/uploads/${id}_a1b2c3.jpg`,
  previewUrl: null,
  provider: 'local',
  provider_metadata: null,
  createdAt: '2025-01-14T09:12:44.512Z',
  updatedAt: '2025-01-14T09:12:44.512Z',
  publishedAt: '2025-01-14T09:12:44.513Z',
});

/** The `blocks` dynamic zone of an Strapi's example blog (create-strapi-app --example). */
const exampleBlogBlocks = [
  {
    __component: 'shared.rich-text',
    id: 1,
    body:
      '## Coffee art, explained\n\n' +
      'Latte art is made by pouring **steamed milk** into a shot of [espresso](https://en.wikipedia.org/wiki/Espresso).\n\n\n\n' +
      '![A rosetta on a flat white](/uploads/rosetta.jpg)\n\n' +
      '- Pour slowly\n- Wiggle the jug\n\n' +
      '<p>Practice <u>every</u> morning &amp; keep the milk cold.</p>',
  },
  {
    __component: 'shared.quote',
    id: 2,
    title: 'Thelonius Monk',
    body: "You've got to dig it to dig it, you dig?",
  },
  {
    __component: 'shared.media',
    id: 3,
    file: media(11, 'coffee-art.jpg', 'A heart poured in milk foam', 'Photo: the barista'),
  },
  {
    __component: 'shared.rich-text',
    id: 4,
    body: '### The milk\n\nWhole milk foams best.',
  },
  {
    __component: 'shared.slider',
    id: 5,
    files: [
      media(12, 'coffee-beans.jpg', 'Roasted coffee beans', 'Beans from Ethiopia'),
      media(13, 'coffee-shop.jpg', 'A busy coffee shop', 'Our favourite place'),
    ],
  },
];

/** A Strapi 5 Blocks value (blocks editor) with every kind of node. */
const blocksValue = [
  { type: 'heading', level: 2, children: [{ type: 'text', text: 'Getting started' }] },
  {
    type: 'paragraph',
    children: [
      { type: 'text', text: 'Read ' },
      { type: 'text', text: 'the guide', bold: true },
      { type: 'text', text: ' and ' },
      {
        type: 'link',
        url: 'https://example.com/faq',
        children: [{ type: 'text', text: 'the FAQ', italic: true }],
      },
      // The editor keeps a trailing space and soft line breaks (shift + enter) as typed.
      { type: 'text', text: ' first. \nThen come back.' },
    ],
  },
  { type: 'paragraph', children: [{ type: 'text', text: ' ' }] },
  {
    type: 'image',
    image: media(21, 'setup.png', 'The setup screen', 'Step one'),
    children: [{ type: 'text', text: '' }],
  },
  {
    type: 'list',
    format: 'unordered',
    children: [
      { type: 'list-item', children: [{ type: 'text', text: 'Install the plugin' }] },
      {
        type: 'list',
        format: 'ordered',
        indentLevel: 1,
        children: [{ type: 'list-item', children: [{ type: 'text', text: 'Run npm install' }] }],
      },
      { type: 'list-item', children: [{ type: 'text', text: 'Pick a board' }] },
    ],
  },
  { type: 'quote', children: [{ type: 'text', text: 'Pins drive traffic.' }] },
  {
    type: 'code',
    language: 'bash',
    children: [{ type: 'text', text: 'npm run build\nnpm start' }],
  },
];

describe('plainText of real content models', () => {
  it('reads a dynamic zone in document order, one line per paragraph and field', () => {
    expect(plainText(exampleBlogBlocks)).toBe(
      [
        'Coffee art, explained',
        'Latte art is made by pouring steamed milk into a shot of espresso.',
        'Pour slowly',
        'Wiggle the jug',
        'Practice every morning & keep the milk cold.',
        'Thelonius Monk',
        "You've got to dig it to dig it, you dig?",
        'The milk',
        'Whole milk foams best.',
      ].join('\n')
    );
  });

  it('never reads media alt text, captions, file names or component names', () => {
    const text = plainText(exampleBlogBlocks);
    expect(text).toContain('Whole milk foams best.');
    for (const hidden of [
      'heart poured',
      'barista',
      'Roasted coffee beans',
      'Ethiopia',
      'busy coffee shop',
      'favourite',
      'coffee-art.jpg',
      'rosetta',
      'uploads',
      'shared.',
      'image/jpeg',
      '2025-01-14',
    ]) {
      expect(text).not.toContain(hidden);
    }
  });

  it('takes the title fallback from the first readable line of a dynamic zone', () => {
    expect(firstLine(plainText(exampleBlogBlocks))).toBe('Coffee art, explained');
    const mediaFirst = [exampleBlogBlocks[2], exampleBlogBlocks[4], exampleBlogBlocks[1]];
    expect(firstLine(plainText(mediaFirst))).toBe('Thelonius Monk');
  });

  it('reads Blocks: headings, quotes, code and list items on their own lines, images skipped', () => {
    expect(plainText(blocksValue)).toBe(
      [
        'Getting started',
        'Read the guide and the FAQ first.',
        'Then come back.',
        'Install the plugin',
        'Run npm install',
        'Pick a board',
        'Pins drive traffic.',
        'npm run build',
        'npm start',
      ].join('\n')
    );
    expect(plainText(blocksValue)).not.toMatch(/setup|Step one/);
  });

  it('reads Blocks nested in a dynamic-zone item, between markdown items', () => {
    const zone = [
      { __component: 'shared.rich-text', id: 1, body: 'Intro in **markdown**.' },
      { __component: 'shared.rich-blocks', id: 2, content: blocksValue.slice(0, 2) },
      { __component: 'shared.quote', id: 3, title: 'Ada', body: 'Last word.' },
    ];
    expect(plainText(zone)).toBe(
      [
        'Intro in markdown.',
        'Getting started',
        'Read the guide and the FAQ first.',
        'Then come back.',
        'Ada',
        'Last word.',
      ].join('\n')
    );
  });

  it('reads a single component field by field, skipping ids, links, dates, numbers and media', () => {
    const seo = {
      id: 3,
      metaTitle: 'Coffee art at home',
      metaDescription: 'How to pour a rosetta,\nstep by step.',
      canonicalURL: 'https://blog.example.com/articles/coffee-art',
      keywords: 'coffee, latte art',
      productId: 'SKU-4471',
      stock_id: 'W-12',
      publishedOn: '2025-01-14',
      readingMinutes: 6,
      featured: true,
      shareImage: media(31, 'share.jpg', 'A share card', 'Share caption'),
    };
    expect(plainText(seo)).toBe(
      ['Coffee art at home', 'How to pour a rosetta,', 'step by step.', 'coffee, latte art'].join(
        '\n'
      )
    );
  });

  it('reads a repeatable component item by item, with its nested components', () => {
    const faq = [
      {
        id: 1,
        question: 'Which milk?',
        answer: 'Whole milk.',
        link: { id: 7, label: 'Milk guide', url: 'https://example.com/milk', isExternal: true },
      },
      { id: 2, question: 'Which cup?', answer: '<p>A wide one.</p>' },
    ];
    expect(plainText(faq)).toBe(
      ['Which milk?', 'Whole milk.', 'Milk guide', 'Which cup?', 'A wide one.'].join('\n')
    );
  });

  it('does not read populated relations inside a component', () => {
    const byline = {
      id: 4,
      label: 'Written by',
      author: { id: 9, documentId: 'a9k2m4', name: 'David Doe', email: 'david@example.com' },
    };
    expect(plainText(byline)).toBe('Written by');
  });

  it('strips HTML from markdown rich text and collapses blank lines', () => {
    const body =
      '<h2>Brewing</h2>\n\n\n<p>Grind <strong>fresh</strong>,<br>then brew.</p>' +
      '<!-- draft note --><script>track()</script>\n\n\n\nEnjoy &quot;slowly&quot;.';
    expect(plainText(body)).toBe(
      ['Brewing', 'Grind fresh,', 'then brew.', 'Enjoy "slowly".'].join('\n')
    );
  });

  it('stops reading components nested deeper than the depth cap', () => {
    let nested: Record<string, unknown> = { id: 99, text: 'too deep' };
    for (let level = 5; level >= 1; level -= 1)
      nested = { id: level, text: `level ${level}`, nested };
    const text = plainText(nested);
    expect(text.split('\n')).toEqual(['level 1', 'level 2', 'level 3', 'level 4']);
  });

  it('stops after about 20,000 characters on a huge dynamic zone', () => {
    const zone = Array.from({ length: 100_000 }, (_, i) => ({
      __component: 'shared.rich-text',
      id: i + 1,
      body: `Paragraph ${i} of a very long article.`,
    }));
    const text = plainText(zone);
    expect(text.startsWith('Paragraph 0 of a very long article.\nParagraph 1 ')).toBe(true);
    expect(text.length).toBeGreaterThan(19_000);
    expect(text.length).toBeLessThanOrEqual(20_000);
  });

  it('reads hostile markdown (unclosed links and tags) as bounded plain text', () => {
    // unbounded quantifiers made the first of these backtrack for seconds (speed: npm run bench)
    for (const hostile of [
      '![a]('.repeat(40_000),
      '[a]('.repeat(40_000),
      '<a'.repeat(40_000),
      '<!--'.repeat(20_000),
    ]) {
      const text = plainText(hostile);
      expect(typeof text).toBe('string');
      expect(text.length).toBeLessThanOrEqual(20_000);
    }
  });

  it('reads the neighbours of media-only items and nothing from values without text', () => {
    const zone = [
      { __component: 'shared.media', id: 1, file: media(1, 'a.jpg', 'Alt', 'Caption') },
      { __component: 'shared.quote', id: 2, title: 'Ada', body: 'Last word.' },
      { __component: 'shared.media', id: 3, file: null },
    ];
    expect(plainText(zone)).toBe('Ada\nLast word.');
    expect(plainText(media(1, 'a.jpg', 'Alt', 'Caption'))).toBe('');
    expect(plainText([media(1, 'a.jpg', 'Alt', 'Caption')])).toBe('');
    expect(plainText(42)).toBe('');
    expect(plainText(true)).toBe('');
    expect(plainText(['tag-a', 'tag-b'])).toBe('');
  });
});
