import fs from 'fs';
import path from 'path';

/** The `name` of a package.json, if it has a string one. */
function packageName(file: string): string | undefined {
  const pkg: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof pkg === 'object' && pkg !== null && 'name' in pkg && typeof pkg.name === 'string')
    return pkg.name;
  return undefined;
}

/**
 * The repository root (the plugin package), found by walking up from this file. Works from src and
 * dist.
 */
export function findPluginRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && packageName(pkg) === 'strapi-plugin-pinterest') return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('strapi-plugin-pinterest: could not find the plugin package above ' + from);
    dir = parent;
  }
}
