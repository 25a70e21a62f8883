import { mergeMarks, readFrom, RESCAN_MARGIN_MS } from '../../server/src/pins/reconcile-marks';

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
