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

describe('recent reads, several keys at once', () => {
  /** A batch read that answers when told to, recording the keys of each call. */
  function batches<T>() {
    const calls: Array<{ keys: string[]; resolve: (found: Map<string, T>) => void }> = [];
    const load = (keys: string[]) =>
      new Promise<Map<string, T>>((resolve) => calls.push({ keys, resolve }));
    return { calls, load };
  }

  it('reads only the keys not read lately, in one call, and keeps a key found absent', async () => {
    let t = 1_000;
    const reads = createRecentReads<string | null>(1_000, () => t);
    const b = batches<string | null>();
    const first = reads.readMany(['a', 'b', 'a'], b.load, null);
    expect(b.calls.map((c) => c.keys)).toEqual([['a', 'b']]);
    b.calls[0].resolve(new Map([['a', 'one']]));
    expect(await first).toEqual(
      new Map([
        ['a', 'one'],
        ['b', null],
      ])
    );

    t += 500;
    const second = reads.readMany(['a', 'b', 'c'], b.load, null);
    // a and b (even b's "none") were read lately: only c is asked for
    expect(b.calls.map((c) => c.keys)).toEqual([['a', 'b'], ['c']]);
    b.calls[1].resolve(new Map([['c', 'three']]));
    expect(await second).toEqual(
      new Map([
        ['a', 'one'],
        ['b', null],
        ['c', 'three'],
      ])
    );
    // and a single read shares what the batch read
    expect(await reads.read('c', () => Promise.resolve('never'))).toBe('three');

    t += 500;
    void reads.readMany(['a', 'c'], b.load, null);
    expect(b.calls[2].keys).toEqual(['a']);
  });

  it('keeps nothing of a batch that a write overtook or that failed', async () => {
    const reads = createRecentReads<string | null>(60_000);
    const b = batches<string | null>();
    const overtaken = reads.readMany(['a'], b.load, null);
    await reads.writing(() => Promise.resolve());
    b.calls[0].resolve(new Map([['a', 'old']]));
    expect((await overtaken).get('a')).toBe('old');
    void reads.readMany(['a'], b.load, null);
    expect(b.calls).toHaveLength(2);

    const failing = createRecentReads<string | null>(60_000);
    let asked = 0;
    const refuse = () => {
      asked += 1;
      return Promise.reject(new Error('database busy'));
    };
    await expect(failing.readMany(['x', 'y'], refuse, null)).rejects.toThrow('database busy');
    await expect(failing.readMany(['x'], refuse, null)).rejects.toThrow('database busy');
    expect(asked).toBe(2);
  });
});
