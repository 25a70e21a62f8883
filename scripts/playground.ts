/**
 * `npm run playground`: the demo Strapi app alone (built if needed), talking to whatever
 * PINTEREST_API_URL names (the production API, the sandbox, or a compatible server). No emulator.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureEverythingBuilt } from './lib/ensure-built';
import { playgroundDir, repoRoot } from './lib/playground-build';

async function main() {
  await ensureEverythingBuilt((m) => console.log(`[playground] ${m}`));
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'strapi'), ['start'], {
    cwd: playgroundDir,
    stdio: 'inherit',
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
