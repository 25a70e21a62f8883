/**
 * The analytics part of the plugin config: defaults, limits and PINTEREST_ANALYTICS_* variables.
 */
import { analyticsFromEnv } from '../../server/src/config/analytics';
import { parsePluginConfig } from '../../server/src/config/schema';

describe('analytics config', () => {
  it('defaults to an hourly sync of 90 days, batches of 100, the multi-pin endpoint when allowed', () => {
    expect(parsePluginConfig({}).analytics).toEqual({
      enabled: true,
      rule: '0 7 * * * *',
      lookbackDays: 90,
      batchSize: 100,
      multiPin: 'auto',
      maxCallsPerRun: 600,
      resyncAfterMinutes: 360,
    });
  });

  it('refuses values Pinterest would refuse, naming the key', () => {
    expect(() => parsePluginConfig({ analytics: { lookbackDays: 91 } })).toThrow(
      /analytics\.lookbackDays/
    );
    expect(() => parsePluginConfig({ analytics: { batchSize: 101 } })).toThrow(
      /analytics\.batchSize/
    );
    expect(() => parsePluginConfig({ analytics: { multiPin: 'sometimes' } })).toThrow(
      /analytics\.multiPin/
    );
    expect(() => parsePluginConfig({ analytics: { every: 'hour' } })).toThrow(/analytics/);
  });

  it('reads PINTEREST_ANALYTICS_* variables, and nothing when none is set', () => {
    const vars: Record<string, string> = {
      PINTEREST_ANALYTICS_ENABLED: 'false',
      PINTEREST_ANALYTICS_RULE: '*/5 * * * * *',
      PINTEREST_ANALYTICS_BATCH_SIZE: '50',
      PINTEREST_ANALYTICS_MULTI_PIN: 'never',
      PINTEREST_ANALYTICS_MAX_CALLS_PER_RUN: '120',
    };
    const fromEnv = analyticsFromEnv((k) => vars[k]);
    expect(fromEnv).toEqual({
      enabled: false,
      rule: '*/5 * * * * *',
      batchSize: 50,
      multiPin: 'never',
      maxCallsPerRun: 120,
    });
    expect(parsePluginConfig({ analytics: fromEnv }).analytics).toMatchObject({
      enabled: false,
      lookbackDays: 90,
      batchSize: 50,
    });
    expect(analyticsFromEnv(() => undefined)).toBeUndefined();
    expect(() =>
      parsePluginConfig({
        analytics: analyticsFromEnv((k) =>
          k === 'PINTEREST_ANALYTICS_LOOKBACK_DAYS' ? 'ninety' : undefined
        ),
      })
    ).toThrow(/analytics\.lookbackDays/);
  });
});
