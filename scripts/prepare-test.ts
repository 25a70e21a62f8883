/**
 * Runs before `npm test`: builds the plugin (Strapi loads only a built plugin, and skips an unbuilt
 * one silently), compiles the playground once (each test file then boots it without recompiling),
 * and builds the admin panel for the browser tests. Each step runs only when its inputs changed.
 */
import { ensureEverythingBuilt } from './lib/ensure-built';

const started = Date.now();
ensureEverythingBuilt((m) => console.log(`[prepare-test] ${m}`))
  .then(() =>
    console.log(`[prepare-test] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  )
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
