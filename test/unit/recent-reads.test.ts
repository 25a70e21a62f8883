import { createRecentReads } from '../../server/src/utils/recent-reads';

/** A read that answers when told to, counting how often it was made. */
function source<T>() {
  const calls: Array<{ resolve: (v: T) => void; reject: (e: unknown) => void }> = [];
  const load = () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { calls, load };
}

describe('recent reads', () => {
  it('answers the same key from the last read until it is ttl old, then reads again', async () => {
    let t = 1_000;
    const reads = createRecentReads<string>(1_000, () => t);
    const s = source<string>();
    const first = reads.read('a', s.load);
    const second = reads.read('a', s.load);
    expect(s.calls).toHaveLength(1);
    s.calls[0].resolve('one');
    expect(await first).toBe('one');
    expect(await second).toBe('one');

    t += 999;
    expect(await reads.read('a', s.load)).toBe('one');
    expect(s.calls).toHaveLength(1);

    t += 1;
    const third = reads.read('a', s.load);
    expect(s.calls).toHaveLength(2);
    s.calls[1].resolve('two');
    expect(await third).toBe('two');
    // another key is its own read
    void reads.read('b', s.load);
    expect(s.calls).toHaveLength(3);
  });

  it('reads again after a write through `writing`, and keeps no read that the write overtook', async () => {
    const reads = createRecentReads<string>(60_000);
    const s = source<string>();
    const before = reads.read('a', s.load);
    let wrote = false;
    await reads.writing(() => {
      wrote = true;
      // a read made while the write runs is not kept past it either
      void reads.read('a', s.load);
      return Promise.resolve();
    });
    expect(wrote).toBe(true);
    s.calls[0].resolve('old');
    s.calls[1].resolve('during');
    expect(await before).toBe('old');
    void reads.read('a', s.load);
    expect(s.calls).toHaveLength(3);
    s.calls[2].resolve('new');
    expect(await reads.read('a', s.load)).toBe('new');
    expect(s.calls).toHaveLength(3);
  });

  it('forgets a read that failed (the next caller reads again) and one a forget() overtook', async () => {
    const reads = createRecentReads<string>(60_000);
    const s = source<string>();
    const failing = reads.read('a', s.load);
    s.calls[0].reject(new Error('database busy'));
    await expect(failing).rejects.toThrow('database busy');
    const again = reads.read('a', s.load);
    expect(s.calls).toHaveLength(2);

    reads.forget();
    s.calls[1].resolve('stale');
    expect(await again).toBe('stale');
    void reads.read('a', s.load);
    expect(s.calls).toHaveLength(3);
  });

  it('gives up a write’s error to its caller and still reads again after it', async () => {
    const reads = createRecentReads<string>(60_000);
    const s = source<string>();
    const first = reads.read('a', s.load);
    s.calls[0].resolve('one');
    await first;
    await expect(
      reads.writing(() => Promise.reject(new Error('constraint failed')))
    ).rejects.toThrow('constraint failed');
    void reads.read('a', s.load);
    expect(s.calls).toHaveLength(2);
  });
});
