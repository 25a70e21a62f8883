import fs from 'fs';
import path from 'path';

/**
 * The repository root (the plugin package), found by walking up from this file. Works from src and
 * dist.
 */
export function findPluginRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (
      fs.existsSync(pkg) &&
      JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'strapi-plugin-pinterest'
    )
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('strapi-plugin-pinterest: could not find the plugin package above ' + from);
    dir = parent;
  }
}
