import { buildAuthorizeUrl } from '../../server/src/auth/authorize-url';
import { daysLeft, needsRefresh } from '../../server/src/auth/refresh-schedule';
import { missingScopes, parseScopes } from '../../server/src/auth/scopes';

const DAY = 86_400_000;

describe('authorize URL', () => {
  it('carries client_id, the exact redirect_uri, response_type=code, the minimal scopes and the state', () => {
    const url = new URL(
      buildAuthorizeUrl({
        oauthUrl: 'https://www.pinterest.com/oauth/',
        appId: '123',
        redirectUri: 'https://cms.example.com/pinterest/oauth/callback',
        state: 's1',
      })
    );
    expect(url.origin + url.pathname).toBe('https://www.pinterest.com/oauth/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '123',
      redirect_uri: 'https://cms.example.com/pinterest/oauth/callback',
      response_type: 'code',
      scope: 'user_accounts:read,boards:read,boards:write,pins:read,pins:write,ads:read',
      state: 's1',
    });
  });
});

describe('scopes', () => {
  it('parses space- or comma-separated scopes and finds the ones a user took away', () => {
    const granted = parseScopes('boards:read pins:read,user_accounts:read');
    expect(granted).toEqual(['boards:read', 'pins:read', 'user_accounts:read']);
    expect(missingScopes(granted)).toEqual(['boards:write', 'pins:write']);
  });
});

describe('refresh schedule', () => {
  const now = 100 * DAY;
  it('refreshes when under 5 days are left', () => {
    expect(
      needsRefresh(
        {
          accessTokenExpiresAt: now + 4 * DAY,
          lastRefreshAt: now - DAY,
          connectedAt: now - 26 * DAY,
        },
        now
      )
    ).toBe(true);
    expect(
      needsRefresh(
        {
          accessTokenExpiresAt: now + 6 * DAY,
          lastRefreshAt: now - DAY,
          connectedAt: now - 26 * DAY,
        },
        now
      )
    ).toBe(false);
  });
  it('refreshes at least every 30 days (keeps the 60-day refresh token alive)', () => {
    expect(
      needsRefresh(
        { accessTokenExpiresAt: now + 50 * DAY, lastRefreshAt: now - 30 * DAY, connectedAt: null },
        now
      )
    ).toBe(true);
    expect(
      needsRefresh(
        { accessTokenExpiresAt: null, lastRefreshAt: null, connectedAt: now - 31 * DAY },
        now
      )
    ).toBe(true);
  });
  it('counts whole days left', () => {
    expect(daysLeft(now + 4.5 * DAY, now)).toBe(4);
    expect(daysLeft(null, now)).toBeNull();
  });
});
