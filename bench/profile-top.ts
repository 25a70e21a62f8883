/**
 * `npx tsx bench/profile-top.ts <file.cpuprofile> [N]`: the top of a V8 CPU profile in plain text,
 * by self time per function and by self time per package or source folder, so a commit message can
 * quote where the time goes before and after a change.
 */
import fs from 'node:fs';
import { z } from 'zod';

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({
        functionName: z.string(),
        url: z.string(),
        lineNumber: z.number(),
      }),
    })
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
type Profile = z.infer<typeof profileSchema>;

/** Where a script lives, short: `pkg:@strapi/database`, `plugin:server/src/queue`, `node:fs`. */
export function placeOf(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return 'pkg:' + (rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]);
  }
  const src = url.match(/(server|emulator|common|playground)\/(src\/)?([^/]+)/);
  return src ? `plugin:${src[0]}` : url.replace(/^file:\/\//, '');
}

/** Self time in ms per key, highest first. */
export function selfTimes(profile: Profile, key: (n: Profile['nodes'][number]) => string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const k = key(node);
    totals.set(k, (totals.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

function main() {
  const [file, top = '25'] = process.argv.slice(2);
  if (!file) throw new Error('usage: tsx bench/profile-top.ts <file.cpuprofile> [N]');
  const profile = profileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const n = Number(top);
  const all = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
  const line = ([k, ms]: [string, number]) =>
    `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / all).toFixed(1).padStart(5)} %  ${k}`;
  console.log(`${all.toFixed(0)} ms sampled\n\nby package or folder (self time):`);
  for (const row of selfTimes(profile, (nd) => placeOf(nd.callFrame.url)).slice(0, n))
    console.log(line(row));
  console.log('\nby function (self time):');
  const fn = (nd: Profile['nodes'][number]) =>
    `${nd.callFrame.functionName || '(anonymous)'} ${placeOf(nd.callFrame.url)}:${nd.callFrame.lineNumber + 1}`;
  for (const row of selfTimes(profile, fn).slice(0, n)) console.log(line(row));
}

if (require.main === module) main();
