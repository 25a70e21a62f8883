import type { AddressInfo } from 'node:net';
import type * as StrapiModule from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { playgroundDir, playgroundDist } from './playground-build';

/** Loads the compiled playground in this process and starts its HTTP server. */
export async function bootPlayground(): Promise<{ strapi: Core.Strapi; url: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi } = require('@strapi/strapi') as typeof StrapiModule;
  const strapi = await createStrapi({ appDir: playgroundDir, distDir: playgroundDist }).load();
  await strapi.listen();
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  return { strapi, url: `http://127.0.0.1:${port}` };
}
