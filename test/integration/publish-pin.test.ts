/**
 * Publishing an article pins it: a real Strapi (playground, SQLite temp file) with the plugin,
 * talking
 * over real HTTP to the Pinterest emulator. Asserts what the emulator received, field by field.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { fullAccessApiToken, registerSuperAdmin } from '../helpers/admin';
import { uploadFile, uploadImage } from '../helpers/images';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';
import type { PinErrorDTO } from '../../common/wire';

const ARTICLE = 'api::article.article';
const TOKEN = 'pina_emulator_static_token';

let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let boards: Record<string, { id: string; sections: Record<string, string> }>;

const pinPosts = () =>
  emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins');

async function jobFor(documentId: string) {
  const jobs = await strapi.db
    .query('plugin::pinterest.job')
    .findMany({ where: { key: { $contains: documentId } } });
  return jobs[0] as
    | {
        state: string;
        attempts: number;
        lastError: PinErrorDTO | null;
        result: Record<string, unknown> | null;
      }
    | undefined;
}

const settledJob = (documentId: string) =>
  waitFor(async () => {
    const job = await jobFor(documentId);
    return job && (job.state === 'done' || job.state === 'failed') ? job : null;
  }, `the pin job of ${documentId} to settle`);

async function recordFor(documentId: string) {
  return strapi.db
    .query('plugin::pinterest.pin-record')
    .findOne({ where: { entryDocumentId: documentId } });
}

async function publishArticle(data: Record<string, unknown>) {
  const draft = await strapi.documents(ARTICLE).create({ data: data as never });
  await strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
  return draft.documentId;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const state = emulator.state;
  boards = Object.fromEntries(
    [...state.boards.values()].map((b) => [
      b.name,
      {
        id: b.id,
        sections: Object.fromEntries(
          [...state.sections.values()].filter((s) => s.boardId === b.id).map((s) => [s.name, s.id])
        ),
      },
    ])
  );
  booted = await bootStrapi({ PINTEREST_API_URL: emulator.apiUrl, PINTEREST_ACCESS_TOKEN: TOKEN });
  strapi = booted.strapi;
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

beforeEach(() => {
  emulator.requests.length = 0;
});

describe('publish → image pin', () => {
  it('pins a published article with its board, section, title, excerpt, link, alt text and image bytes', async () => {
    const hero = await uploadImage(strapi, {
      width: 600,
      height: 900,
      format: 'png',
      alt: 'Tomato soup in a blue bowl',
    });
    const recipes = boards.Recipes;
    const documentId = await publishArticle({
      title: 'Tomato soup',
      excerpt: 'A warm soup for cold evenings.',
      body: '# Tomato soup\n\nSimmer the tomatoes.',
      canonicalUrl: 'https://blog.example.com/tomato-soup',
      hero: hero.id,
      pinterest: { boardId: recipes.id, boardSectionId: recipes.sections.Dinner },
    });

    const job = await settledJob(documentId);
    expect(job.state).toBe('done');
    const [sent] = pinPosts();
    expect(pinPosts()).toHaveLength(1);
    expect(sent.status).toBe(201);
    // the emulator recorded the JSON body; the assertions below check each field
    const body = sent.body as {
      board_id: string;
      board_section_id: string;
      title: string;
      description: string;
      alt_text: string;
      link: string;
      media_source: { source_type: string; content_type: string; data: string };
    };
    expect(body.board_id).toBe(recipes.id);
    expect(body.board_section_id).toBe(recipes.sections.Dinner);
    expect(body.title).toBe('Tomato soup');
    expect(body.description).toBe('A warm soup for cold evenings.');
    expect(body.alt_text).toBe('Tomato soup in a blue bowl');
    const link = new URL(body.link);
    expect(`${link.origin}${link.pathname}`).toBe('https://blog.example.com/tomato-soup');
    expect(link.searchParams.get('utm_source')).toBe('pinterest');
    expect(link.searchParams.get('utm_medium')).toBe('social');
    expect(link.searchParams.get('utm_content')).toMatch(/^strapi-[0-9a-f]{16}$/);
    // the local upload provider's URL is not public: the bytes go as base64 (PNG allowed)
    expect(body.media_source.source_type).toBe('image_base64');
    expect(body.media_source.content_type).toBe('image/png');
    expect(Buffer.from(body.media_source.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(sent.headers.authorization).not.toContain(TOKEN);

    const record = await recordFor(documentId);
    const pin = [...emulator.state.pins.values()].find(
      (p) => p.board_id === recipes.id && p.title === 'Tomato soup'
    );
    expect(pin).toBeDefined();
    expect(record).toMatchObject({
      status: 'pinned',
      pinId: pin!.id,
      boardId: recipes.id,
      boardSectionId: recipes.sections.Dinner,
      mediaSource: 'image_base64',
    });
  });

  it('records the pin and ends its job at one commit', async () => {
    const hero = await uploadImage(strapi, { format: 'jpeg' });
    const statements: Array<{ sql: string; bindings: unknown[] }> = [];
    const onQuery = (q: { sql: string; bindings?: unknown[] }) =>
      statements.push({ sql: q.sql.trim(), bindings: q.bindings ?? [] });
    strapi.db.connection.on('query', onQuery);
    let documentId: string;
    try {
      documentId = await publishArticle({
        title: 'One commit',
        hero: hero.id,
        pinterest: { boardId: boards.Travel.id },
      });
      expect((await settledJob(documentId)).state).toBe('done');
    } finally {
      strapi.db.connection.off('query', onQuery);
    }
    const record = (await recordFor(documentId)) as { id: number; pinId: string; status: string };
    expect(record).toMatchObject({ status: 'pinned' });
    // the UPDATE that marks the record pinned, and the one that ends the job
    const pinnedAt = statements.findIndex(
      (s) =>
        /^update\s+\S*pinterest_pin_records\S*\s+set\s+\S*status/i.test(s.sql) &&
        s.bindings.includes('pinned') &&
        s.bindings.includes(record.pinId)
    );
    const endedAt = statements.findIndex(
      (s, i) =>
        i > pinnedAt &&
        /^update\s+\S*pinterest_jobs/i.test(s.sql) &&
        /THEN 'waiting' ELSE 'done'/.test(s.sql)
    );
    expect(pinnedAt).toBeGreaterThan(0);
    expect(endedAt).toBeGreaterThan(pinnedAt);
    const between = statements.slice(pinnedAt, endedAt + 1).map((s) => s.sql);
    const before = statements.slice(0, pinnedAt).map((s) => s.sql);
    // inside one transaction: opened before the record's update, not committed before the job ends
    expect(before.map((sql) => /^BEGIN/i.test(sql)).lastIndexOf(true)).toBeGreaterThan(
      before.map((sql) => /^COMMIT/i.test(sql)).lastIndexOf(true)
    );
    expect(between.filter((sql) => /^(COMMIT|ROLLBACK)/i.test(sql))).toEqual([]);
    // the SEO checklist rides on that UPDATE: no statement of its own for the entry's only pin
    expect(statements[pinnedAt].sql).toMatch(/seo_score/);
    expect(between.filter((sql) => /^update\s+\S*pinterest_pin_records/i.test(sql))).toHaveLength(
      1
    );
    const stored = (await strapi.db
      .query('plugin::pinterest.pin-record')
      .findOne({ where: { id: record.id } })) as {
      seo: { score: number } | null;
      seoScore: number;
    };
    expect(stored.seo?.score).toBe(stored.seoScore);
    expect(stored.seoScore).toBeGreaterThan(0);
  });

  it('never makes a second pin when the entry is published again', async () => {
    const hero = await uploadImage(strapi, { format: 'jpeg' });
    const documentId = await publishArticle({
      title: 'Once only',
      hero: hero.id,
      pinterest: { boardId: boards.Travel.id },
    });
    await settledJob(documentId);
    // published again unchanged: nothing to send
    await strapi.documents(ARTICLE).publish({ documentId });
    await waitFor(
      async () => (await jobFor(documentId))?.result?.outcome === 'already-pinned',
      'the unchanged re-publish'
    );
    // published again with an edit: the same pin is updated, not duplicated
    await strapi.documents(ARTICLE).update({ documentId, data: { excerpt: 'edited' } as never });
    await strapi.documents(ARTICLE).publish({ documentId });
    await waitFor(
      async () => (await jobFor(documentId))?.result?.outcome === 'updated',
      'the edited re-publish'
    );
    expect(pinPosts()).toHaveLength(1);
    expect(emulator.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    const records = await strapi.db
      .query('plugin::pinterest.pin-record')
      .findMany({ where: { entryDocumentId: documentId } });
    expect(records).toHaveLength(1);
  });

  it('cuts a 150-character title to 100 at a word boundary', async () => {
    const hero = await uploadImage(strapi);
    const title =
      'Grandmother’s slow roasted tomato and basil soup with garlic croutons, smoked paprika oil and a swirl of cream for cold nights';
    expect(title.length).toBeGreaterThanOrEqual(120);
    const long = `${title} and more`.padEnd(150, '!');
    const documentId = await publishArticle({
      title: long.slice(0, 150),
      hero: hero.id,
      pinterest: { boardId: boards.Recipes.id },
    });
    await settledJob(documentId);
    const sentTitle = (pinPosts()[0].body as { title: string }).title;
    expect([...sentTitle].length).toBeLessThanOrEqual(100);
    expect(sentTitle.endsWith('…')).toBe(true);
    expect(long.startsWith(sentTitle.slice(0, -1))).toBe(true);
    expect(long[sentTitle.length - 1]).toBe(' ');
  });

  it('uses the first line of the excerpt when there is no title', async () => {
    const hero = await uploadImage(strapi);
    const documentId = await publishArticle({
      excerpt: 'Five summer salads\nFresh, quick and cheap.',
      hero: hero.id,
      pinterest: { boardId: boards.Recipes.id },
    });
    await settledJob(documentId);
    expect(pinPosts()[0].body).toMatchObject({
      title: 'Five summer salads',
      description: 'Five summer salads Fresh, quick and cheap.',
    });
  });

  it('cuts a 900-character description to at most 500', async () => {
    const hero = await uploadImage(strapi);
    const excerpt = 'Pinterest is a search engine for ideas. '.repeat(23).trim();
    expect(excerpt.length).toBeGreaterThan(900);
    const documentId = await publishArticle({
      title: 'Long read',
      excerpt,
      hero: hero.id,
      pinterest: { boardId: boards.Recipes.id },
    });
    await settledJob(documentId);
    const description = (pinPosts()[0].body as { description: string }).description;
    expect([...description].length).toBeLessThanOrEqual(500);
    expect(excerpt.startsWith(description.slice(0, -1))).toBe(true);
  });
});

describe('the job write fails during the publish', () => {
  it('the entry is still published (the job is left to the reconcile pass) and the next publish records its job', async () => {
    const hero = await uploadImage(strapi, { width: 1000, height: 1500 });
    const draft = await strapi.documents(ARTICLE).create({
      data: {
        title: 'Published without its job',
        excerpt: 'The job table refuses writes for a moment.',
        canonicalUrl: 'https://blog.example.com/no-job',
        hero: hero.id,
        pinterest: { boardId: boards.Recipes.id },
      } as never,
    });
    const knex = strapi.db.connection;
    await knex.raw(
      "CREATE TRIGGER refuse_jobs BEFORE INSERT ON pinterest_jobs BEGIN SELECT RAISE(ABORT, 'jobs refused'); END"
    );
    const errors: string[] = [];
    const logError = strapi.log.error.bind(strapi.log);
    strapi.log.error = ((m: string) => {
      errors.push(String(m));
    }) as typeof strapi.log.error;
    try {
      await strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
    } finally {
      strapi.log.error = logError;
      await knex.raw('DROP TRIGGER refuse_jobs');
    }
    // the publish committed without the job, and said why
    const published = await strapi
      .documents(ARTICLE)
      .findOne({ documentId: draft.documentId, status: 'published' });
    expect(published?.title).toBe('Published without its job');
    expect(await jobFor(draft.documentId)).toBeUndefined();
    expect(errors).toEqual([
      expect.stringContaining(`could not record the pin job for ${ARTICLE} ${draft.documentId}`),
    ]);
    // publishing again records the job, and the entry is pinned once
    await strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
    expect((await settledJob(draft.documentId)).state).toBe('done');
    expect(pinPosts().filter((r) => JSON.stringify(r.body).includes('no-job'))).toHaveLength(1);
  });
});

describe('bad input: a clear error on the job, the entry still published, nothing sent', () => {
  it('no hero image → MEDIA_REQUIRED', async () => {
    const documentId = await publishArticle({
      title: 'Words only',
      pinterest: { boardId: boards.Recipes.id },
    });
    const job = await settledJob(documentId);
    expect(job.state).toBe('failed');
    expect(job.lastError).toMatchObject({ code: 'MEDIA_REQUIRED', retryable: false });
    expect(job.lastError!.advice).toMatch(/^Add an image or a video to this entry/);
    expect(pinPosts()).toHaveLength(0);
    const published = await strapi.documents(ARTICLE).findOne({ documentId, status: 'published' });
    expect(published?.title).toBe('Words only');
  });

  it('an SVG hero → MEDIA_UNSUPPORTED naming the format', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="300"><rect width="200" height="300"/></svg>'
    );
    const file = await uploadFile(strapi, svg, 'logo', 'svg');
    const documentId = await publishArticle({
      title: 'Vector',
      hero: file.id,
      pinterest: { boardId: boards.Recipes.id },
    });
    const job = await settledJob(documentId);
    expect(job.lastError).toMatchObject({ code: 'MEDIA_UNSUPPORTED' });
    expect(job.lastError!.message).toMatch(/SVG/);
    expect(pinPosts()).toHaveLength(0);
  });

  it('no board → BOARD_REQUIRED, said in editors’ words', async () => {
    const hero = await uploadImage(strapi);
    const documentId = await publishArticle({ title: 'Where to?', hero: hero.id });
    const job = await settledJob(documentId);
    expect(job.lastError).toMatchObject({ code: 'BOARD_REQUIRED' });
    expect(job.lastError!.message).toMatch(/^No Pinterest board was chosen/);
    expect(pinPosts()).toHaveLength(0);
  });

  it('a board that does not exist → BOARD_NOT_FOUND from Pinterest, not retried', async () => {
    const hero = await uploadImage(strapi);
    const documentId = await publishArticle({
      title: 'Ghost board',
      hero: hero.id,
      pinterest: { boardId: '999999999999999999' },
    });
    const job = await settledJob(documentId);
    expect(job.lastError).toMatchObject({
      code: 'BOARD_NOT_FOUND',
      pinterestCode: 40,
      httpStatus: 404,
    });
    expect(pinPosts()).toHaveLength(1);
    expect((await recordFor(documentId))?.status).toBe('failed');
  });

  it('an invalid field value is refused with a 400 before anything is stored', async () => {
    await expect(
      strapi
        .documents(ARTICLE)
        .create({ data: { title: 'x', pinterest: { boardId: 'not-digits' } } as never })
    ).rejects.toThrow(/pinterest.boardId: must be a Pinterest id/);
  });
});

describe('every way of publishing pins', () => {
  it('REST create with status=published', async () => {
    const token = await fullAccessApiToken(strapi);
    const hero = await uploadImage(strapi);
    const res = await request(strapi.server.httpServer)
      .post('/api/articles?status=published')
      .set('Authorization', `Bearer ${token}`)
      .send({
        data: { title: 'Via REST', hero: hero.id, pinterest: { boardId: boards.Travel.id } },
      });
    expect(res.status).toBe(201);
    const job = await settledJob(res.body.data.documentId);
    expect(job.state).toBe('done');
    expect(pinPosts().map((r) => (r.body as { title: string }).title)).toEqual(['Via REST']);
  });

  it('REST with an invalid pin field → 400 with the field named', async () => {
    const token = await fullAccessApiToken(strapi);
    const res = await request(strapi.server.httpServer)
      .post('/api/articles?status=published')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Bad', pinterest: { boardId: '1', title: 'x'.repeat(1001) } } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /pinterest.title: title override must be at most 1000 characters/
    );
  });

  it('the Content Manager publish action', async () => {
    const jwt = await registerSuperAdmin(strapi);
    const hero = await uploadImage(strapi);
    const draft = await strapi.documents(ARTICLE).create({
      data: {
        title: 'Via the admin',
        hero: hero.id,
        pinterest: { boardId: boards.Recipes.id },
      } as never,
    });
    const res = await request(strapi.server.httpServer)
      .post(`/content-manager/collection-types/${ARTICLE}/${draft.documentId}/actions/publish`)
      .set('Authorization', `Bearer ${jwt}`)
      .send({});
    expect(res.status).toBe(200);
    const job = await settledJob(draft.documentId);
    expect(job.state).toBe('done');
    expect(pinPosts()).toHaveLength(1);

    // the admin route gives the entry's pins and jobs, without any secret
    const pins = await request(strapi.server.httpServer)
      .get(`/pinterest/entries/${ARTICLE}/${draft.documentId}/pins`)
      .set('Authorization', `Bearer ${jwt}`);
    expect(pins.body.error ?? null).toBeNull();
    expect(pins.status).toBe(200);
    expect(pins.body.pins).toHaveLength(1);
    expect(pins.body.pins[0]).toMatchObject({
      status: 'pinned',
      boardId: boards.Recipes.id,
      pinUrl: expect.stringMatching(/^https:\/\/www\.pinterest\.com\/pin\/\d+\/$/),
    });
    expect(pins.body.jobs[0]).toMatchObject({ state: 'done', kind: 'pin.entry' });
    expect(JSON.stringify(pins.body)).not.toContain(TOKEN);
    const status = await request(strapi.server.httpServer)
      .get('/pinterest/status')
      .set('Authorization', `Bearer ${jwt}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ connected: true, environment: 'custom' });
    expect(JSON.stringify(status.body)).not.toContain(TOKEN);
  });

  it('admin routes need a session', async () => {
    const res = await request(strapi.server.httpServer).get(
      `/pinterest/entries/${ARTICLE}/abc/pins`
    );
    expect(res.status).toBe(401);
  });
});

describe('Pinterest unreachable', () => {
  it('retries the job later and pins once Pinterest answers again; nothing is lost', async () => {
    const hero = await uploadImage(strapi);
    emulator.setFault({ method: 'POST', path: '/v5/pins', destroySocket: true, times: 2 });
    const documentId = await publishArticle({
      title: 'Patience',
      hero: hero.id,
      pinterest: { boardId: boards.Recipes.id },
    });
    const waiting = await waitFor(async () => {
      const job = await jobFor(documentId);
      return job && job.state === 'waiting' && job.lastError ? job : null;
    }, 'the job to wait after a failure');
    expect(waiting.lastError!.retryable).toBe(true);
    const done = await waitFor(async () => {
      const job = await jobFor(documentId);
      return job?.state === 'done' ? job : null;
    }, 'the job to succeed after the faults');
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    const pins = [...emulator.state.pins.values()].filter((p) => p.title === 'Patience');
    expect(pins).toHaveLength(1);
    expect((await recordFor(documentId))?.status).toBe('pinned');
  });

  it('a create whose answer was lost is found on the board by its marker, not made twice', async () => {
    const hero = await uploadImage(strapi);
    // Pinterest creates the pin, then the connection drops before the answer arrives
    emulator.setFault({
      method: 'POST',
      path: '/v5/pins',
      after: 'handler',
      destroySocket: true,
      times: 1,
    });
    const documentId = await publishArticle({
      title: 'Lost answer',
      hero: hero.id,
      canonicalUrl: 'https://blog.example.com/lost',
      pinterest: { boardId: boards.Travel.id },
    });
    const job = await waitFor(async () => {
      const j = await jobFor(documentId);
      return j?.state === 'done' ? j : null;
    }, 'the job to adopt the pin');
    expect(job.result).toMatchObject({ outcome: 'pinned', adopted: true });
    const pins = [...emulator.state.pins.values()].filter((p) => p.title === 'Lost answer');
    expect(pins).toHaveLength(1);
    expect((await recordFor(documentId))?.pinId).toBe(pins[0].id);
    expect(
      emulator.requests.some(
        (r) => r.method === 'GET' && r.path === `/v5/boards/${boards.Travel.id}/pins`
      )
    ).toBe(true);
  });

  it('waits while the emulator is down and pins once it is back on the same address', async () => {
    const hero = await uploadImage(strapi);
    const port = emulator.port;
    await emulator.close();
    const documentId = await publishArticle({
      title: 'Down and up',
      hero: hero.id,
      pinterest: { boardId: boards['Home & Garden'].id },
    });
    const waiting = await waitFor(async () => {
      const j = await jobFor(documentId);
      return j && j.state === 'waiting' && j.lastError?.code === 'PINTEREST_UNREACHABLE' ? j : null;
    }, 'the job to wait with PINTEREST_UNREACHABLE');
    expect(waiting.lastError!.advice).toMatch(/tried again automatically/);
    expect(
      (await strapi.documents(ARTICLE).findOne({ documentId, status: 'published' }))?.title
    ).toBe('Down and up');
    emulator = await startEmulator({ port });
    const done = await waitFor(async () => {
      const j = await jobFor(documentId);
      return j?.state === 'done' ? j : null;
    }, 'the job to finish once the emulator is back');
    expect(done.result).toMatchObject({ outcome: 'pinned' });
    expect([...emulator.state.pins.values()].filter((p) => p.title === 'Down and up')).toHaveLength(
      1
    );
  });
});
