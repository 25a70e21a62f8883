/**
 * Issue 15, item 4: a create on board A had an unknown outcome (Pinterest made the pin, then
 * answered 500), and before the job tried again —
 * - the editor chose board B and published again: the plugin looks on A first, finds its pin by
 *   the marker and moves it to B (one pin, on B), instead of leaving an untracked pin on A;
 * - the entry was unpublished (onUnpublish: delete): the unpin looks on A, finds the pin and
 *   deletes it, instead of waiting forever for a create nobody will finish.
 * On a real Strapi (SQLite) and the emulator; each case asserts the emulator's pins.
 */
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../../emulator/src';
import { uploadImage } from '../../helpers/images';
import { bootStrapi, type BootedStrapi } from '../../helpers/strapi';
import { waitFor } from '../../helpers/wait-for';

const ARTICLE = 'api::article.article';
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;
let heroId: number;
let recipes: { id: string };
let travel: { id: string };

interface JobState {
  id: number;
  key: string;
  state: string;
  lastError: { code: string } | null;
}
const jobsOf = async (documentId: string) =>
  (await strapi.db
    .query('plugin::pinterest.job')
    .findMany({ where: { key: { $contains: documentId } } })) as JobState[];
const jobOfKind = async (documentId: string, kind: string) =>
  (await jobsOf(documentId)).find((j) => j.key.startsWith(`${kind}:`)) ?? null;
const recordsOf = (documentId: string) =>
  strapi.db.query('plugin::pinterest.pin-record').findMany({
    where: { entryDocumentId: documentId },
  }) as Promise<Array<{ boardId: string; pinId: string | null; status: string }>>;
const pinsTitled = (title: string) =>
  [...emulator.state.pins.values()].filter((p) => p.title === title);

/** Pinterest makes the next pin, then answers 500: its outcome is unknown to the plugin. */
const unknownOutcomeOnNextCreate = () =>
  emulator.setFault({ method: 'POST', path: '/v5/pins', after: 'handler', status: 500, times: 1 });

/** Publishes an entry whose first create has an unknown outcome; its job then waits to retry. */
async function publishWithUnknownOutcome(title: string): Promise<string> {
  unknownOutcomeOnNextCreate();
  const doc = await strapi.documents(ARTICLE).create({
    data: {
      title,
      canonicalUrl: `https://blog.example.com/${encodeURIComponent(title)}`,
      hero: heroId,
      pinterest: { boardId: recipes.id },
    } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
  const job = await waitFor(
    async () => {
      const j = await jobOfKind(doc.documentId, 'pin.entry');
      return j?.state === 'waiting' && j.lastError?.code === 'PINTEREST_ERROR' ? j : null;
    },
    'the create to fail with an unknown outcome',
    30_000,
    50
  );
  // its next try is a backoff away (long here, so the editor acts first)
  await strapi.db
    .query('plugin::pinterest.job')
    .update({ where: { id: job.id }, data: { runAt: Date.now() + 3_600_000 } });
  expect(pinsTitled(title)).toHaveLength(1);
  expect(pinsTitled(title)[0].board_id).toBe(recipes.id);
  return doc.documentId;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_ON_UNPUBLISH: 'delete',
    PINTEREST_RETRY_BASE_MS: '600000',
    PINTEREST_WORKER_POLL_MS: '200',
  });
  strapi = booted.strapi;
  heroId = (await uploadImage(strapi, { width: 1000, height: 1500, format: 'jpeg' })).id;
  const boards = [...emulator.state.boards.values()];
  recipes = boards.find((b) => b.name === 'Recipes')!;
  travel = boards.find((b) => b.name === 'Travel')!;
}, 120_000);

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

it('board changed after an unknown outcome: the pin made on the old board is found and moved', async () => {
  const documentId = await publishWithUnknownOutcome('Moved after unknown');
  await strapi.documents(ARTICLE).update({
    documentId,
    data: { pinterest: { boardId: travel.id } } as never,
  });
  await strapi.documents(ARTICLE).publish({ documentId });
  await waitFor(
    async () => (await jobOfKind(documentId, 'pin.entry'))?.state === 'done',
    'the pin job to finish',
    30_000,
    100
  );
  const pins = pinsTitled('Moved after unknown');
  expect(pins).toHaveLength(1);
  expect(pins[0].board_id).toBe(travel.id);
  const records = await recordsOf(documentId);
  expect(records).toEqual([
    expect.objectContaining({ boardId: travel.id, pinId: pins[0].id, status: 'pinned' }),
  ]);
});

it('unpublished after an unknown outcome: the unpin finds the pin on the board and deletes it', async () => {
  const documentId = await publishWithUnknownOutcome('Withdrawn after unknown');
  await strapi.documents(ARTICLE).unpublish({ documentId });
  const unpin = await waitFor(
    async () => {
      const j = await jobOfKind(documentId, 'pin.unpin');
      return j && (j.state === 'done' || j.state === 'failed') ? j : null;
    },
    'the unpin job to settle',
    30_000,
    100
  );
  expect(unpin).toMatchObject({ state: 'done' });
  expect(pinsTitled('Withdrawn after unknown')).toHaveLength(0);
  expect(await recordsOf(documentId)).toEqual([expect.objectContaining({ status: 'deleted' })]);
});
