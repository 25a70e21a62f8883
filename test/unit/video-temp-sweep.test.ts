/**
 * Temporary video files a crashed process left behind are removed at start-up; files still young
 * enough to belong to a running download, and files not ours, are kept (issue 15, item 16).
 */
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sweepStaleVideoFiles } from '../../server/src/media/video-source';

it('removes our stale temporary videos only', async () => {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sweep-'));
  const now = Date.now();
  const make = async (name: string, ageMs: number) => {
    const file = path.join(dir, name);
    await fsp.writeFile(file, 'x');
    const at = new Date(now - ageMs);
    await fsp.utimes(file, at, at);
    return file;
  };
  await make('pinterest-video-old', 3 * 3600_000);
  const young = await make('pinterest-video-young', 60_000);
  const other = await make('someone-else-old', 3 * 3600_000);
  expect(await sweepStaleVideoFiles(3600_000, dir, now)).toBe(1);
  expect((await fsp.readdir(dir)).sort()).toEqual(
    [path.basename(other), path.basename(young)].sort()
  );
  await fsp.rm(dir, { recursive: true, force: true });
});
