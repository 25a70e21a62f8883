import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Which Chromium the browser tests run, and where it came from (printed once per run). */
export interface ChromiumChoice {
  executablePath: string;
  source: 'CHROMIUM_PATH' | '/usr/bin/chromium' | '@sparticuz/chromium';
  /** Flags this build needs on top of the tests' own. */
  extraArgs: string[];
}

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

// The flags of @sparticuz/chromium's own list that its headless-shell build needs to render here
// (software GL). Its other flags (--single-process, --disable-web-security, ...) would change what
// the tests see.
const PACKAGED_FLAGS = [
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-zygote',
];

// @sparticuz/chromium is an ES module, which jest's CommonJS runtime cannot import: a child Node
// process unpacks the binary (to the temp folder, once, ~2 s) and prints its path.
const UNPACK = `import('@sparticuz/chromium').then(async (m) => {
  process.stdout.write(await m.default.executablePath());
})`;

/**
 * Finds a Chromium: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`, else the Chromium shipped
 * inside the `@sparticuz/chromium` devDependency, so that `npm ci && npm test` needs nothing but
 * Node and npm.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumChoice {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!fs.existsSync(configured)) {
      throw new Error(`CHROMIUM_PATH names ${configured}, which does not exist.`);
    }
    return { executablePath: configured, source: 'CHROMIUM_PATH', extraArgs: [] };
  }
  if (fs.existsSync(DEBIAN_CHROMIUM)) {
    return { executablePath: DEBIAN_CHROMIUM, source: DEBIAN_CHROMIUM, extraArgs: [] };
  }
  const executablePath = execFileSync(process.execPath, ['-e', UNPACK], {
    cwd: __dirname,
    encoding: 'utf8',
  }).trim();
  return { executablePath, source: '@sparticuz/chromium', extraArgs: PACKAGED_FLAGS };
}
