import pluginConfig from '../../server/src/config';
import { parsePluginConfig } from '../../server/src/config/schema';
import { groupCommitWindowOf } from '../../server/src/utils/group-commit';

describe('plugin config', () => {
  it('fills sensible defaults', () => {
    const cfg = parsePluginConfig({ contentTypes: { 'api::article.article': {} } });
    expect(cfg.apiUrl).toBe('https://api.pinterest.com/v5');
    expect(cfg.contentTypes['api::article.article']).toMatchObject({
      title: 'title',
      description: 'excerpt',
      media: 'hero',
      link: 'canonicalUrl',
      pinOnPublish: true,
    });
    expect(cfg.utm).toMatchObject({ enabled: true, source: 'pinterest', medium: 'social' });
  });

  it('refuses an invalid API URL with a message naming the key', () => {
    expect(() => pluginConfig.validator({ apiUrl: 'api.pinterest.com' })).toThrow(
      'invalid configuration: apiUrl: apiUrl must be an absolute http(s) URL'
    );
  });

  it('refuses unknown keys and bad content type keys', () => {
    expect(() => parsePluginConfig({ apiKey: 'x' })).toThrow(/apiKey|Unrecognized key/);
    expect(() => parsePluginConfig({ contentTypes: { article: {} } })).toThrow(
      /content type keys look like api::article.article/
    );
    expect(() =>
      parsePluginConfig({ contentTypes: { 'api::a.a': { defaultBoardId: 'abc' } } })
    ).toThrow(/defaultBoardId/);
  });

  it('reads the PINTEREST_* environment variables as defaults', () => {
    const env = (key: string) =>
      ({
        PINTEREST_API_URL: 'http://127.0.0.1:3900/v5',
        PINTEREST_ACCESS_TOKEN: 'pina_x',
        PINTEREST_APP_ID: '',
      })[key];
    expect(pluginConfig.default({ env })).toEqual({
      apiUrl: 'http://127.0.0.1:3900/v5',
      accessToken: 'pina_x',
    });
  });
});

describe('worker.groupCommitWindowMs', () => {
  const worker = (w: Record<string, unknown>) =>
    parsePluginConfig({ contentTypes: {}, worker: w }).worker;

  it('waits for other lanes only when there are many (unset: 0 up to 4 lanes, else 10 ms)', () => {
    expect(groupCommitWindowOf(worker({}))).toBe(0);
    expect(groupCommitWindowOf(worker({ concurrency: 4 }))).toBe(0);
    expect(groupCommitWindowOf(worker({ concurrency: 64 }))).toBe(10);
  });

  it('takes an explicit window, 0 included, and refuses one over a second', () => {
    expect(groupCommitWindowOf(worker({ concurrency: 64, groupCommitWindowMs: 0 }))).toBe(0);
    expect(groupCommitWindowOf(worker({ groupCommitWindowMs: 25 }))).toBe(25);
    expect(() => worker({ groupCommitWindowMs: 5_000 })).toThrow(/groupCommitWindowMs/);
  });
});
