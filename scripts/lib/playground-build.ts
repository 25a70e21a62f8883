import path from 'node:path';
import type * as StrapiModule from '@strapi/strapi';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const playgroundDir = path.join(repoRoot, 'playground');
export const playgroundDist = path.join(playgroundDir, 'dist');

/**
 * Compiles the playground's TypeScript (config and src) into playground/dist with Strapi's own
 * compiler.
 */
export async function compilePlayground(): Promise<void> {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  // require, not import(): Strapi's ESM build does not resolve under Node's ESM loader
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compileStrapi } = require('@strapi/strapi') as typeof StrapiModule;
  await compileStrapi({ appDir: playgroundDir, ignoreDiagnostics: false });
}
