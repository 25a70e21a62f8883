import { campaignsFromEnv, CAMPAIGNS_DEFAULTS } from '../../server/src/config/campaigns';
import { parsePluginConfig } from '../../server/src/config/schema';

describe('campaign configuration', () => {
  it('defaults: a tick every 10 s, pins handed out a minute ahead, pages of 200, a 60 s lease', () => {
    expect(parsePluginConfig({}).campaigns).toEqual(CAMPAIGNS_DEFAULTS);
    expect(CAMPAIGNS_DEFAULTS).toEqual({
      tickRule: '*/10 * * * * *',
      lookaheadMs: 60_000,
      pageSize: 200,
      planBudgetMs: 5_000,
      dispatchBatch: 500,
      leaseMs: 60_000,
    });
  });

  it('PINTEREST_CAMPAIGN_* variables set only what they name', () => {
    const env = (vars: Record<string, string>) => (key: string) => vars[key];
    expect(campaignsFromEnv(env({}))).toBeUndefined();
    expect(
      campaignsFromEnv(
        env({ PINTEREST_CAMPAIGN_TICK_RULE: '* * * * * *', PINTEREST_CAMPAIGN_PAGE_SIZE: '50' })
      )
    ).toEqual({ tickRule: '* * * * * *', pageSize: 50 });
  });

  it('refuses values that cannot work, naming the key', () => {
    expect(() => parsePluginConfig({ campaigns: { pageSize: 5 } })).toThrow(/campaigns\.pageSize/);
    expect(() => parsePluginConfig({ campaigns: { lookahead: 1 } })).toThrow(/campaigns/);
  });
});
