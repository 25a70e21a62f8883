/**
 * Designed pins: render time per design and memory over many renders (`BENCH_ONLY=design`).
 * The renders run in a child process of their own (this file with `child`), so its RSS is theirs.
 * Figures are printed, never asserted.
 */
import { spawn } from 'node:child_process';
import sharp from 'sharp';
import { fontLibrary } from '../server/src/designs/fonts';
import { renderDesign } from '../server/src/designs/render';
import { TEMPLATES } from '../server/src/designs/templates';

const N = Number(process.env.BENCH_DESIGN_RENDERS ?? 200);
const WARMUP = 10;

const TITLES = [
  'Ten weeknight dinners that are ready in less than twenty minutes',
  'Пять простых рецептов на каждый день недели',
  'Οι καλύτερες παραλίες της Κρήτης',
  'Sourdough at home: a starter, a schedule, and the fixes for every common mistake',
  'Soups',
];

const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function child() {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const fonts = fontLibrary();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"><rect width="1920" height="1080" fill="#2a9d8f"/><circle cx="960" cy="540" r="320" fill="#e9c46a"/><circle cx="300" cy="200" r="140" fill="#264653"/></svg>`;
  const image = await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
  const brand = {
    name: 'Maison Verte',
    logo: null,
    primaryColour: '#E60023',
    secondaryColour: '#111111',
    font: 'inter',
  };
  const one = (i: number) =>
    renderDesign(
      {
        template: TEMPLATES[i % TEMPLATES.length].id,
        title: `${TITLES[i % TITLES.length]} ${i}`,
        subtitle: i % 2 ? 'Quick, cheap and ready in twenty minutes.' : null,
        image,
        brand,
      },
      fonts
    );
  const firstStart = performance.now();
  await one(0);
  const firstMs = performance.now() - firstStart;
  for (let i = 1; i < WARMUP; i += 1) await one(i);
  gc();
  const rssStart = process.memoryUsage().rss;
  let peak = rssStart;
  const times: number[] = [];
  let bytes = 0;
  let rssAt100 = 0;
  for (let i = 0; i < N; i += 1) {
    const t = performance.now();
    const r = await one(WARMUP + i);
    times.push(performance.now() - t);
    bytes += r.bytes.length;
    peak = Math.max(peak, process.memoryUsage().rss);
    if (i === Math.floor(N / 2)) {
      gc();
      rssAt100 = process.memoryUsage().rss;
    }
  }
  gc();
  const rssEnd = process.memoryUsage().rss;
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `RESULT ${JSON.stringify({
      renders: N,
      firstMs: Math.round(firstMs),
      p50: Math.round(pct(sorted, 50)),
      p95: Math.round(pct(sorted, 95)),
      max: Math.round(sorted[sorted.length - 1]),
      avgKb: Math.round(bytes / N / 1024),
      rssStartMb: mb(rssStart),
      rssMidMb: mb(rssAt100),
      rssEndMb: mb(rssEnd),
      peakGrowthMb: mb(peak - rssStart),
    })}`
  );
}

/** Runs the renders in a child process and prints the figures. */
export async function designSection(): Promise<void> {
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', __filename, 'child'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    p.stdout.on('data', (c: Buffer) => (text += c.toString()));
    p.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`design bench: ${code}`))
    );
  });
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`design bench printed no result:\n${out}`);
  const r = JSON.parse(line.slice(7)) as Record<string, number>;
  console.log(
    `designed pins (${r.renders} renders of 1000×1500 JPEG, ${TEMPLATES.length} templates in turn, Latin/Cyrillic/Greek titles, a 1920×1080 hero)`
  );
  console.log(
    `  first render ${r.firstMs} ms (fonts, wasm); then p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms per design (goal p50 < 250 ms); ${r.avgKb} KB each`
  );
  console.log(
    `  RSS after warm-up ${r.rssStartMb} MB, after ${r.renders / 2} renders ${r.rssMidMb} MB, after ${r.renders} ${r.rssEndMb} MB (after GC); peak growth ${r.peakGrowthMb} MB\n`
  );
}

if (process.argv[2] === 'child') {
  child().catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else if (require.main === module) {
  designSection().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
