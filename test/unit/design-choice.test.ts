import { brandSettingsSchema } from '../../common/designs';
import { designHash, designTexts, effectiveDesign } from '../../server/src/designs/choose-design';

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
