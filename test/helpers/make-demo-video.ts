/**
 * Writes scripts/lib/sample-video.mp4, the demo's sample video: six seconds of a clock, VP9 in MP4,
 * made by the same code and Chromium as the browser tests' videos (real-video.ts).
 * The demo ships the file rather than making it, so `npm run demo` needs no browser (the Chromium
 * the tests unpack runs on Linux only); `npx tsx test/helpers/make-demo-video.ts` makes it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SAMPLE_VIDEO } from '../../scripts/lib/sample-video';
import { findChromium } from './chromium';
import { makeClockVideo } from './real-video';

async function main() {
  const found = findChromium();
  const browser = await chromium.launch({
    executablePath: found.executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', ...found.extraArgs],
  });
  try {
    const clip = await makeClockVideo(browser, { seconds: 6 });
    fs.writeFileSync(SAMPLE_VIDEO, clip.bytes);
    console.log(
      `${path.relative(process.cwd(), SAMPLE_VIDEO)}: ${clip.bytes.length} bytes, ${clip.seconds} s, ${clip.width}×${clip.height}, ${clip.codec}`
    );
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
