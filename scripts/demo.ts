/**
 * `npm run demo`: the Pinterest emulator and the playground Strapi together, offline.
 * Creates an admin, puts a few articles with real images in the media library, publishes one,
 * prints the pin that resulted, and keeps running so you can log in and try it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { startEmulator } from '../emulator/src';
import { bootPlayground } from './lib/boot-playground';
import { ensureEverythingBuilt } from './lib/ensure-built';
import { playgroundDir } from './lib/playground-build';
import { sampleCard } from './lib/sample-images';

const EMULATOR_PORT = Number(process.env.EMULATOR_PORT ?? 3900);
const STRAPI_PORT = Number(process.env.PORT ?? 1337);
const ADMIN = {
  firstname: 'Demo',
  lastname: 'Editor',
  email: 'demo@example.com',
  password: 'Pinterest-Demo-2026',
};
const TOKEN = 'pina_emulator_static_token';

const ARTICLES = [
  {
    title: 'Tomato soup for cold evenings',
    excerpt: 'A warm, five-ingredient soup that tastes like late summer.',
    board: 'Recipes',
    section: 'Dinner',
    colors: ['#e60023', '#ff9a3c'] as [string, string],
    publish: true,
  },
  {
    title: 'Three days in Lisbon',
    excerpt: 'Trams, tiles and pastéis de nata: a slow itinerary.',
    board: 'Travel',
    section: 'Europe',
    colors: ['#0f4c81', '#5fb4e6'] as [string, string],
    publish: false,
  },
  {
    title: 'A balcony herb garden',
    excerpt: 'Basil, thyme and mint in pots that survive a busy week.',
    board: 'Home & Garden',
    section: null,
    colors: ['#2e7d32', '#a5d6a7'] as [string, string],
    publish: false,
  },
];

const log = (m: string) => console.log(`[demo] ${m}`);

/** The Strapi admin services the demo calls (Strapi types their methods as `any`). */
interface RoleService {
  getSuperAdmin(): Promise<{ id: number } | null>;
}
interface AdminUserService {
  create(data: typeof ADMIN & { isActive: boolean; roles: number[] }): Promise<unknown>;
}
interface UploadService {
  upload(input: unknown): Promise<Array<{ id: number }>>;
}

/** The columns of the plugin's rows the demo reads. */
const pinRecordRow = z.object({ pinId: z.string().nullish(), lastError: z.unknown() }).nullable();
const jobRow = z.object({ lastError: z.unknown() }).nullable();

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
    PINTEREST_API_URL: emulator.apiUrl,
    PINTEREST_OAUTH_URL: `${emulator.url}/oauth/`,
    PINTEREST_ACCESS_TOKEN: TOKEN,
    // Strapi's own uploads are served on loopback: let the emulator fetch them as Pinterest would
    PINTEREST_PUBLIC_URL: strapiUrl,
    PINTEREST_MEDIA_HOST_ALLOWLIST: `127.0.0.1:${STRAPI_PORT}`,
  });
  const { strapi, url } = await bootPlayground();

  const superAdmin = await (strapi.service('admin::role') as RoleService).getSuperAdmin();
  if (!superAdmin) throw new Error('Strapi has no Super Admin role');
  await (strapi.service('admin::user') as AdminUserService).create({
    ...ADMIN,
    isActive: true,
    roles: [superAdmin.id],
  });

  const boardIds = new Map([...emulator.state.boards.values()].map((b) => [b.name, b.id]));
  const sectionIds = new Map(
    [...emulator.state.sections.values()].map((s) => [`${s.boardId}/${s.name}`, s.id])
  );
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pinterest-demo-'));
  let published: string | null = null;
  for (const a of ARTICLES) {
    const file = path.join(tmp, `${a.title.toLowerCase().replace(/\W+/g, '-')}.jpg`);
    const bytes = await sampleCard(a.title, a.colors);
    fs.writeFileSync(file, bytes);
    const [hero] = await strapi
      .plugin('upload')
      .service<UploadService>('upload')
      .upload({
        data: {
          fileInfo: { name: path.basename(file), alternativeText: `${a.title}: title card` },
        },
        files: {
          filepath: file,
          originalFilename: path.basename(file),
          mimetype: 'image/jpeg',
          size: bytes.length,
        },
      });
    const boardId = boardIds.get(a.board)!;
    const doc = await strapi.documents('api::article.article').create({
      data: {
        title: a.title,
        excerpt: a.excerpt,
        body: `# ${a.title}\n\n${a.excerpt}`,
        canonicalUrl: `https://blog.example.com/${path.basename(file, '.jpg')}`,
        hero: hero.id,
        pinterest: {
          boardId,
          ...(a.section && { boardSectionId: sectionIds.get(`${boardId}/${a.section}`) }),
        },
      } as never,
    });
    if (a.publish) {
      await strapi.documents('api::article.article').publish({ documentId: doc.documentId });
      published = doc.documentId;
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const deadline = Date.now() + 30_000;
  let record: z.infer<typeof pinRecordRow> = null;
  while (Date.now() < deadline) {
    record = pinRecordRow.parse(
      await strapi.db
        .query('plugin::pinterest.pin-record')
        .findOne({ where: { entryDocumentId: published } })
    );
    if (record?.pinId) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log('');
  if (record?.pinId) {
    console.log(
      `  Pinned “${ARTICLES[0].title}” → pin ${record.pinId} (${emulator.url}/_emulator/state lists it)`
    );
  } else {
    const job = jobRow.parse(
      await strapi.db
        .query('plugin::pinterest.job')
        .findOne({ where: { key: { $contains: published } } })
    );
    console.log(
      `  The pin did not arrive: ${JSON.stringify(job?.lastError ?? record?.lastError ?? 'still waiting')}`
    );
    process.exitCode = 1;
  }
  console.log(`  Admin:  ${url}/admin   (${ADMIN.email} / ${ADMIN.password})`);
  console.log(
    `  Two more articles wait as drafts: publish one and watch it appear in the emulator.`
  );
  console.log(`  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl+C stops the demo.`);
  console.log('');

  const stop = async () => {
    await strapi.destroy();
    await emulator.close();
    process.exit(process.exitCode ?? 0);
  };
  const onSignal = () => {
    stop().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
