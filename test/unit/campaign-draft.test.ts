import { campaignInputSchema } from '../../common/campaigns';
import { contentTypeMappingSchema } from '../../server/src/config/schema';
import {
  buildCampaignDraft,
  campaignMarker,
  linkKeyOf,
  renderTemplate,
  templateFields,
} from '../../server/src/campaigns/campaign-draft';
import { markerOfLink, pinMarker } from '../../server/src/mapping/link';

const mapping = contentTypeMappingSchema.parse({});
const utm = { enabled: true, source: 'pinterest', medium: 'social' };
const hero = {
  url: 'https://cdn.example.com/a.jpg',
  mime: 'image/jpeg',
  width: 1000,
  height: 1500,
  size: 100,
  alternativeText: 'A bowl',
};
const entry = {
  title: 'Tomato soup',
  excerpt: 'A warm soup for cold evenings.',
  body: 'Simmer.',
  hero,
  canonicalUrl: 'https://blog.example.com/soup',
  gallery: [
    { ...hero, url: 'https://cdn.example.com/g1.jpg' },
    { ...hero, url: 'https://cdn.example.com/g2.png', mime: 'image/png' },
  ],
};
const ref = {
  campaignId: 7,
  contentType: 'api::article.article',
  documentId: 'doc1',
  locale: 'default',
  boardId: '111',
};

describe('campaign pin identity', () => {
  it('a marker per campaign × entry × locale × board, unlike the entry’s own pin, readable from the link', () => {
    const marker = campaignMarker(ref);
    expect(marker).toMatch(/^strapi-[0-9a-f]{16}$/);
    expect(marker).not.toBe(campaignMarker({ ...ref, campaignId: 8 }));
    expect(marker).not.toBe(campaignMarker({ ...ref, boardId: '112' }));
    expect(marker).not.toBe(pinMarker(ref));
    const draft = buildCampaignDraft({
      entry,
      mapping,
      field: null,
      freshness: { titleTemplates: [], descriptionTemplates: [] },
      variant: 0,
      utm,
      marker,
      boardId: '111',
      boardSectionId: null,
    });
    expect(markerOfLink(draft.link)).toBe(marker);
  });

  it('the same link whatever the tracking parameters, fragment, case of the host or trailing slash', () => {
    const key = linkKeyOf('https://blog.example.com/soup');
    expect(
      linkKeyOf('https://BLOG.example.com/soup/?utm_source=pinterest&utm_content=strapi-1#top')
    ).toBe(key);
    expect(linkKeyOf('https://blog.example.com/soup?page=2')).not.toBe(key);
    expect(linkKeyOf('')).toBeNull();
    expect(linkKeyOf('ftp://blog.example.com/soup')).toBeNull();
  });
});

describe('freshness', () => {
  it('templates take the entry’s attributes as plain text', () => {
    expect(templateFields('{title} — {excerpt}!')).toEqual(['title', 'excerpt']);
    expect(renderTemplate('Still good: {title} ({missing})', { title: '**Tomato** soup' })).toBe(
      'Still good: Tomato soup ()'
    );
  });

  it('each pin takes the next title, description and image variant; the texts are cut to Pinterest’s limits', () => {
    const freshness = campaignInputSchema.shape.freshness.parse({
      titleTemplates: ['{title}, revisited', `From the archive: {title} ${'x'.repeat(120)}`],
      descriptionTemplates: ['{excerpt} Read it again.'],
      imageField: 'gallery',
    });
    const draft = (variant: number) =>
      buildCampaignDraft({
        entry,
        mapping,
        field: null,
        freshness,
        variant,
        utm,
        marker: 'strapi-0000000000000000',
        boardId: '111',
        boardSectionId: '9',
      });
    expect(draft(0)).toMatchObject({
      title: 'Tomato soup, revisited',
      description: 'A warm soup for cold evenings. Read it again.',
      media: { url: 'https://cdn.example.com/g1.jpg' },
      boardSectionId: '9',
    });
    expect(draft(1).title!.length).toBeLessThanOrEqual(100);
    expect(draft(1).title).toMatch(/^From the archive: Tomato soup x+…$/);
    expect(draft(1).media.url).toBe('https://cdn.example.com/g2.png');
    expect(draft(2).title).toBe('Tomato soup, revisited');
  });

  it('without templates the entry’s own pin texts (its Pinterest field first) are used', () => {
    const draft = buildCampaignDraft({
      entry,
      mapping,
      field: { enabled: true, title: 'Soup for winter' },
      freshness: { titleTemplates: [], descriptionTemplates: [] },
      variant: 3,
      utm,
      marker: 'strapi-0000000000000000',
      boardId: '111',
      boardSectionId: null,
    });
    expect(draft).toMatchObject({
      title: 'Soup for winter',
      description: 'A warm soup for cold evenings.',
      altText: 'A bowl',
      media: { url: 'https://cdn.example.com/a.jpg' },
    });
  });

  it('a video or a missing image is refused with a reason an editor can act on', () => {
    const build = (e: Record<string, unknown>) => () =>
      buildCampaignDraft({
        entry: e,
        mapping,
        field: null,
        freshness: { titleTemplates: [], descriptionTemplates: [] },
        variant: 0,
        utm,
        marker: 'strapi-0000000000000000',
        boardId: '1',
        boardSectionId: null,
      });
    expect(build({ ...entry, hero: { url: '/v.mp4', mime: 'video/mp4' } })).toThrow(/image pins/);
    expect(build({ ...entry, hero: null })).toThrow(
      expect.objectContaining({ code: 'MEDIA_REQUIRED' })
    );
  });
});

describe('campaign input', () => {
  const base = {
    name: 'Autumn',
    selection: { contentType: 'api::article.article' },
    boards: [{ boardId: '111' }],
    pacing: { intervalMinutes: 30 },
  };

  it('fills the defaults', () => {
    expect(campaignInputSchema.parse(base)).toMatchObject({
      pacing: { timeZone: 'UTC', minDaysBetweenSameLink: 7 },
      freshness: { titleTemplates: [], descriptionTemplates: [] },
    });
  });

  it('refuses what cannot be planned, naming the field', () => {
    const problems = (over: Record<string, unknown>) => {
      const r = campaignInputSchema.safeParse({ ...base, ...over });
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(problems({ boards: [] })).toEqual(['boards']);
    expect(problems({ boards: [{ boardId: '1' }, { boardId: '1' }] })).toEqual(['boards']);
    expect(problems({ boards: [{ boardId: 'abc' }] })).toEqual(['boards.0.boardId']);
    expect(problems({ pacing: { intervalMinutes: 30, timeZone: 'Mars/Olympus' } })).toEqual([
      'pacing.timeZone',
    ]);
    expect(
      problems({ pacing: { intervalMinutes: 30, window: { start: '18:00', end: '09:00' } } })
    ).toEqual(['pacing.window']);
    expect(problems({ pacing: { intervalMinutes: -1 } })).toEqual(['pacing.intervalMinutes']);
    expect(problems({ selection: { contentType: 'article' } })).toEqual(['selection.contentType']);
    expect(problems({ extra: true })).toEqual(['']);
  });
});
