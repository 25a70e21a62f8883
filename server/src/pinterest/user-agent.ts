import { name, version } from '../../../package.json';

/**
 * The `User-Agent` of every request to Pinterest (the API client and the OAuth token calls): the
 * plugin and its version (from package.json), so Pinterest support can tell its traffic apart.
 */
export const USER_AGENT = `${name}/${version}`;
