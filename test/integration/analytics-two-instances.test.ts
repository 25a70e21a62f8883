/**
 * Two Strapi processes on one database, both running the analytics schedule every second, with the
 * analytics budget paced so that a run lasts seconds and the two schedules overlap: every pin's
 * analytics are asked for exactly once — the sync's lease lives in the database, not in a process.
 */
import Database from 'better-sqlite3';
import request from 'supertest';
import { startEmulator, type Emulator } from '../../emulator/src';
import { startInstances, type StrapiProcess } from '../helpers/strapi-process';
import { removeSqliteFiles, tempDbFile } from '../helpers/strapi';
import { waitFor } from '../helpers/wait-for';

const DAY = 86_400_000;
const PINS = 24;
let emulator: Emulator;
const instances: StrapiProcess[] = [];
const dbFile = tempDbFile('analytics-two-instances');

const analyticsCalls = () =>
  emulator.requests.filter((r) => /^\/v5\/pins\/\d+\/analytics$/.test(r.path));

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const env = {
    DATABASE_FILENAME: dbFile,
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
    PINTEREST_WORKER_ENABLED: 'false',
    PINTEREST_ANALYTICS_RULE: '* * * * * *',
    PINTEREST_ANALYTICS_MULTI_PIN: 'never',
    // 600 calls a minute: one every 100 ms, so a run over all pins takes seconds
    PINTEREST_RATE_PROFILE: 'standard',
    PINTEREST_RATE_ORG_ANALYTICS: '600',
  };
  await startInstances(env, instances);
}, 180_000);

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await emulator?.close();
  removeSqliteFiles(dbFile);
});

it('syncs each pin once although both instances run the analytics schedule', async () => {
  // pins on Pinterest, and their records in the shared database, written in one transaction
  const seed = Array.from({ length: PINS }, (_, i) => ({
    board: 'Recipes',
    title: `Pin ${i}`,
    created_at: new Date(Date.now() - (5 + i) * DAY).toISOString(),
  }));
  expect((await request(emulator.url).post('/_emulator/seed').send({ pins: seed })).status).toBe(
    200
  );
  const pins = [...emulator.state.pins.values()];
  expect(pins).toHaveLength(PINS);
  const db = new Database(dbFile);
  const insert = db.prepare(
    `INSERT INTO pinterest_pin_records (content_type, entry_document_id, entry_locale, board_id, marker, pin_id, status, media_source, pinned_at, created_at, updated_at, published_at)
     VALUES ('api::article.article', ?, 'default', ?, ?, ?, 'pinned', 'image_url', ?, ?, ?, ?)`
  );
  db.transaction(() => {
    for (const [i, p] of pins.entries()) {
      const t = Date.parse(p.created_at);
      insert.run(`doc${i}`, p.board_id, `m${i}`, p.id, t, t, t, t);
    }
  })();
  db.close();

  await waitFor(() => analyticsCalls().length >= PINS, `${PINS} analytics calls`, 60_000, 100);
  // both schedules keep ticking every second: give them time to (wrongly) ask again
  await new Promise((r) => setTimeout(r, 4_000));
  const perPin = new Map<string, number>();
  for (const c of analyticsCalls()) perPin.set(c.path, (perPin.get(c.path) ?? 0) + 1);
  expect(perPin.size).toBe(PINS);
  expect([...perPin.values()].every((n) => n === 1)).toBe(true);
  expect(analyticsCalls().every((c) => c.status === 200)).toBe(true);

  const check = new Database(dbFile, { readonly: true });
  const synced = check
    .prepare('SELECT COUNT(*) AS n FROM pinterest_pin_analytics WHERE last_synced_at IS NOT NULL')
    .get() as { n: number };
  const lease = check
    .prepare("SELECT owner FROM pinterest_leases WHERE name = 'analytics-sync'")
    .get() as { owner: string | null } | undefined;
  check.close();
  expect(synced.n).toBe(PINS);
  expect(lease).toBeDefined();
  for (const i of instances)
    expect(i.output()).not.toMatch(/SQLITE_BUSY|Error|analytics sync failed/);
});
