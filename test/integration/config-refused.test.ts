/** A bad plugin configuration stops Strapi at start-up with a message that names the problem. */
import { bootStrapi } from '../helpers/strapi';

describe('plugin configuration', () => {
  it('Strapi refuses to start with an invalid API URL and says why', async () => {
    await expect(bootStrapi({ PINTEREST_API_URL: 'api.pinterest.com/v5' })).rejects.toThrow(
      'Error regarding pinterest config: invalid configuration: apiUrl: apiUrl must be an absolute http(s) URL'
    );
  });

  it('Strapi refuses a mapping for a content type that does not exist', async () => {
    await expect(
      bootStrapi({ PINTEREST_EXTRA_CONTENT_TYPE: 'api::recipe.recipe' })
    ).rejects.toThrow(/config\.contentTypes names api::recipe\.recipe, which does not exist/);
  });
});
