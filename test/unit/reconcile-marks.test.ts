import {
  FLOOR_SPACING_MS,
  idFloor,
  MAX_FLOORS,
  mergeMarks,
  pruneFloors,
  readFrom,
  RESCAN_MARGIN_MS,
  withFloor,
} from '../../server/src/pins/reconcile-marks';

describe('readFrom: where a reconcile pass starts reading', () => {
  it('reads from the enabling time until a pass has completed', () => {
    expect(readFrom({ enabledAt: 1_000, scannedTo: null })).toBe(1_000);
  });

  it('then from the last pass, less the margin for publishes still committing', () => {
    const enabledAt = 0;
    const scannedTo = 50 * 60_000;
    expect(readFrom({ enabledAt, scannedTo })).toBe(scannedTo - RESCAN_MARGIN_MS);
  });

  it('never before the enabling time (the archive stays unread)', () => {
    const enabledAt = 50 * 60_000;
    expect(readFrom({ enabledAt, scannedTo: enabledAt + 60_000 })).toBe(enabledAt);
  });
});

describe('mergeMarks: two instances saving marks', () => {
  it('keeps the earliest enabling time and the latest scan', () => {
    const merged = mergeMarks(
      { a: { enabledAt: 100, scannedTo: 500 }, b: { enabledAt: 10, scannedTo: null } },
      { a: { enabledAt: 200, scannedTo: 400 }, b: { enabledAt: 20, scannedTo: 300 } }
    );
    expect(merged).toEqual({
      a: { enabledAt: 100, scannedTo: 500 },
      b: { enabledAt: 10, scannedTo: 300 },
    });
  });

  it('keeps types only one side knows', () => {
    expect(
      mergeMarks({ a: { enabledAt: 1, scannedTo: 2 } }, { b: { enabledAt: 3, scannedTo: null } })
    ).toEqual({ a: { enabledAt: 1, scannedTo: 2 }, b: { enabledAt: 3, scannedTo: null } });
  });
});

describe('idFloor: the id a pass may read above', () => {
  it('is the newest floor taken at or before the time the pass reads from', () => {
    const floors = [
      { at: 100, maxId: 10 },
      { at: 900, maxId: 30 },
      { at: 500, maxId: 20 },
    ];
    expect(idFloor({ enabledAt: 600, scannedTo: null, floors })).toBe(20);
    expect(idFloor({ enabledAt: 900, scannedTo: null, floors })).toBe(30);
  });

  it('is null without floors, or when every floor is later (the pass filters by date alone)', () => {
    expect(idFloor({ enabledAt: 600, scannedTo: null })).toBeNull();
    expect(idFloor({ enabledAt: 50, scannedTo: null, floors: [{ at: 100, maxId: 10 }] })).toBe(
      null
    );
  });

  it('follows the scan: a floor becomes usable once the margin has passed it', () => {
    const floors = [
      { at: 0, maxId: 5 },
      { at: 60_000, maxId: 50 },
    ];
    const mark = (scannedTo: number) => ({ enabledAt: 0, scannedTo, floors });
    expect(idFloor(mark(60_000 + RESCAN_MARGIN_MS - 1))).toBe(5);
    expect(idFloor(mark(60_000 + RESCAN_MARGIN_MS))).toBe(50);
  });
});

describe('pruneFloors and withFloor: a few floors per type, never the usable one lost', () => {
  it('keeps the newest usable floor and every later one, oldest first, without duplicates', () => {
    const floors = [
      { at: 300, maxId: 3 },
      { at: 100, maxId: 1 },
      { at: 200, maxId: 2 },
      { at: 300, maxId: 3 },
    ];
    expect(pruneFloors(floors, 250)).toEqual([
      { at: 200, maxId: 2 },
      { at: 300, maxId: 3 },
    ]);
    expect(pruneFloors(floors, 50)).toEqual([
      { at: 100, maxId: 1 },
      { at: 200, maxId: 2 },
      { at: 300, maxId: 3 },
    ]);
  });

  it('caps the later ones to the newest, after the usable one', () => {
    const later = Array.from({ length: 50 }, (_, i) => ({ at: 1_000 + i, maxId: 100 + i }));
    const kept = pruneFloors([{ at: 0, maxId: 1 }, ...later], 500);
    expect(kept).toHaveLength(MAX_FLOORS);
    expect(kept[0]).toEqual({ at: 0, maxId: 1 });
    expect(kept[kept.length - 1]).toEqual({ at: 1_049, maxId: 149 });
  });

  it("adds a pass's floor only when the newest is older than the spacing", () => {
    const floors = [{ at: 0, maxId: 1 }];
    expect(withFloor(floors, { at: FLOOR_SPACING_MS - 1, maxId: 9 }, 0)).toEqual(floors);
    expect(withFloor(floors, { at: FLOOR_SPACING_MS, maxId: 9 }, 0)).toEqual([
      ...floors,
      { at: FLOOR_SPACING_MS, maxId: 9 },
    ]);
    expect(withFloor([], { at: 5, maxId: 9 }, 0)).toEqual([{ at: 5, maxId: 9 }]);
  });

  it("merging pools both sides' floors, pruned for the merged scan", () => {
    const merged = mergeMarks(
      { a: { enabledAt: 0, scannedTo: 0, floors: [{ at: 0, maxId: 1 }] } },
      {
        a: {
          enabledAt: 0,
          scannedTo: RESCAN_MARGIN_MS + 200,
          floors: [
            { at: 100, maxId: 5 },
            { at: 300, maxId: 9 },
          ],
        },
      }
    );
    expect(merged.a).toEqual({
      enabledAt: 0,
      scannedTo: RESCAN_MARGIN_MS + 200,
      floors: [
        { at: 100, maxId: 5 },
        { at: 300, maxId: 9 },
      ],
    });
  });
});
