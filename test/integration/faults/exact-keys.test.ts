/**
 * Cancels match exact job keys (issue 15, item 5): withdrawing the `fr` locale leaves the scheduled
 * `fr-CA` pin waiting; cancelling a campaign pin for board 123 leaves board 1234's; a whole
 * document's withdrawal takes all its locales and nothing of another document. Real Strapi,
 * real database; the jobs are scheduled far ahead, so the worker leaves them alone.
 */
import type { Core } from '@strapi/strapi';
import { keyWhere } from '../../../server/src/queue/job-store';
import { bootStrapi, type BootedStrapi } from '../../helpers/strapi';

const ARTICLE = 'api::article.article';
const JOB = 'plugin::pinterest.job';
let booted: BootedStrapi;
let strapi: Core.Strapi;
const tomorrow = () => Date.now() + 24 * 3_600_000;

beforeAll(async () => {
  booted = await bootStrapi({ PINTEREST_API_URL: 'http://127.0.0.1:9/v5' });
  strapi = booted.strapi;
}, 120_000);

afterAll(async () => {
  await booted?.destroy();
});

const pins = () => strapi.plugin('pinterest').service('pins');
const stateOf = async (key: string) =>
  ((await strapi.db.query(JOB).findOne({ where: { key } })) as { state: string }).state;
const schedule = (documentId: string, locale: string) =>
  pins().enqueueEntry(
    { contentType: ARTICLE, documentId, locale },
    { runAt: tomorrow(), kick: false }
  );

it('withdrawing fr cancels fr only, not fr-CA', async () => {
  await schedule('docA', 'fr');
  await schedule('docA', 'fr-CA');
  await pins().entryWithdrawn(
    { contentType: ARTICLE, documentId: 'docA', locale: 'fr' },
    { deleted: false }
  );
  expect(await stateOf(`pin.entry:${ARTICLE}:docA:fr`)).toBe('cancelled');
  expect(await stateOf(`pin.entry:${ARTICLE}:docA:fr-CA`)).toBe('waiting');
});

it('withdrawing a whole document takes its locales and nothing of docB1', async () => {
  await schedule('docB', 'en');
  await schedule('docB', 'de');
  await schedule('docB1', 'en');
  await pins().entryWithdrawn(
    { contentType: ARTICLE, documentId: 'docB', locale: null },
    { deleted: false }
  );
  expect(await stateOf(`pin.entry:${ARTICLE}:docB:en`)).toBe('cancelled');
  expect(await stateOf(`pin.entry:${ARTICLE}:docB:de`)).toBe('cancelled');
  expect(await stateOf(`pin.entry:${ARTICLE}:docB1:en`)).toBe('waiting');
});

it('cancelling the campaign pin for board 123 leaves board 1234', async () => {
  const key = (board: string) => `pin.campaign:7:${ARTICLE}:docC:default:${board}`;
  const make = (board: string) =>
    strapi.db.query(JOB).create({
      data: {
        key: key(board),
        kind: 'pin.campaign',
        state: 'waiting',
        payload: { campaignId: 7, itemId: Number(board) },
        attempts: 0,
        runAt: tomorrow(),
        requeue: false,
      },
    });
  const short = await make('123');
  await make('1234');
  const outcome = await pins().cancelJob(short.id);
  expect(outcome.outcome).toBe('cancelled');
  expect(await stateOf(key('123'))).toBe('cancelled');
  expect(await stateOf(key('1234'))).toBe('waiting');
});

it('a key prefix that does not end at a separator is refused', () => {
  expect(() => keyWhere({ prefix: `pin.entry:${ARTICLE}:docA:fr` })).toThrow(/must end with “:”/);
  expect(keyWhere({ prefix: `pin.entry:${ARTICLE}:docA:` })).toEqual({
    $startsWith: `pin.entry:${ARTICLE}:docA:`,
  });
  expect(keyWhere({ key: 'k' })).toBe('k');
});
