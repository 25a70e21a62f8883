import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { compilePlayground, playgroundDir, playgroundDist, repoRoot } from './playground-build';

const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.'))
      continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const mtime = (file: string) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

function run(cmd: string, args: string[], cwd: string) {
  execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
  });
}

/** Builds the plugin (server + admin bundles) when its sources are newer than its dist. */
export function ensurePluginBuilt(log: (m: string) => void = console.log) {
  const built = mtime(path.join(repoRoot, 'dist', 'server', 'index.js'));
  const sources = Math.max(
    newestMtime(path.join(repoRoot, 'server')),
    newestMtime(path.join(repoRoot, 'admin')),
    newestMtime(path.join(repoRoot, 'common'))
  );
  if (built && built >= sources) return;
  log('building the plugin (strapi-plugin build)…');
  run(bin('strapi-plugin'), ['build', '--silent'], repoRoot);
}

/** Compiles the playground's TypeScript when needed. */
export async function ensurePlaygroundCompiled(log: (m: string) => void = console.log) {
  const built = mtime(path.join(playgroundDist, 'config', 'plugins.js'));
  const sources = Math.max(
    newestMtime(path.join(playgroundDir, 'config')),
    newestMtime(path.join(playgroundDir, 'src'))
  );
  if (built && built >= sources) return;
  log('compiling the playground…');
  await compilePlayground();
}

/**
 * Builds the admin panel (about 30 s and 2 GB of memory) when it is missing or older than the
 * plugin.
 */
export function ensureAdminBuilt(log: (m: string) => void = console.log) {
  const built = mtime(path.join(playgroundDist, 'build', 'index.html'));
  const plugin = mtime(path.join(repoRoot, 'dist', 'admin', 'index.js'));
  const sources = Math.max(plugin, newestMtime(path.join(playgroundDir, 'src', 'admin')));
  if (built && built >= sources) return;
  log('building the admin panel (strapi build, about 30 s)…');
  run(bin('strapi'), ['build'], playgroundDir);
}

export async function ensureEverythingBuilt(log?: (m: string) => void) {
  ensurePluginBuilt(log);
  await ensurePlaygroundCompiled(log);
  ensureAdminBuilt(log);
}
