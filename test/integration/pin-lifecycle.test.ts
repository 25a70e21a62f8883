/**
 * What happens to a pin after it exists: edits update it (PATCH), a board change moves it, a
 * refused
 * PATCH marks it out of sync with an explicit re-pin, unpublish keeps or deletes it, deleting an
 * entry
 * cancels its waiting jobs, and "pin at" schedules it (fire, cancel, reschedule). Real Strapi, real
 * HTTP to the emulator.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { registerSuperAdmin } from '../helpers/admin';
import { uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const ARTICLE = 'api::article.article';

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let jwt: string;
let boardId: (name: string) => string;
let sectionId: (board: string, name: string) => string;

type Job = {
  id: number;
  state: string;
  runAt: number | string;
  lastError: { code: string; message: string; advice: string } | null;
  result: Record<string, unknown> | null;
};
type PinRecord = {
  id: number;
  pinId: string | null;
  status: string;
  boardId: string;
  title: string | null;
  lastError: { code: string; message: string } | null;
};

const jobsFor = async (documentId: string) =>
  (await strapi.db
    .query('plugin::pinterest.job')
    .findMany({ where: { key: { $contains: documentId } }, orderBy: { id: 'asc' } })) as Job[];
const pinJob = async (documentId: string) =>
  (await jobsFor(documentId)).find((j) => (j as unknown as { kind: string }).kind === 'pin.entry');
const records = async (documentId: string) =>
  (await strapi.db
    .query('plugin::pinterest.pin-record')
    .findMany({ where: { entryDocumentId: documentId } })) as PinRecord[];
const emulatorPinsFor = (title: RegExp) =>
  [...emulator.state.pins.values()].filter((p) => title.test(p.title ?? ''));
const requests = (method: string, path: RegExp) =>
  emulator.requests.filter((r) => r.method === method && path.test(r.path));

async function publishArticle(data: Record<string, unknown>) {
  const hero = await uploadImage(strapi, { format: 'jpeg' });
  const draft = await strapi.documents(ARTICLE).create({
    data: { canonicalUrl: 'https://blog.example.com/x', hero: hero.id, ...data } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
  return draft.documentId;
}

async function editAndPublish(documentId: string, data: Record<string, unknown>) {
  await strapi.documents(ARTICLE).update({ documentId, data: data as never });
  await strapi.documents(ARTICLE).publish({ documentId });
}

const outcome = (documentId: string, wanted: string) =>
  waitFor(async () => {
    const job = await pinJob(documentId);
    return job &&
      job.state !== 'running' &&
      job.state !== 'waiting' &&
      (job.result?.outcome === wanted || job.state === 'failed')
      ? job
      : null;
  }, `the pin job of ${documentId} to end with ${wanted}`);

const pinned = (documentId: string) =>
  waitFor(async () => {
    const rows = await records(documentId);
    return rows.find((r) => r.status === 'pinned' && r.pinId) ?? null;
  }, `the pin of ${documentId}`);

const admin = () => ({
  post: (path: string, body: unknown = {}) =>
    request(strapi.server.httpServer)
      .post(path)
      .set('Authorization', `Bearer ${jwt}`)
      .send(body as object),
});

async function setOnUnpublish(value: 'keep' | 'delete') {
  const settings = await request(strapi.server.httpServer)
    .get('/pinterest/settings')
    .set('Authorization', `Bearer ${jwt}`);
  const contentTypes = Object.fromEntries(
    (settings.body.contentTypes as Array<Record<string, unknown>>).map((c) => [
      c.uid,
      {
        pinOnPublish: c.pinOnPublish,
        defaultBoardId: c.defaultBoardId,
        defaultBoardSectionId: c.defaultBoardSectionId,
        onUnpublish: value,
      },
    ])
  );
  const res = await request(strapi.server.httpServer)
    .put('/pinterest/settings')
    .set('Authorization', `Bearer ${jwt}`)
    .send({ contentTypes });
  expect(res.status).toBe(200);
  expect(res.body.contentTypes[0].onUnpublish).toBe(value);
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const boards = [...emulator.state.boards.values()];
  boardId = (name) => boards.find((b) => b.name === name)!.id;
  sectionId = (board, name) =>
    [...emulator.state.sections.values()].find(
      (s) => s.boardId === boardId(board) && s.name === name
    )!.id;
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
  });
  strapi = booted.strapi;
  jwt = await registerSuperAdmin(strapi);
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

beforeEach(() => {
  emulator.requests.length = 0;
  emulator.state.flags.patchPinsAllowed = true;
});

describe('edits', () => {
  it('an edited title and excerpt update the same pin with PATCH', async () => {
    const documentId = await publishArticle({
      title: 'Lemon tart',
      excerpt: 'Sharp and sweet.',
      pinterest: { boardId: boardId('Recipes') },
    });
    const first = await pinned(documentId);
    emulator.requests.length = 0;
    await editAndPublish(documentId, {
      title: 'Lemon tart, the easy way',
      excerpt: 'Sharp, sweet and quick.',
    });
    await outcome(documentId, 'updated');

    const patches = requests('PATCH', new RegExp(`/v5/pins/${first.pinId}$`));
    expect(patches).toHaveLength(1);
    expect(patches[0].body).toMatchObject({
      title: 'Lemon tart, the easy way',
      description: 'Sharp, sweet and quick.',
      board_id: boardId('Recipes'),
    });
    expect(requests('POST', /^\/v5\/pins$/)).toHaveLength(0);
    expect(emulator.state.pins.get(first.pinId!)).toMatchObject({
      title: 'Lemon tart, the easy way',
      description: 'Sharp, sweet and quick.',
    });
    const [row] = await records(documentId);
    expect(row).toMatchObject({
      pinId: first.pinId,
      status: 'pinned',
      title: 'Lemon tart, the easy way',
    });
  });

  it('choosing another board and section moves the pin there', async () => {
    const documentId = await publishArticle({
      title: 'Road trip playlist',
      pinterest: { boardId: boardId('Recipes') },
    });
    const first = await pinned(documentId);
    await editAndPublish(documentId, {
      pinterest: { boardId: boardId('Travel'), boardSectionId: sectionId('Travel', 'Europe') },
    });
    await outcome(documentId, 'updated');

    expect(requests('PATCH', /\/v5\/pins\//)[0].body).toMatchObject({
      board_id: boardId('Travel'),
      board_section_id: sectionId('Travel', 'Europe'),
    });
    expect(emulator.state.pins.get(first.pinId!)).toMatchObject({
      board_id: boardId('Travel'),
      board_section_id: sectionId('Travel', 'Europe'),
    });
    const rows = await records(documentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      pinId: first.pinId,
      boardId: boardId('Travel'),
      status: 'pinned',
    });
    expect(emulatorPinsFor(/^Road trip playlist$/)).toHaveLength(1);
  });

  it('when Pinterest refuses PATCH: out of sync with a clear reason, no duplicate, and an explicit re-pin', async () => {
    const documentId = await publishArticle({
      title: 'Fig jam',
      pinterest: { boardId: boardId('Recipes') },
    });
    const first = await pinned(documentId);
    emulator.requests.length = 0;
    emulator.state.flags.patchPinsAllowed = false;
    await editAndPublish(documentId, { title: 'Fig and walnut jam' });

    const job = await waitFor(
      async () => ((await pinJob(documentId))?.state === 'failed' ? pinJob(documentId) : null),
      'the refused edit'
    );
    expect(job.lastError).toMatchObject({ code: 'EDIT_UNSUPPORTED' });
    expect(job.lastError!.message).toContain('cannot edit pins');
    expect(job.lastError!.advice).toMatch(/Re-pin/);
    const [row] = await records(documentId);
    expect(row).toMatchObject({ status: 'out_of_sync', pinId: first.pinId });
    expect(requests('POST', /^\/v5\/pins$/)).toHaveLength(0);
    expect(emulatorPinsFor(/^Fig/)).toHaveLength(1);

    const res = await admin().post(`/pinterest/entries/${ARTICLE}/${documentId}/repin`);
    expect(res.status).toBe(200);
    const replaced = await waitFor(async () => {
      const [r] = await records(documentId);
      return r.status === 'pinned' && r.pinId !== first.pinId ? r : null;
    }, 'the re-pin');
    expect(requests('DELETE', new RegExp(`/v5/pins/${first.pinId}$`))).toHaveLength(1);
    expect(emulator.state.pins.has(first.pinId!)).toBe(false);
    expect(emulatorPinsFor(/^Fig/).map((p) => [p.id, p.title])).toEqual([
      [replaced.pinId, 'Fig and walnut jam'],
    ]);
  });
});

describe('unpublish and delete', () => {
  it('keeps the pin by default when the entry is unpublished', async () => {
    const documentId = await publishArticle({
      title: 'Kept after unpublish',
      pinterest: { boardId: boardId('Recipes') },
    });
    const pin = await pinned(documentId);
    await strapi.documents(ARTICLE).unpublish({ documentId });
    // give a (wrong) delete every chance to happen before looking
    await new Promise((r) => setTimeout(r, 500));
    expect(requests('DELETE', /\/v5\/pins\//)).toHaveLength(0);
    expect(emulator.state.pins.has(pin.pinId!)).toBe(true);
    expect((await records(documentId))[0].status).toBe('pinned');
  });

  it('deletes the pin on unpublish when the content type says so, and pins again on the next publish', async () => {
    await setOnUnpublish('delete');
    try {
      const documentId = await publishArticle({
        title: 'Gone with unpublish',
        pinterest: { boardId: boardId('Recipes') },
      });
      const pin = await pinned(documentId);
      await strapi.documents(ARTICLE).unpublish({ documentId });
      await waitFor(
        async () => (await records(documentId))[0].status === 'deleted',
        'the pin deleted'
      );
      expect(requests('DELETE', new RegExp(`/v5/pins/${pin.pinId}$`))).toHaveLength(1);
      expect(emulator.state.pins.has(pin.pinId!)).toBe(false);

      await strapi.documents(ARTICLE).publish({ documentId });
      const again = await pinned(documentId);
      expect(again.pinId).not.toBe(pin.pinId);
      expect(await records(documentId)).toHaveLength(1);
    } finally {
      await setOnUnpublish('keep');
    }
  });

  it('a pin already gone on Pinterest (404) counts as deleted when the entry is deleted', async () => {
    await setOnUnpublish('delete');
    try {
      const documentId = await publishArticle({
        title: 'Already gone',
        pinterest: { boardId: boardId('Recipes') },
      });
      const pin = await pinned(documentId);
      emulator.state.pins.delete(pin.pinId!);
      await strapi.documents(ARTICLE).delete({ documentId });
      const unpin = await waitFor(
        async () =>
          (await jobsFor(documentId)).find(
            (j) => j.state === 'done' && Array.isArray(j.result?.deleted)
          ),
        'the unpin job'
      );
      expect(unpin.result).toEqual({ deleted: [pin.pinId] });
      expect(requests('DELETE', new RegExp(`/v5/pins/${pin.pinId}$`))).toHaveLength(1);
      expect((await records(documentId))[0].status).toBe('deleted');
    } finally {
      await setOnUnpublish('keep');
    }
  });

  it('deleting an entry cancels its waiting pin job', async () => {
    const pinAt = new Date(Date.now() + 60 * 60_000).toISOString();
    const documentId = await publishArticle({
      title: 'Deleted before its time',
      pinterest: { boardId: boardId('Recipes'), pinAt },
    });
    expect((await pinJob(documentId))!.state).toBe('waiting');
    await strapi.documents(ARTICLE).delete({ documentId });
    expect((await pinJob(documentId))!.state).toBe('cancelled');
    expect(requests('POST', /^\/v5\/pins$/)).toHaveLength(0);
  });
});

describe('scheduled pins', () => {
  it('a pin with "pin at" waits until then, then goes out', async () => {
    const at = Date.now() + 1_500;
    const documentId = await publishArticle({
      title: 'Pinned on time',
      pinterest: { boardId: boardId('Recipes'), pinAt: new Date(at).toISOString() },
    });
    const job = (await pinJob(documentId))!;
    expect(job.state).toBe('waiting');
    expect(Number(job.runAt)).toBe(at);
    expect(requests('POST', /^\/v5\/pins$/)).toHaveLength(0);

    const pin = await pinned(documentId);
    const created = emulator.requests.find(
      (r) =>
        r.method === 'POST' &&
        r.path === '/v5/pins' &&
        (r.body as { title?: string }).title === 'Pinned on time'
    );
    expect(created).toBeDefined();
    expect(Date.parse(created!.time)).toBeGreaterThanOrEqual(at);
    expect(pin.pinId).toBeTruthy();
  });

  it('an editor can cancel a scheduled pin, then reschedule it', async () => {
    const documentId = await publishArticle({
      title: 'Cancelled then rescheduled',
      pinterest: {
        boardId: boardId('Recipes'),
        pinAt: new Date(Date.now() + 60 * 60_000).toISOString(),
      },
    });
    const job = (await pinJob(documentId))!;
    const cancel = await admin().post(`/pinterest/jobs/${job.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.body.job.state).toBe('cancelled');
    expect((await admin().post(`/pinterest/jobs/${job.id}/cancel`)).status).toBe(400);

    const bad = await admin().post(`/pinterest/jobs/${job.id}/reschedule`, { runAt: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('ISO 8601');

    const soon = new Date(Date.now() + 300).toISOString();
    const res = await admin().post(`/pinterest/jobs/${job.id}/reschedule`, { runAt: soon });
    expect(res.status).toBe(200);
    expect(res.body.job).toMatchObject({ state: 'waiting', runAt: soon });
    await pinned(documentId);
    expect(emulatorPinsFor(/^Cancelled then rescheduled$/)).toHaveLength(1);
  });
});
