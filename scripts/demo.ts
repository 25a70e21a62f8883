/**
 * `npm run demo`: the Pinterest emulator and the playground Strapi together, offline, seeded so
 * that every feature shows at once (scripts/lib/demo-seed.ts): pins with weeks of analytics, drafts
 * to publish (one with a video for the cover picker), a scheduled pin, a finished and a running
 * re-pin campaign. Keeps running so you can log in and try it. `PORT` and `EMULATOR_PORT` change
 * its ports (1337 and 3900).
 */
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../emulator/src';
import { bootPlayground } from './lib/boot-playground';
import { demoEnv, seedDemo } from './lib/demo-seed';
import { ensureEverythingBuilt } from './lib/ensure-built';
import { playgroundDir } from './lib/playground-build';

const EMULATOR_PORT = Number(process.env.EMULATOR_PORT ?? 3900);
const STRAPI_PORT = Number(process.env.PORT ?? 1337);

const log = (m: string) => console.log(`[demo] ${m}`);

async function main() {
  const started = Date.now();
  await ensureEverythingBuilt(log);

  const emulator = await startEmulator({ port: EMULATOR_PORT });
  log(`Pinterest emulator on ${emulator.url}`);

  const dbFile = path.join(playgroundDir, '.tmp', 'demo.db');
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  ['', '-wal', '-shm', '-journal'].forEach((s) => fs.rmSync(dbFile + s, { force: true }));
  const strapiUrl = `http://127.0.0.1:${STRAPI_PORT}`;
  Object.assign(process.env, {
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'warn',
    STRAPI_STARTUP_LOG: 'false',
    HOST: '127.0.0.1',
    PORT: String(STRAPI_PORT),
    DATABASE_FILENAME: dbFile,
    ...demoEnv(emulator),
    // Strapi's own uploads are served on loopback: let the emulator fetch them as Pinterest would
    PINTEREST_PUBLIC_URL: strapiUrl,
    PINTEREST_MEDIA_HOST_ALLOWLIST: `127.0.0.1:${STRAPI_PORT}`,
  });
  const { strapi, url } = await bootPlayground();

  // Strapi destroys itself and exits on SIGINT and SIGTERM (a handler of its own): the demo only
  // closes the emulator alongside, and never destroys Strapi a second time
  const onSignal = () => {
    emulator.close().catch((e: unknown) => console.error(e));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const seed = await seedDemo(strapi, { emulatorUrl: emulator.url, log });
  const edit = (documentId: string) =>
    `${url}/admin/content-manager/collection-types/api::article.article/${documentId}`;
  const lines = [
    '',
    `  Admin:  ${url}/admin   (${seed.admin.email} / ${seed.admin.password})`,
    '',
    `  Analytics, with ${seed.pinned.length} pins' history:  ${url}/admin/plugins/pinterest/analytics`,
    `  Re-pin campaigns (one done, one running):  ${url}/admin/plugins/pinterest/campaigns`,
    `  A pinned article and its stats:  ${edit(seed.pinned[0].documentId)}`,
    `  A video: pick its cover frame, then publish:  ${edit(seed.video.documentId)}`,
    `  A scheduled pin (${seed.scheduled.pinAt}):  ${edit(seed.scheduled.documentId)}`,
    `  A draft to publish, then watch its pin in ${emulator.url}/_emulator/state:  ${edit(seed.herbs.documentId)}`,
    `  Settings:  ${url}/admin/settings/pinterest`,
    `  The admin speaks English and French (your profile's Interface language).`,
    '',
    `  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl+C stops the demo.`,
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
