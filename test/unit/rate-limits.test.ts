import { categoryOf, slotFor, spacingMs } from '../../server/src/rate/rate-limits';

describe('rate limits', () => {
  it('spaces calls evenly, a little wider than the limit, so a minute never holds one too many', () => {
    expect(spacingMs('org_write', { profile: 'standard' })).toBeCloseTo(606, 6);
    expect(spacingMs('org_read', { profile: 'standard' })).toBeCloseTo(60.6, 6);
    expect(spacingMs('org_analytics', { profile: 'standard' })).toBeCloseTo(1010, 6);
    expect(spacingMs('org_write', { profile: 'standard', org_write: 300 })).toBeCloseTo(202, 6);
    // 100 calls take 59.4 s + one spacing: the 101st lands 0.6 s past the minute, room for a call
    // that left late (network jitter, a busy event loop)
    expect(100 * spacingMs('org_write', { profile: 'standard' })).toBeCloseTo(60_600, 6);
  });

  it('spreads a Trial app’s daily quotas over the day', () => {
    expect(spacingMs('org_write', { profile: 'trial' })).toBeCloseTo(288_000 * 1.01, 6);
  });

  it('does not limit when off', () => {
    expect(spacingMs('org_write', { profile: 'off' })).toBe(0);
  });

  it('files calls under Pinterest’s categories', () => {
    expect(categoryOf('POST', '/v5/pins')).toBe('org_write');
    expect(categoryOf('DELETE', '/v5/pins/1')).toBe('org_write');
    expect(categoryOf('GET', '/v5/boards')).toBe('org_read');
    expect(categoryOf('GET', '/v5/pins/1/analytics')).toBe('org_analytics');
    expect(categoryOf('GET', '/v5/pins/analytics')).toBe('org_analytics');
    expect(categoryOf('POST', '/v5/oauth/token')).toBe('org_read');
  });

  it('gives the next turn: now when free, else the reserved time', () => {
    expect(slotFor(0, 1000)).toBe(1000);
    expect(slotFor(1500, 1000)).toBe(1500);
  });
});
