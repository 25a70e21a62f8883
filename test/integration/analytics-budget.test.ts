/**
 * The sync under a tight org_analytics budget: when the shared limiter says a turn is further away
 * than a job would wait, the run waits for it (it is seconds away) instead of ending the run with
 * "rate limited" after the first call. The outcome is asserted, not the timing.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startEmulator, type Emulator } from '../../emulator/src';
import { getService } from '../../server/src/utils/get-service';
import { bootStrapi, type BootedStrapi } from '../helpers/strapi';

const DAY = 86_400_000;
let emulator: Emulator;
let booted: BootedStrapi;
let strapi: Core.Strapi;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  booted = await bootStrapi({
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_WORKER_ENABLED: 'false',
    PINTEREST_ANALYTICS_RULE: '0 0 0 1 1 *',
    PINTEREST_ANALYTICS_MULTI_PIN: 'never',
    // 40 calls a minute (one every 1.5 s) while a caller waits at most 1 s (a third of a 3 s lease)
    PINTEREST_RATE_PROFILE: 'standard',
    PINTEREST_RATE_ORG_ANALYTICS: '40',
    PINTEREST_WORKER_LEASE_MS: '3000',
  });
  strapi = booted.strapi;
});

afterAll(async () => {
  await booted?.destroy();
  await emulator?.close();
});

it('waits for its turns within the run and syncs every due pin', async () => {
  const now = Date.now();
  for (let i = 0; i < 3; i += 1) {
    const before = new Set(emulator.state.pins.keys());
    const created = new Date(now - (5 + i) * DAY);
    await request(emulator.url)
      .post('/_emulator/seed')
      .send({ pins: [{ board: 'Recipes', title: `Pin ${i}`, created_at: created.toISOString() }] });
    const pinId = [...emulator.state.pins.keys()].find((k) => !before.has(k))!;
    await strapi.db.query('plugin::pinterest.pin-record').create({
      data: {
        contentType: 'api::article.article',
        entryDocumentId: `doc${i}`,
        entryLocale: 'default',
        boardId: emulator.state.pins.get(pinId)!.board_id,
        marker: `m${i}`,
        pinId,
        status: 'pinned',
        mediaSource: 'image_url',
        pinnedAt: created,
      },
    });
  }
  const result = await getService(strapi, 'analytics').syncOnce({ now });
  expect(result).toMatchObject({ state: 'ok', calls: 3, pins: 3, remaining: 0 });
  expect(emulator.requests.filter((r) => /\/analytics$/.test(r.path)).map((r) => r.status)).toEqual(
    [200, 200, 200]
  );
});
