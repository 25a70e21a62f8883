/**
 * A Strapi instance in its own process (the playground with the built plugin), for tests that need
 * several instances on one database. Prints `READY <url>` once listening; stops on SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type * as StrapiModule from '@strapi/strapi';

async function main() {
  const root = path.resolve(__dirname, '..', '..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi } = require('@strapi/strapi') as typeof StrapiModule;
  const strapi = createStrapi({
    appDir: path.join(root, 'playground'),
    distDir: path.join(root, 'playground', 'dist'),
  });
  await strapi.load();
  await strapi.listen();
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  process.stdout.write(`READY http://127.0.0.1:${port}\n`);
  const stop = async () => {
    await strapi.destroy();
    process.exit(0);
  };
  const onSignal = () => {
    stop().catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
