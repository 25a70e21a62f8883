/**
 * What `npm run demo` puts in a fresh playground so that every feature shows without setup:
 * an admin, pins with weeks of analytics history, drafts to publish (one with a video for the cover
 * picker), a scheduled pin, a finished and a running re-pin campaign. The browser test
 * test/browser/demo-tour.test.ts runs this same function and walks what it made.
 *
 * Everything goes through Strapi's and the plugin's services, and the emulator's control API
 * (`/_emulator/`), as an editor's clicks would; the one exception is the pins' history: they are
 * made while the emulator's clock stands weeks back, then their records are dated to match.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { CampaignDTO, CampaignInput } from '../../common/campaigns';
import type { PinRecordDTO } from '../../common/wire';
import type { AnalyticsService } from '../../server/src/services/analytics';
import { getService } from '../../server/src/utils/get-service';
import { sampleCard } from './sample-images';
import { SAMPLE_VIDEO } from './sample-video';

export const ARTICLE = 'api::article.article';
const DAY = 86_400_000;

export const DEMO_ADMIN = {
  firstname: 'Demo',
  lastname: 'Editor',
  email: 'demo@example.com',
  password: 'Pinterest-Demo-2026',
};

/**
 * The plugin's environment for the demo: the emulator's API with its static token, and its OAuth
 * app (with a fresh token encryption key), so Settings also offers "Connect" through the
 * emulator's consent page.
 */
export const demoEnv = (emulator: { url: string; apiUrl: string }): Record<string, string> => ({
  PINTEREST_API_URL: emulator.apiUrl,
  PINTEREST_OAUTH_URL: `${emulator.url}/oauth/`,
  PINTEREST_ACCESS_TOKEN: 'pina_emulator_static_token',
  PINTEREST_APP_ID: '1234567',
  PINTEREST_APP_SECRET: 'emulator-secret',
  PINTEREST_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
});

type Colors = [string, string];
type SyncResult = Awaited<ReturnType<AnalyticsService['syncOnce']>>;

/** Articles pinned weeks ago: their pins have history for the dashboard and the side panel. */
const PINNED = [
  {
    title: 'Tomato soup for cold evenings',
    excerpt: 'A warm, five-ingredient soup that tastes like late summer.',
    board: 'Recipes',
    section: 'Dinner',
    colors: ['#e60023', '#ff9a3c'] as Colors,
    daysAgo: 45,
  },
  {
    title: 'Three days in Lisbon',
    excerpt: 'Trams, tiles and pastéis de nata: a slow itinerary.',
    board: 'Travel',
    section: 'Europe',
    colors: ['#0f4c81', '#5fb4e6'] as Colors,
    daysAgo: 30,
  },
  {
    title: 'Overnight oats, five ways',
    excerpt: 'Breakfast made the night before, with what the cupboard holds.',
    board: 'Recipes',
    section: 'Breakfast',
    colors: ['#8d6e63', '#ffcc80'] as Colors,
    daysAgo: 18,
  },
];

const HERBS = {
  title: 'A balcony herb garden',
  excerpt: 'Basil, thyme and mint in pots that survive a busy week.',
  board: 'Home & Garden',
  colors: ['#2e7d32', '#a5d6a7'] as Colors,
};

const VIDEO = {
  title: 'A six-second kitchen timer',
  excerpt: 'Six seconds on the clock: choose the frame that makes the best cover.',
  board: 'Recipes',
};

const SCHEDULED = {
  title: 'Pumpkin bread for the weekend',
  excerpt: 'A loaf that keeps for days, if it lasts that long.',
  board: 'Recipes',
  colors: ['#ef6c00', '#ffe0b2'] as Colors,
  inDays: 3,
};

/** Older posts, published long ago and never pinned: what the re-pin campaigns take. */
const ARCHIVE = [
  { title: 'Lentil soup with lemon', campaign: 'finished', colors: ['#9e9d24', '#f0f4c3'] },
  { title: 'A slow winter stew', campaign: 'finished', colors: ['#6d4c41', '#d7ccc8'] },
  { title: 'Roast squash and sage', campaign: 'finished', colors: ['#f57f17', '#fff59d'] },
  { title: 'A long weekend in Porto', campaign: 'running', colors: ['#1565c0', '#90caf9'] },
  { title: 'Seville in the spring', campaign: 'running', colors: ['#ad1457', '#f8bbd0'] },
  { title: 'Walking the Lyon traboules', campaign: 'running', colors: ['#4527a0', '#b39ddb'] },
] as const satisfies ReadonlyArray<{ title: string; campaign: string; colors: Colors }>;

const CAMPAIGN_NAMES = {
  finished: 'Winter soups, pinned again',
  running: 'Travel archive, one pin a day',
};

export interface DemoPin {
  title: string;
  documentId: string;
  pinId: string;
  board: string;
  /** When the pin was made (weeks back). */
  pinnedAt: string;
}

/** What the demo made: what to look at, and what a test checks. */
export interface DemoSeed {
  admin: typeof DEMO_ADMIN;
  pinned: DemoPin[];
  herbs: { title: string; documentId: string };
  video: { title: string; documentId: string };
  scheduled: { title: string; documentId: string; pinAt: string };
  campaigns: { finished: CampaignDTO; running: CampaignDTO };
  analytics: SyncResult;
}

export interface SeedOptions {
  /** Base URL of the emulator (its control API is under /_emulator/). */
  emulatorUrl: string;
  log?: (message: string) => void;
  /** How long each wait (a pin, a campaign) may take. */
  timeoutMs?: number;
}

interface EmulatorBoard {
  id: string;
  name: string;
  sections: Array<{ id: string; name: string }>;
}

/** The Strapi admin services the demo calls (Strapi types their methods as `any`). */
interface RoleService {
  getSuperAdmin(): Promise<{ id: number } | null>;
}
interface AdminUserService {
  create(data: typeof DEMO_ADMIN & { isActive: boolean; roles: number[] }): Promise<unknown>;
}
interface UploadService {
  upload(input: unknown): Promise<Array<{ id: number }>>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const slug = (title: string) => title.toLowerCase().replace(/\W+/g, '-');

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null | undefined>,
  lastSeen: () => string = () => ''
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      const seen = lastSeen();
      throw new Error(
        `The demo gave up waiting for ${what}${seen ? ` (last seen: ${seen})` : ''}.`
      );
    }
    await sleep(200);
  }
}

export async function seedDemo(strapi: Core.Strapi, opts: SeedOptions): Promise<DemoSeed> {
  const log = opts.log ?? (() => undefined);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const pins = getService(strapi, 'pins');
  const campaigns = getService(strapi, 'campaigns');
  const documents = strapi.documents(ARTICLE);

  const control = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${opts.emulatorUrl}/_emulator/${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`The emulator's ${method} /_emulator/${route}: ${res.status}`);
    return res.json();
  };

  // the admin
  const superAdmin = await (strapi.service('admin::role') as RoleService).getSuperAdmin();
  if (!superAdmin) throw new Error('Strapi has no Super Admin role');
  await (strapi.service('admin::user') as AdminUserService).create({
    ...DEMO_ADMIN,
    isActive: true,
    roles: [superAdmin.id],
  });

  // the account's boards and sections, as the emulator has them
  const { boards } = (await control('GET', 'state')) as { boards: EmulatorBoard[] };
  const board = (name: string) => {
    const found = boards.find((b) => b.name === name);
    if (!found) throw new Error(`The emulator has no board ${name}`);
    return found;
  };
  const section = (boardName: string, name: string) => {
    const found = board(boardName).sections.find((s) => s.name === name);
    if (!found) throw new Error(`The emulator's board ${boardName} has no section ${name}`);
    return found.id;
  };

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pinterest-demo-'));
  const upload = async (file: string, mimetype: string, alternativeText: string) => {
    const [row] = await strapi
      .plugin('upload')
      .service<UploadService>('upload')
      .upload({
        data: { fileInfo: { name: path.basename(file), alternativeText } },
        files: {
          filepath: file,
          originalFilename: path.basename(file),
          mimetype,
          size: fs.statSync(file).size,
        },
      });
    return row.id;
  };
  const card = async (title: string, colors: Colors) => {
    const file = path.join(tmp, `${slug(title)}.jpg`);
    fs.writeFileSync(file, await sampleCard(title, colors));
    return upload(file, 'image/jpeg', `${title}: title card`);
  };
  const draft = async (
    title: string,
    excerpt: string,
    hero: number,
    pinterest: Record<string, unknown>
  ) =>
    (
      await documents.create({
        data: {
          title,
          excerpt,
          body: `# ${title}\n\n${excerpt}`,
          canonicalUrl: `https://blog.example.com/${slug(title)}`,
          hero,
          pinterest,
        } as never,
      })
    ).documentId;

  const pinnedRecord = (documentId: string, title: string) =>
    until<PinRecordDTO>(`the pin of “${title}”`, timeoutMs, async () => {
      const { pins: records, jobs } = await pins.entryPins(ARTICLE, documentId);
      const failed = jobs.find((j) => j.state === 'failed');
      if (failed) throw new Error(`“${title}” was not pinned: ${JSON.stringify(failed.lastError)}`);
      return records.find((r) => r.status === 'pinned' && r.pinId);
    });

  try {
    // pins made weeks ago: the emulator's clock stands at that day while the plugin pins, so the
    // pin's created_at (and with it its daily analytics) starts there; its record is dated to match
    const pinned: DemoPin[] = [];
    for (const a of PINNED) {
      const at = new Date(Date.now() - a.daysAgo * DAY);
      await control('POST', 'clock', { now: at.toISOString() });
      const documentId = await draft(a.title, a.excerpt, await card(a.title, a.colors), {
        boardId: board(a.board).id,
        boardSectionId: section(a.board, a.section),
      });
      await documents.publish({ documentId });
      const record = await pinnedRecord(documentId, a.title);
      await strapi.db
        .query('plugin::pinterest.pin-record')
        .update({ where: { id: record.id }, data: { pinnedAt: at } });
      pinned.push({
        title: a.title,
        documentId,
        pinId: record.pinId!,
        board: a.board,
        pinnedAt: at.toISOString(),
      });
      log(`pinned “${a.title}” as if ${a.daysAgo} days ago (pin ${record.pinId})`);
    }
    await control('POST', 'clock', { now: null });

    // drafts to publish: one with an image, one with a video for the cover picker
    const herbs = {
      title: HERBS.title,
      documentId: await draft(HERBS.title, HERBS.excerpt, await card(HERBS.title, HERBS.colors), {
        boardId: board(HERBS.board).id,
      }),
    };
    const clip = path.join(tmp, 'kitchen-timer.mp4');
    fs.copyFileSync(SAMPLE_VIDEO, clip);
    const video = {
      title: VIDEO.title,
      documentId: await draft(
        VIDEO.title,
        VIDEO.excerpt,
        await upload(clip, 'video/mp4', 'A clock counting six seconds'),
        { boardId: board(VIDEO.board).id }
      ),
    };
    log(
      `drafts “${herbs.title}” and “${video.title}” (a video: pick its cover) wait to be published`
    );

    // a scheduled pin: published, pinned on its "Pin at" day at 09:00 UTC
    const pinAtDay = new Date(Date.now() + SCHEDULED.inDays * DAY);
    const pinAt = new Date(
      Date.UTC(pinAtDay.getUTCFullYear(), pinAtDay.getUTCMonth(), pinAtDay.getUTCDate(), 9)
    ).toISOString();
    const scheduledId = await draft(
      SCHEDULED.title,
      SCHEDULED.excerpt,
      await card(SCHEDULED.title, SCHEDULED.colors),
      { boardId: board(SCHEDULED.board).id, pinAt }
    );
    await documents.publish({ documentId: scheduledId });
    await until(`the scheduled pin of “${SCHEDULED.title}”`, timeoutMs, async () => {
      const { jobs } = await pins.entryPins(ARTICLE, scheduledId);
      return jobs.find((j) => j.state === 'waiting' && j.runAt === pinAt);
    });
    const scheduled = { title: SCHEDULED.title, documentId: scheduledId, pinAt };
    log(`“${SCHEDULED.title}” is scheduled to pin at ${pinAt}`);

    // older posts (published last year, never pinned) and two re-pin campaigns over them
    const archive: Record<'finished' | 'running', string[]> = { finished: [], running: [] };
    for (const [i, a] of ARCHIVE.entries()) {
      const documentId = await draft(
        a.title,
        `From the archive: ${a.title.toLowerCase()}.`,
        await card(a.title, a.colors),
        { enabled: false }
      );
      await documents.publish({ documentId });
      await strapi.db.query(ARTICLE).updateMany({
        where: { documentId, publishedAt: { $notNull: true } },
        data: { publishedAt: new Date(Date.now() - (400 - i * 30) * DAY) },
      });
      archive[a.campaign].push(documentId);
    }
    const author = {
      firstname: DEMO_ADMIN.firstname,
      lastname: DEMO_ADMIN.lastname,
      email: DEMO_ADMIN.email,
    };
    const campaign = (
      name: string,
      documentIds: string[],
      boardName: string,
      intervalMinutes: number,
      titleTemplates: string[]
    ): CampaignInput => ({
      name,
      selection: { contentType: ARTICLE, documentIds },
      boards: [{ boardId: board(boardName).id }],
      pacing: {
        intervalMinutes,
        timeZone: 'UTC',
        minDaysBetweenSameLink: 7,
        // a few seconds ahead: started "now", a campaign of one pin a day was seen to put its
        // first pin at the next midnight instead of at once
        startAt: new Date(Date.now() + 5_000).toISOString(),
      },
      freshness: { titleTemplates, descriptionTemplates: [] },
    });
    const tickUntil = async (what: string, id: number, done: (c: CampaignDTO) => boolean) => {
      let last: CampaignDTO | null = null;
      let items: string[] = [];
      return until(
        what,
        timeoutMs,
        async () => {
          await campaigns.tick();
          last = await campaigns.get(id);
          items = (await campaigns.items(id, { page: 1, pageSize: 10 })).items.map(
            (i) => `${i.state} at ${i.runAt}${i.lastError ? `: ${i.lastError.message}` : ''}`
          );
          if (last.progress.failed) throw new Error(`The campaign “${last.name}” failed a pin.`);
          return done(last) ? last : null;
        },
        () =>
          last ? `${last.status}, ${JSON.stringify(last.progress)}, items: ${items.join('; ')}` : ''
      );
    };

    const first = await campaigns.create(
      campaign(CAMPAIGN_NAMES.finished, archive.finished, 'Recipes', 0, [
        '{title}: a winter favourite',
      ]),
      author
    );
    const finished = await tickUntil(
      `the campaign “${first.name}” to finish`,
      first.id,
      (c) => c.status === 'done'
    );
    log(`campaign “${finished.name}”: done, ${finished.progress.done} pins`);

    const second = await campaigns.create(
      campaign(CAMPAIGN_NAMES.running, archive.running, 'Travel', 24 * 60, [
        'From the archive: {title}',
      ]),
      author
    );
    const running = await tickUntil(
      `the first pin of the campaign “${second.name}”`,
      second.id,
      (c) => c.progress.done >= 1
    );
    log(
      `campaign “${running.name}”: ${running.status}, ${running.progress.done} pinned, ${running.progress.remaining} to go (one a day)`
    );

    // the analytics sync, now rather than at its next hour
    // (`busy`: the scheduled sync runs this very minute; the next try follows it)
    const analytics = await until('the analytics sync', timeoutMs, async () => {
      const result = await getService(strapi, 'analytics').syncOnce();
      return result.outcome === 'busy' ? null : result;
    });
    if (analytics.state !== 'ok')
      throw new Error(`The analytics sync answered ${JSON.stringify(analytics)}`);
    log(`analytics synced for ${analytics.pins} pins`);

    return {
      admin: DEMO_ADMIN,
      pinned,
      herbs,
      video,
      scheduled,
      campaigns: { finished, running },
      analytics,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await control('POST', 'clock', { now: null }).catch(() => undefined);
  }
}
