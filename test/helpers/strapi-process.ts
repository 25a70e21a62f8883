import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './strapi';

export interface StrapiProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
  kill: () => void;
}

/** Starts the playground in a child process (see strapi-child.ts) and resolves when it listens. */
export function startStrapiProcess(
  env: Record<string, string | undefined>,
  timeoutMs = 90_000
): Promise<StrapiProcess> {
  // node itself with tsx's loader (not the tsx CLI, which would put a second process in between:
  // a SIGKILL must hit Strapi, not a wrapper that leaves it running)
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'strapi-child.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        STRAPI_TELEMETRY_DISABLED: 'true',
        STRAPI_STARTUP_LOG: 'false',
        STRAPI_LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Strapi did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.stdout.on('data', () => {
      const m = /READY (\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1],
        child,
        output: () => out,
        kill: () => child.kill('SIGKILL'),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Strapi exited with ${code} before listening:\n${out}`));
    });
  });
}

/**
 * Several Strapi processes on one database, started one after the other (the first creates the
 * schema, the next ones join it), pushed onto `into` as they start, so a failed start still leaves
 * the started ones to stop.
 */
export async function startInstances(
  env: Record<string, string | undefined>,
  into: StrapiProcess[],
  count = 2
): Promise<StrapiProcess[]> {
  for (let i = 0; i < count; i += 1) into.push(await startStrapiProcess(env));
  return into;
}
