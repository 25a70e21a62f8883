/**
 * Every request to Pinterest names the plugin and its version (User-Agent), the OAuth token calls
 * too; the code exchange sends only what the token endpoint's request schema names.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOAuthClient } from '../../server/src/auth/oauth-client';
import { PinterestClient } from '../../server/src/pinterest/client';
import pkg from '../../package.json';

interface Seen {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let apiUrl: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v5/oauth/token') {
        res.end(
          JSON.stringify({
            access_token: 'pina_x',
            refresh_token: 'pinr_x',
            token_type: 'bearer',
            expires_in: 2592000,
            scope: 'boards:read',
          })
        );
      } else {
        res.end(JSON.stringify({ username: 'someone' }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v5`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
});

const expected = `strapi-plugin-pinterest/${pkg.version}`;

it('the API client sends User-Agent: the plugin and its version', async () => {
  const client = new PinterestClient({
    apiUrl,
    getAccessToken: () => Promise.resolve('pina_x'),
    connections: 1,
  });
  try {
    await client.getUserAccount();
  } finally {
    await client.close();
  }
  expect(seen).toHaveLength(1);
  expect(seen[0].headers['user-agent']).toBe(expected);
});

it('the token calls send it too, and the code exchange has no continuous_refresh by default', async () => {
  const oauth = createOAuthClient({ apiUrl, appId: '1', appSecret: 's' });
  await oauth.exchangeCode('code-1', 'https://cms.example.com/pinterest/oauth/callback');
  await oauth.refresh('pinr_x');
  expect(seen.map((s) => s.headers['user-agent'])).toEqual([expected, expected]);
  expect(Object.fromEntries(new URLSearchParams(seen[0].body))).toEqual({
    grant_type: 'authorization_code',
    code: 'code-1',
    redirect_uri: 'https://cms.example.com/pinterest/oauth/callback',
  });
});

it('sends continuous_refresh=true only when configured (apps created before 2025-09-25)', async () => {
  const oauth = createOAuthClient({ apiUrl, appId: '1', appSecret: 's', continuousRefresh: true });
  await oauth.exchangeCode('code-2', 'https://cms.example.com/cb');
  expect(new URLSearchParams(seen[0].body).get('continuous_refresh')).toBe('true');
});
