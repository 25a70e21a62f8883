import configFactory from '../../server/src/config';
import { POSTS_DEFAULTS, postsFromEnv } from '../../server/src/config/posts';
import { parsePluginConfig } from '../../server/src/config/schema';

const env = (vars: Record<string, string>) => (key: string) => vars[key];

describe('posts API configuration', () => {
  it('defaults: 100 posts per token and hour, scheduled at most 90 days ahead', () => {
    expect(POSTS_DEFAULTS).toEqual({ quotaPerHour: 100, scheduleHorizonDays: 90 });
  });

  it('PINTEREST_POSTS_* variables set only what they name, and reach the plugin config', () => {
    expect(postsFromEnv(env({}))).toBeUndefined();
    const vars = { PINTEREST_POSTS_QUOTA_PER_HOUR: '500' };
    expect(postsFromEnv(env(vars))).toEqual({ quotaPerHour: 500 });
    const config = parsePluginConfig(configFactory.default({ env: env(vars) }));
    expect(config.posts).toEqual({ quotaPerHour: 500, scheduleHorizonDays: 90 });
    const horizon = { PINTEREST_POSTS_SCHEDULE_HORIZON_DAYS: '30' };
    expect(parsePluginConfig(configFactory.default({ env: env(horizon) })).posts).toEqual({
      quotaPerHour: 100,
      scheduleHorizonDays: 30,
    });
  });

  it('refuses a quota that cannot work, naming the key', () => {
    const vars = { PINTEREST_POSTS_QUOTA_PER_HOUR: 'many' };
    expect(() => parsePluginConfig(configFactory.default({ env: env(vars) }))).toThrow(
      /posts\.quotaPerHour/
    );
  });
});
