/**
 * Token faults (issue 15, items 9 and 10): a token endpoint outage after a 401 keeps the account
 * connected and the pin is made exactly once; tokens no configured key opens make jobs wait for a
 * reconnect (not burn their retries) and Settings says why; tokens sealed with the previous key
 * still work and are sealed again with the current one.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../../emulator/src';
import { tokenPlace } from '../../../server/src/auth/account-store';
import { decryptToken, encryptToken } from '../../../server/src/auth/token-crypto';
import { registerSuperAdmin } from '../../helpers/admin';
import { uploadImage } from '../../helpers/images';
import { consent, followCallback, oauthEnv } from '../../helpers/oauth';
import { bootStrapi, type BootedStrapi } from '../../helpers/strapi';
import { waitFor } from '../../helpers/wait-for';

const ARTICLE = 'api::article.article';
const ACCOUNT = 'plugin::pinterest.account';
const previousKey = randomBytes(32);
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;
let currentKey: Buffer;

const http = () => request(strapi.server.httpServer);
const connection = async () =>
  (await http().get('/pinterest/connection').set('Authorization', `Bearer ${jwt}`)).body;
const accountRow = () => strapi.db.query(ACCOUNT).findOne({ where: { environment: 'custom' } });
const liveTokens = (kind: 'access' | 'refresh') =>
  [...emulator.state.tokens.values()].filter(
    (t) => t.kind === kind && !t.revoked && t.token !== 'pina_emulator_static_token'
  );
const pinsTitled = (title: string) =>
  [...emulator.state.pins.values()].filter((p) => p.title === title);

async function connect() {
  const back = await followCallback(strapi, await consent(strapi, jwt));
  expect(back.location.searchParams.get('connected')).toBe('strapi_demo');
}

async function publish(title: string) {
  const hero = await uploadImage(strapi);
  const board = [...emulator.state.boards.values()][0];
  const doc = await strapi.documents(ARTICLE).create({
    data: { title, hero: hero.id, pinterest: { boardId: board.id } } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
  return doc.documentId;
}

/** Seals the stored tokens again with `key`, as if they had been written under it. */
async function resealStored(key: Buffer) {
  const row = await accountRow();
  const keys = { current: currentKey };
  const reseal = (field: 'accessToken' | 'refreshToken') =>
    encryptToken(
      decryptToken(row[field], keys, tokenPlace('custom', field)).value,
      key,
      tokenPlace('custom', field)
    );
  await strapi.db.query(ACCOUNT).update({
    where: { id: row.id },
    data: { accessToken: reseal('accessToken'), refreshToken: reseal('refreshToken') },
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const env: Record<string, string | undefined> = {
    ...oauthEnv(emulator),
    PINTEREST_ENCRYPTION_KEY_PREVIOUS: previousKey.toString('base64'),
  };
  currentKey = Buffer.from(env.PINTEREST_ENCRYPTION_KEY!, 'base64');
  booted = await bootStrapi(env);
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

beforeEach(async () => {
  await http().delete('/pinterest/connection').set('Authorization', `Bearer ${jwt}`);
  emulator.reset();
  await connect();
  emulator.requests.length = 0;
});

it('a 503 from the token endpoint after a 401: the account stays connected, the pin is made once', async () => {
  for (const t of liveTokens('access')) emulator.state.tokens.get(t.token)!.revoked = true;
  emulator.setFault({ method: 'POST', path: '/v5/oauth/token', status: 503, times: 1 });
  await publish('Token outage');

  await waitFor(() => pinsTitled('Token outage')[0], 'the pin after the outage', 30_000);
  // nothing more happens later: exactly one pin
  await new Promise((r) => setTimeout(r, 1500));
  expect(pinsTitled('Token outage')).toHaveLength(1);
  const sequence = emulator.requests
    .filter((r) => ['/v5/pins', '/v5/oauth/token'].includes(r.path) && r.method === 'POST')
    .map((r) => `${r.path} ${r.status}`);
  expect(sequence.slice(0, 2)).toEqual(['/v5/pins 401', '/v5/oauth/token 503']);
  expect(sequence.filter((s) => s === '/v5/pins 201')).toHaveLength(1);
  const c = await connection();
  expect(c.status).toBe('connected');
  expect(c.waitingJobs).toBe(0);
});

it('after a key change no key opens the tokens: jobs wait for a reconnect and Settings says why', async () => {
  await resealStored(randomBytes(32));
  const documentId = await publish('Key changed');

  const job = await waitFor(async () => {
    const j = await strapi.db
      .query('plugin::pinterest.job')
      .findOne({ where: { key: { $contains: documentId } } });
    return j?.state === 'waiting' && j.lastError?.code === 'UNAUTHORIZED' ? j : null;
  }, 'the job to wait for a reconnect');
  expect(job.lastError.message).toMatch(/must be reconnected.*cannot be decrypted/);
  expect(job.attempts).toBe(0);
  const c = await connection();
  expect(c.status).toBe('reconnect_required');
  expect(c.waitingJobs).toBe(1);
  expect(c.lastError).toMatchObject({ code: 'RECONNECT_REQUIRED' });
  expect(c.lastError.message).toMatch(/cannot be decrypted/);
  expect(c.lastError.advice).toMatch(/PINTEREST_ENCRYPTION_KEY_PREVIOUS/);
  expect(emulator.requests.filter((r) => r.path === '/v5/pins')).toHaveLength(0);

  await connect();
  await waitFor(() => pinsTitled('Key changed')[0], 'the waiting pin after the reconnect');
  expect(pinsTitled('Key changed')).toHaveLength(1);
});

it('tokens sealed with the previous key still work and are sealed again with the current one', async () => {
  await resealStored(previousKey);
  await publish('Rotated key');
  await waitFor(() => pinsTitled('Rotated key')[0], 'the pin with the rotated key');
  const row = await accountRow();
  const opened = decryptToken(
    row.accessToken,
    { current: currentKey },
    tokenPlace('custom', 'accessToken')
  );
  expect(opened.stale).toBe(false);
  expect((await connection()).status).toBe('connected');
  // the scheduled check re-seals the refresh token too
  await strapi.plugin('pinterest').service('connection').refreshIfDue();
  const after = await accountRow();
  expect(
    decryptToken(after.refreshToken, { current: currentKey }, tokenPlace('custom', 'refreshToken'))
      .stale
  ).toBe(false);
});
