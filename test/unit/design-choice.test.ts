import { brandSettingsSchema } from '../../common/designs';
import { designHash, designTexts, effectiveDesign } from '../../server/src/designs/choose-design';
import { freshDesign } from '../../server/src/designs/fresh';
import { TEMPLATES } from '../../server/src/designs/templates';
import { parsePostRequest } from '../../server/src/posts/request';

const brand = brandSettingsSchema.parse({});

describe('effectiveDesign', () => {
  it('uses the field’s design, the type’s default when absent, the original image when null', () => {
    expect(effectiveDesign({ design: { template: 'card' } }, 'overlay')).toEqual({
      template: 'card',
    });
    expect(effectiveDesign({}, 'overlay')).toEqual({ template: 'overlay' });
    expect(effectiveDesign(null, 'overlay')).toEqual({ template: 'overlay' });
    expect(effectiveDesign({ design: null }, 'overlay')).toBeNull();
    expect(effectiveDesign({}, null)).toBeNull();
  });
});

describe('designTexts', () => {
  const pin = { title: 'Pin title', description: 'First sentence. Second one.' };
  it('takes the pin’s title and the description’s first sentence by default', () => {
    expect(designTexts({ template: 'card' }, pin)).toEqual({
      title: 'Pin title',
      subtitle: 'First sentence.',
    });
  });
  it('takes the design’s own texts, and no subtitle for an empty one', () => {
    expect(designTexts({ template: 'card', title: 'Mine', subtitle: '' }, pin)).toEqual({
      title: 'Mine',
      subtitle: null,
    });
  });
});

describe('designHash', () => {
  const parts = {
    design: { template: 'card' },
    title: 'T',
    subtitle: null,
    imageUrl: '/uploads/a.jpg',
    brand,
    logoUrl: null,
  };
  it('is stable for the same parts and changes with any of them', () => {
    const h = designHash(parts);
    expect(designHash({ ...parts })).toBe(h);
    expect(designHash({ ...parts, design: { template: 'overlay' } })).not.toBe(h);
    expect(designHash({ ...parts, title: 'U' })).not.toBe(h);
    expect(designHash({ ...parts, imageUrl: '/uploads/b.jpg' })).not.toBe(h);
    expect(designHash({ ...parts, design: { template: 'card', focal: { x: 0, y: 0 } } })).not.toBe(
      h
    );
    expect(designHash({ ...parts, brand: { ...brand, primaryColour: '#000000' } })).not.toBe(h);
  });
});

describe('freshDesign', () => {
  it('takes the templates in turn, then again with the other colour leading', () => {
    const designs = Array.from({ length: 2 * TEMPLATES.length }, (_, i) => freshDesign(i));
    const keys = designs.map((d) => `${d.template}/${d.palette}`);
    expect(new Set(keys).size).toBe(2 * TEMPLATES.length);
    expect(designs[0]).toEqual({ template: TEMPLATES[0].id, palette: 'primary' });
    expect(designs[TEMPLATES.length]).toEqual({ template: TEMPLATES[0].id, palette: 'secondary' });
  });
});

describe('posts request with a design', () => {
  const body = (
    design: unknown,
    media = { url: 'https://cdn.example.com/a.jpg', type: 'image' }
  ) => ({
    content: 'Hello',
    targets: ['pinterest'],
    media: [media],
    target_options: { pinterest: { board_id: '123', design } },
  });
  const ctx = { allowlist: [], now: new Date('2026-01-01T00:00:00Z') };
  it('keeps the design on the pin', () => {
    const r = parsePostRequest(body({ template: 'card', title: 'T' }), ctx);
    expect(r.ok && r.post.pin.design).toEqual({ template: 'card', title: 'T' });
  });
  it('leaves a request without one unchanged', () => {
    const r = parsePostRequest(body(undefined), ctx);
    expect(r.ok && 'design' in r.post.pin).toBe(false);
  });
  it('refuses an unknown template and a design on a video', () => {
    const unknown = parsePostRequest(body({ template: 'nope' }), ctx);
    expect(!unknown.ok && unknown.issues.map((i) => i.path.join('.'))).toContain(
      'target_options.pinterest.design.template'
    );
    const video = parsePostRequest(
      body({ template: 'card' }, { url: 'https://cdn.example.com/a.mp4', type: 'video' }),
      ctx
    );
    expect(video.ok).toBe(false);
  });
});
