/**
 * Several Pinterest accounts (issue 18, server side): two emulator users connected through OAuth,
 * the accounts API, boards per account, entries routed to each account, one account's refused
 * tokens holding only its own jobs, and an entry moved from one account to the other leaving
 * exactly one live pin.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { fullAccessApiToken, registerSuperAdmin } from '../helpers/admin';
import { makeImage, uploadImage } from '../helpers/images';
import {
  boardOf as boardOfUser,
  connectAs as connect,
  emulatorUserId,
  seedMaisonFr,
} from '../helpers/accounts';
import { oauthEnv } from '../helpers/oauth';
import { createAccountStore } from '../../server/src/auth/account-store';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';
const RECORD = 'plugin::pinterest.pin-record';
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;
/** The plugin's ids of the two accounts. */
let demoId: number;
let frId: number;
let apiToken: string;

const http = () => request(strapi.server.httpServer);
const get = (path: string) => http().get(path).set('Authorization', `Bearer ${jwt}`);
const userId = (username: string) => emulatorUserId(emulator, username);
const boardOf = (username: string, name: string) => boardOfUser(emulator, username, name);
const pinsTitled = (title: string) =>
  [...emulator.state.pins.values()].filter((p) => p.title === title);
/** The pins with this title, once there is one (for waitFor). */
const pinned = (title: string) => {
  const pins = pinsTitled(title);
  return pins.length ? pins : null;
};

const connectAs = (username: string) => connect(strapi, jwt, emulator, username);

async function publish(
  title: string,
  pinterest: Record<string, unknown>,
  extra: Record<string, unknown> = {}
) {
  const hero = await uploadImage(strapi);
  const doc = await strapi
    .documents(ARTICLE)
    .create({ data: { title, hero: hero.id, pinterest, ...extra } as never });
  await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
  return doc.documentId;
}

/** The entry's pin job once its last error has this code (for waitFor). */
const jobWaiting = (documentId: string, code: string) => async () => {
  const row = await strapi.db.query('plugin::pinterest.job').findOne({
    where: { key: { $contains: documentId } },
  });
  return row?.lastError?.code === code ? row : null;
};

const recordsOf = (documentId: string) =>
  strapi.db.query(RECORD).findMany({ where: { entryDocumentId: documentId } });

/**
 * The entry's records once one is pinned with this pin (the record is written just after
 * Pinterest answers: the emulator may hold the pin a moment earlier).
 */
const recordsOnceRecorded = (documentId: string, pinId: string) =>
  waitFor(async () => {
    const rows = await recordsOf(documentId);
    return rows.some(
      (r: { pinId: string | null; status: string }) => r.pinId === pinId && r.status === 'pinned'
    )
      ? rows
      : null;
  }, `the record of pin ${pinId}`);

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  await seedMaisonFr(emulator, [{ name: 'Recettes' }, { name: 'Voyages' }, { name: 'Carnets' }]);
  // unmapped unpublish rule "delete": a move deletes the old account's pin
  booted = await bootStrapi({
    ...oauthEnv(emulator),
    PINTEREST_ON_UNPUBLISH: 'delete',
    PINTEREST_MEDIA_HOST_ALLOWLIST: new URL(emulator.url).host,
    // as a site with several accounts runs it: more lanes than accounts, whose small writes and
    // entry reads share transactions (the group commit's 10 ms window)
    PINTEREST_WORKER_CONCURRENCY: '8',
  });
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
  apiToken = await fullAccessApiToken(strapi);
  emulator.state.files.set('post.png', {
    mime: 'image/png',
    bytes: await makeImage(600, 900, 'png', 'Post'),
  });
  await connectAs('strapi_demo');
  await connectAs('maison_fr');
}, 60_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

it('lists both accounts, the first connected as the default', async () => {
  const res = await get('/pinterest/accounts').expect(200);
  const accounts = res.body.accounts as Array<Record<string, unknown>>;
  expect(accounts.map((a) => [a.username, a.displayName, a.status, a.isDefault])).toEqual([
    ['strapi_demo', 'Strapi Demo Kitchen', 'connected', true],
    ['maison_fr', 'Maison FR', 'connected', false],
  ]);
  demoId = accounts[0].id as number;
  frId = accounts[1].id as number;
  expect(JSON.stringify(res.body)).not.toMatch(/pina_|pinr_/);
  // the connection page still describes the default account
  expect((await get('/pinterest/connection')).body.account.username).toBe('strapi_demo');
});

it('reads the boards of the account asked for', async () => {
  const names = async (query: string) =>
    ((await get(`/pinterest/boards${query}`).expect(200)).body.boards as { name: string }[])
      .map((b) => b.name)
      .sort();
  expect(await names('')).toEqual(['Home & Garden', 'Recipes', 'Travel']);
  expect(await names(`?accountId=${frId}`)).toEqual(['Carnets', 'Recettes', 'Voyages']);
  expect(await names(`?accountId=${demoId}`)).toEqual(['Home & Garden', 'Recipes', 'Travel']);
  await get('/pinterest/boards?accountId=abc').expect(400);
});

it('creates a board on the account asked for', async () => {
  const created = await http()
    .post('/pinterest/boards')
    .set('Authorization', `Bearer ${jwt}`)
    .send({ name: 'Desserts', accountId: frId })
    .expect(201);
  const board = emulator.state.boards.get(created.body.board.id)!;
  expect([board.name, board.ownerId]).toEqual(['Desserts', userId('maison_fr')]);
  // the account's list shows it at once (the boards cache is dropped)
  const names = (await get(`/pinterest/boards?accountId=${frId}`).expect(200)).body.boards.map(
    (b: { name: string }) => b.name
  );
  expect(names).toContain('Desserts');
  await http()
    .post('/pinterest/boards')
    .set('Authorization', `Bearer ${jwt}`)
    .send({ name: 'Nowhere', accountId: 'fr' })
    .expect(400);
});

it('pins each entry with the account it is routed to', async () => {
  const soup = await publish('Soup for the demo account', {
    boardId: boardOf('strapi_demo', 'Recipes').id,
  });
  const soupe = await publish('Soupe pour Maison FR', {
    accountId: frId,
    boardId: boardOf('maison_fr', 'Recettes').id,
  });
  const [en] = await waitFor(() => pinned('Soup for the demo account'), 'the demo pin');
  const [fr] = await waitFor(() => pinned('Soupe pour Maison FR'), 'the Maison FR pin');
  expect(en.ownerId).toBe(userId('strapi_demo'));
  expect(fr.ownerId).toBe(userId('maison_fr'));
  expect(
    (await recordsOnceRecorded(soup, en.id)).map((r: { accountId: number }) => r.accountId)
  ).toEqual([demoId]);
  expect(
    (await recordsOnceRecorded(soupe, fr.id)).map((r: { accountId: number }) => r.accountId)
  ).toEqual([frId]);
});

it('moving an entry to the other account leaves exactly one live pin', async () => {
  const doc = await publish('Moving tart', { boardId: boardOf('strapi_demo', 'Travel').id });
  const [first] = await waitFor(() => pinned('Moving tart'), 'the first pin');
  expect(first.ownerId).toBe(userId('strapi_demo'));
  await strapi.documents(ARTICLE).update({
    documentId: doc,
    data: { pinterest: { accountId: frId, boardId: boardOf('maison_fr', 'Voyages').id } } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: doc });
  const moved = await waitFor(() => {
    const pins = pinsTitled('Moving tart');
    return pins.length === 1 && pins[0].ownerId === userId('maison_fr') ? pins : null;
  }, 'the pin on Maison FR only');
  expect(moved).toHaveLength(1);
  const live = (await recordsOnceRecorded(doc, moved[0].id)).filter(
    (r: { pinId: string | null; status: string }) => r.pinId && r.status === 'pinned'
  );
  expect(live).toHaveLength(1);
  expect(live[0]).toMatchObject({ accountId: frId, pinId: moved[0].id });
});

it('a create of unknown outcome is looked for with its own account after the entry moved', async () => {
  const carnets = boardOf('maison_fr', 'Carnets');
  // Maison FR's create reaches Pinterest but its answer is lost, and looking on its board fails
  // for now
  emulator.setFault({ method: 'POST', path: '/v5/pins', after: 'handler', status: 500, times: 1 });
  emulator.setFault({ method: 'GET', path: `/v5/boards/${carnets.id}/pins*`, status: 503 });
  // (a link: the plugin's marker in it tells its pin apart)
  const doc = await publish(
    'Unknown, then moved',
    { accountId: frId, boardId: carnets.id },
    { canonicalUrl: 'https://blog.example.com/unknown-then-moved' }
  );
  await waitFor(async () => {
    const [row] = await recordsOf(doc);
    return row?.lastError && !row.pinId && pinsTitled('Unknown, then moved').length === 1;
  }, 'the create of unknown outcome');
  expect(pinsTitled('Unknown, then moved').map((p) => p.ownerId)).toEqual([userId('maison_fr')]);
  // the board is made private on Pinterest: only Maison FR can look on it now
  carnets.privacy = 'PROTECTED';
  // meanwhile the editor moves the entry to the demo account
  await strapi.documents(ARTICLE).update({
    documentId: doc,
    data: { pinterest: { boardId: boardOf('strapi_demo', 'Travel').id } } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: doc });
  emulator.clearFaults();
  // Maison FR's pin is found with Maison FR's token, then deleted (the move), and one pin is made
  // on the demo account: never two live pins
  const [moved] = await waitFor(() => {
    const pins = pinsTitled('Unknown, then moved');
    return pins.length === 1 && pins[0].ownerId === userId('strapi_demo') ? pins : null;
  }, 'one pin, on the demo account');
  const records = await recordsOnceRecorded(doc, moved.id);
  expect(
    records.map((r: { accountId: number; pinId: string; status: string }) => [
      r.accountId,
      r.pinId,
      r.status,
    ])
  ).toEqual([[demoId, moved.id, 'pinned']]);
  carnets.privacy = 'PUBLIC';
});

it('the posts API pins with the account named by id or username, else the default', async () => {
  const postAs = (title: string, extra: Record<string, unknown>, board: string) =>
    http()
      .post('/api/pinterest/posts')
      .set('Authorization', `Bearer ${apiToken}`)
      .send({
        content: title,
        targets: ['pinterest'],
        media: [{ url: `${emulator.url}/_media/post.png`, type: 'image' }],
        target_options: { pinterest: { title, board_id: board, ...extra } },
      });
  const recettes = boardOf('maison_fr', 'Recettes').id;
  expect((await postAs('Post by name', { account_id: '@maison_fr' }, recettes)).status).toBe(201);
  expect((await postAs('Post by id', { account_id: frId }, recettes)).status).toBe(201);
  expect((await postAs('Post by default', {}, boardOf('strapi_demo', 'Recipes').id)).status).toBe(
    201
  );
  const refused = await postAs('Post to nobody', { account_id: 'nobody' }, recettes);
  expect(refused.status).toBe(400);
  expect(JSON.stringify(refused.body)).toContain('account_id');
  for (const [title, owner] of [
    ['Post by name', 'maison_fr'],
    ['Post by id', 'maison_fr'],
    ['Post by default', 'strapi_demo'],
  ]) {
    const [pin] = await waitFor(() => pinned(title), title);
    expect(pin.ownerId).toBe(userId(owner));
  }
});

it('a refused account holds only its own jobs; the other keeps pinning', async () => {
  for (const t of emulator.state.tokens.values())
    if (t.userId === userId('maison_fr')) t.revoked = true;
  const held = await publish('Held for Maison FR', {
    accountId: frId,
    boardId: boardOf('maison_fr', 'Recettes').id,
  });
  const job = await waitFor(
    jobWaiting(held, 'UNAUTHORIZED'),
    'the Maison FR job waiting for a reconnect'
  );
  expect(job.state).toBe('waiting');
  await publish('Still pinning for the demo', { boardId: boardOf('strapi_demo', 'Recipes').id });
  await waitFor(() => pinsTitled('Still pinning for the demo').length === 1, 'the demo pin');
  expect(pinsTitled('Held for Maison FR')).toEqual([]);
  const accounts = (await get('/pinterest/accounts')).body.accounts as Array<{
    username: string;
    status: string;
  }>;
  expect(accounts.map((a) => [a.username, a.status])).toEqual([
    ['strapi_demo', 'connected'],
    ['maison_fr', 'reconnect_required'],
  ]);
  // the waiting job is counted with the account it was routed to, not with the default one
  const waiting = (await get('/pinterest/accounts')).body.accounts as Array<{
    username: string;
    waitingJobs: number;
  }>;
  expect(waiting.map((a) => [a.username, a.waitingJobs])).toEqual([
    ['strapi_demo', 0],
    ['maison_fr', 1],
  ]);
  expect(job.lastError.accountId).toBe(frId);
  // reconnecting Maison FR wakes its job
  await connectAs('maison_fr');
  await waitFor(() => pinsTitled('Held for Maison FR').length === 1, 'the held pin');
  expect(pinsTitled('Held for Maison FR')[0].ownerId).toBe(userId('maison_fr'));
});

it('a write pause on one account (its own budget row) does not hold the other', async () => {
  const slots = strapi.db.query('plugin::pinterest.rate-slot');
  const frKey = `custom:${userId('maison_fr')}:org_write`;
  // each account draws from budget rows of its own
  expect(await slots.count({ where: { key: frKey } })).toBe(1);
  expect(await slots.count({ where: { key: 'custom:org_write' } })).toBe(1);
  await slots.updateMany({
    where: { key: frKey },
    data: { pausedUntil: Date.now() + 3_600_000, pauseReason: 'test pause' },
  });
  const paused = await publish('Paused for Maison FR', {
    accountId: frId,
    boardId: boardOf('maison_fr', 'Voyages').id,
  });
  await waitFor(jobWaiting(paused, 'WRITES_PAUSED'), 'the Maison FR job waiting for the pause');
  await publish('Not paused for the demo', { boardId: boardOf('strapi_demo', 'Travel').id });
  await waitFor(() => pinned('Not paused for the demo'), 'the demo pin');
  expect(pinsTitled('Paused for Maison FR')).toEqual([]);
  await slots.updateMany({ where: { key: frKey }, data: { pausedUntil: null, pauseReason: null } });
});

it('Pinterest answering 429 to one account does not slow the other', async () => {
  const jobs = strapi.db.query('plugin::pinterest.job');
  // Maison FR's app tier has no writes left this minute: every create it sends is answered 429
  emulator.state.userRateLimits.set(userId('maison_fr'), { org_write: 0 });
  const fr: string[] = [];
  for (const n of [1, 2])
    fr.push(
      await publish(`Rate-limited FR ${n}`, {
        accountId: frId,
        boardId: boardOf('maison_fr', 'Recettes').id,
      })
    );
  const frJobs = () =>
    Promise.all(fr.map((doc) => jobs.findOne({ where: { key: { $contains: doc } } })));
  await waitFor(
    async () => (await frJobs()).every((j) => j?.lastError?.code === 'RATE_LIMITED'),
    'both Maison FR jobs told to wait by a 429'
  );
  const frLimited = emulator.requests.filter(
    (r) => r.status === 429 && r.method === 'POST' && r.path === '/v5/pins'
  ).length;
  expect(frLimited).toBeGreaterThanOrEqual(2);
  // the demo account pins three entries at once meanwhile, without a single 429 of its own
  for (const n of [1, 2, 3])
    await publish(`Unhindered demo ${n}`, { boardId: boardOf('strapi_demo', 'Recipes').id });
  await waitFor(
    () => [1, 2, 3].every((n) => pinsTitled(`Unhindered demo ${n}`).length === 1),
    'the three demo pins'
  );
  for (const job of await frJobs()) {
    // still waiting on Pinterest's reset for Maison FR, with the account named
    expect([job.state, job.lastError.code, job.lastError.accountId]).toEqual([
      'waiting',
      'RATE_LIMITED',
      frId,
    ]);
    expect(Number(job.runAt)).toBeGreaterThan(Date.now());
  }
  expect(pinsTitled('Rate-limited FR 1')).toEqual([]);
  // no 429 while the demo account pinned (Maison FR's jobs sat out their wait meanwhile)
  expect(
    emulator.requests.filter(
      (r) => r.status === 429 && r.method === 'POST' && r.path === '/v5/pins'
    )
  ).toHaveLength(frLimited);
  // the budget is back: an editor's Retry pins them with Maison FR
  emulator.state.userRateLimits.delete(userId('maison_fr'));
  for (const job of await frJobs())
    await http()
      .post(`/pinterest/jobs/${job.id}/retry`)
      .set('Authorization', `Bearer ${jwt}`)
      .send({})
      .expect(200);
  for (const n of [1, 2]) {
    const [pin] = await waitFor(() => pinned(`Rate-limited FR ${n}`), `FR pin ${n}`);
    expect(pin.ownerId).toBe(userId('maison_fr'));
  }
});

it('routes a localized type per locale: en to the default account, fr to Maison FR', async () => {
  const BLOG = 'api::blog-article.blog-article';
  await strapi.plugin('i18n').service('locales').create({ code: 'fr', name: 'French (fr)' });
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${jwt}`);
  // mapped from Settings → Pinterest → Content types, as an administrator does, then the locale's
  // account and board saved with the type's defaults
  await auth(http().put(`/pinterest/settings/content-types/${encodeURIComponent(BLOG)}`))
    .send({
      enabled: true,
      title: ['title'],
      description: ['description'],
      content: ['blocks'],
      media: 'cover',
      link: { kind: 'pattern', patterns: { '*': 'https://blog.example.com/{locale}/{slug}' } },
      missingLink: 'refuse',
      pinOnPublish: true,
      defaultBoardId: boardOf('strapi_demo', 'Travel').id,
      onUnpublish: 'keep',
    })
    .expect(200);
  const saved = await auth(http().put('/pinterest/settings')).send({
    contentTypes: {
      [BLOG]: {
        pinOnPublish: true,
        defaultBoardId: boardOf('strapi_demo', 'Travel').id,
        defaultBoardSectionId: null,
        localeDefaults: { fr: { accountId: frId, boardId: boardOf('maison_fr', 'Voyages').id } },
      },
    },
  });
  expect([saved.status, saved.body.error?.message]).toEqual([200, undefined]);
  const cover = await uploadImage(strapi);
  const doc = await strapi.documents(BLOG).create({
    locale: 'en',
    data: { title: 'Lisbon in a weekend', slug: 'lisbon', cover: cover.id },
  } as never);
  await strapi.documents(BLOG).update({
    documentId: doc.documentId,
    locale: 'fr',
    data: { title: 'Lisbonne en un week-end', slug: 'lisbonne' },
  } as never);
  await strapi.documents(BLOG).publish({ documentId: doc.documentId, locale: '*' } as never);
  const [en] = await waitFor(() => pinned('Lisbon in a weekend'), 'the en pin');
  const [fr] = await waitFor(() => pinned('Lisbonne en un week-end'), 'the fr pin');
  expect([en.ownerId, en.board_id]).toEqual([
    userId('strapi_demo'),
    boardOf('strapi_demo', 'Travel').id,
  ]);
  expect([fr.ownerId, fr.board_id]).toEqual([
    userId('maison_fr'),
    boardOf('maison_fr', 'Voyages').id,
  ]);
  await recordsOnceRecorded(doc.documentId, en.id);
  const records = await recordsOnceRecorded(doc.documentId, fr.id);
  expect(
    records
      .map((r: { entryLocale: string; accountId: number }) => [r.entryLocale, r.accountId])
      .sort()
  ).toEqual([
    ['en', demoId],
    ['fr', frId],
  ]);
});

it('the pin path reads an account row once a second, and at once after a write of this instance', async () => {
  // a store of its own on the same database: what the token provider and the routing use
  let t = Date.now();
  const store = createAccountStore(
    strapi,
    () => {
      throw new Error('no token is opened here');
    },
    { rowTtlMs: 1_000, now: () => t }
  );
  const accounts = () => strapi.db.query('plugin::pinterest.account');
  const { environment } = (await accounts().findOne({ where: { id: frId } })) as {
    environment: string;
  };
  /** A change made behind the store's back, as another instance would make it. */
  const elsewhere = (businessName: string) =>
    accounts().update({ where: { id: frId }, data: { businessName } });
  try {
    const [a, b] = await Promise.all([store.recentById(frId), store.recentById(frId)]);
    expect(a).toBe(b);
    expect(a?.businessName).toBe('Maison FR');
    expect((await store.recentDefault(environment))?.username).toBe('strapi_demo');

    // another instance's change is seen once the read is a second old
    await elsewhere('Maison FR (elsewhere)');
    t += 999;
    expect((await store.recentById(frId))?.businessName).toBe('Maison FR');
    t += 1;
    expect((await store.recentById(frId))?.businessName).toBe('Maison FR (elsewhere)');

    // a write through the store is seen by the very next read (with the change made meanwhile)
    await elsewhere('Maison FR (again)');
    await store.recordError(frId, {
      code: 'PINTEREST_UNREACHABLE',
      message: 'Refreshing the token failed for now.',
      advice: 'The account stays connected; the refresh is tried again by itself.',
      retryable: true,
    });
    const after = await store.recentById(frId);
    expect([after?.lastError?.code, after?.businessName]).toEqual([
      'PINTEREST_UNREACHABLE',
      'Maison FR (again)',
    ]);
  } finally {
    await accounts().update({
      where: { id: frId },
      data: { lastError: null, businessName: 'Maison FR' },
    });
  }
});

it('sets the default account, and disconnects one without touching its pins', async () => {
  await http()
    .post(`/pinterest/accounts/${frId}/default`)
    .set('Authorization', `Bearer ${jwt}`)
    .send({})
    .expect(200);
  expect((await get('/pinterest/connection')).body.account.username).toBe('maison_fr');
  const before = await strapi.db.query(RECORD).count({ where: { accountId: frId } });
  const res = await http()
    .delete(`/pinterest/accounts/${frId}`)
    .set('Authorization', `Bearer ${jwt}`)
    .expect(200);
  const accounts = res.body.accounts as Array<{
    username: string;
    status: string;
    isDefault: boolean;
  }>;
  expect(accounts.map((a) => [a.username, a.status, a.isDefault])).toEqual([
    ['strapi_demo', 'connected', true],
    ['maison_fr', 'disconnected', false],
  ]);
  expect(await strapi.db.query(RECORD).count({ where: { accountId: frId } })).toBe(before);
  // an entry still routed to the disconnected account waits, saying why, under that account
  const orphan = await publish('Routed to a disconnected account', {
    accountId: frId,
    boardId: boardOf('maison_fr', 'Recettes').id,
  });
  const waiting = await waitFor(
    jobWaiting(orphan, 'NOT_CONNECTED'),
    'the job waiting for the disconnected account'
  );
  expect(waiting.state).toBe('waiting');
  expect(waiting.lastError.message).toContain('@maison_fr was disconnected');
  expect(waiting.lastError.advice).toContain('choose another account');
  const counted = (await get('/pinterest/accounts')).body.accounts as Array<{
    username: string;
    waitingJobs: number;
  }>;
  expect(counted.map((a) => [a.username, a.waitingJobs])).toEqual([
    ['strapi_demo', 0],
    ['maison_fr', 1],
  ]);
  expect(pinsTitled('Routed to a disconnected account')).toEqual([]);
  await http()
    .delete('/pinterest/accounts/999999')
    .set('Authorization', `Bearer ${jwt}`)
    .expect(404);
});
