import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type * as StrapiModule from '@strapi/strapi';
import type { Core } from '@strapi/strapi';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const playgroundDir = path.join(repoRoot, 'playground');
export const playgroundDist = path.join(playgroundDir, 'dist');

export interface BootedStrapi {
  strapi: Core.Strapi;
  /** http://127.0.0.1:PORT of this Strapi (a real listening server). */
  url: string;
  dbFile: string;
  /** Stops Strapi, restores the environment and deletes the SQLite file (unless keepDb). */
  destroy: (opts?: { keepDb?: boolean }) => Promise<void>;
}

const BASE_ENV: Record<string, string> = {
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_LOG_LEVEL: 'error',
  STRAPI_STARTUP_LOG: 'false',
  HOST: '127.0.0.1',
  PORT: '0',
  // fast queue for tests: poll often, short retries
  PINTEREST_WORKER_POLL_MS: '100',
  PINTEREST_RETRY_BASE_MS: '200',
  PINTEREST_RETRY_MAX_MS: '1000',
  // most suites test behaviour, not pacing; the rate-limit suites turn the limiter on
  PINTEREST_RATE_PROFILE: 'off',
  // throwaway databases: commits without fsync, so a boot (hundreds of schema writes) does not
  // stall for a minute when the disk is busy (editor-api's boot passed the 60 s hook timeout so)
  DATABASE_SQLITE_SYNC_OFF: 'true',
};

export const tempDbFile = (label: string) =>
  path.join(
    os.tmpdir(),
    `pinterest-${label}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.db`
  );

/** Removes a SQLite database file and its journal files. */
export const removeSqliteFiles = (file: string) =>
  ['', '-wal', '-shm', '-journal'].forEach((s) => fs.rmSync(file + s, { force: true }));

/**
 * Boots the playground app (compiled by `npm test`'s pretest) with the plugin, on a fresh SQLite
 * file (or the one given), listening on a free loopback port.
 */
export async function bootStrapi(
  env: Record<string, string | undefined> = {},
  opts: { dbFile?: string } = {}
): Promise<BootedStrapi> {
  if (
    !fs.existsSync(path.join(playgroundDist, 'config', 'plugins.js')) ||
    !fs.existsSync(path.join(repoRoot, 'dist', 'server', 'index.js'))
  ) {
    throw new Error(
      'The plugin is not built or the playground not compiled: run `npm test` (its pretest does both) or `npx tsx scripts/prepare-test.ts`.'
    );
  }
  const dbFile = opts.dbFile ?? tempDbFile('it');
  const applied: Record<string, string | undefined> = {
    ...BASE_ENV,
    DATABASE_FILENAME: dbFile,
    ...env,
  };
  const previous: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(applied)) {
    previous[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const restoreEnv = () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi } = require('@strapi/strapi') as typeof StrapiModule;
  const strapi: Core.Strapi = createStrapi({ appDir: playgroundDir, distDir: playgroundDist });
  try {
    await strapi.load();
    await strapi.listen();
  } catch (e) {
    // a failed boot must still close its database pool, or jest never exits
    await strapi.destroy().catch(() => undefined);
    restoreEnv();
    if (!opts.dbFile) removeSqliteFiles(dbFile);
    throw e;
  }
  const address = strapi.server.httpServer.address() as AddressInfo;
  const booted = strapi;
  return {
    strapi: booted,
    url: `http://127.0.0.1:${address.port}`,
    dbFile,
    async destroy({ keepDb = false } = {}) {
      await booted.destroy();
      restoreEnv();
      if (!keepDb) removeSqliteFiles(dbFile);
    },
  };
}
