import { entryPinState, isSettling } from '../../admin/src/utils/pin-status';
import type { JobDTO, PinRecordDTO } from '../../common/wire';

const now = Date.parse('2026-11-24T12:00:00Z');
const job = (over: Partial<JobDTO>): JobDTO => ({
  id: 1,
  kind: 'pin.entry',
  state: 'waiting',
  attempts: 0,
  runAt: new Date(now).toISOString(),
  lastError: null,
  updatedAt: '2026-11-24T11:00:00Z',
  contentType: 'api::a.a',
  documentId: 'd',
  locale: 'default',
  ...over,
});
const pin = (over: Partial<PinRecordDTO>): PinRecordDTO => ({
  id: 1,
  contentType: 'api::a.a',
  documentId: 'd',
  locale: 'default',
  boardId: '1',
  boardSectionId: null,
  pinId: '9',
  pinUrl: 'https://www.pinterest.com/pin/9/',
  status: 'pinned',
  title: 't',
  link: null,
  mediaSource: 'image_url',
  pinnedAt: null,
  lastError: null,
  ...over,
});
const error = (code: string) => ({ code, message: 'm', advice: 'a', retryable: true });

describe('entry pin state (side panel)', () => {
  it.each([
    ['no job, no pin', [], [], 'not_pinned'],
    ['a pin and a done job', [job({ state: 'done' })], [pin({})], 'pinned'],
    ['a running job', [job({ state: 'running' })], [], 'pinning'],
    ['a failed job', [job({ state: 'failed', lastError: error('MEDIA_REQUIRED') })], [], 'failed'],
    [
      'waiting for the account',
      [job({ lastError: error('UNAUTHORIZED') })],
      [],
      'reconnect_required',
    ],
    ['waiting for a spam pause', [job({ lastError: error('WRITES_PAUSED') })], [], 'paused'],
    [
      'a future run with no error',
      [job({ runAt: new Date(now + 3_600_000).toISOString() })],
      [],
      'scheduled',
    ],
    [
      'a retry after an error',
      [
        job({
          runAt: new Date(now + 3_600_000).toISOString(),
          lastError: error('PINTEREST_ERROR'),
        }),
      ],
      [],
      'waiting',
    ],
    ['done without a pin (skipped)', [job({ state: 'done' })], [], 'not_pinned'],
    [
      'an edit Pinterest refused',
      [job({ state: 'failed', lastError: error('EDIT_UNSUPPORTED') })],
      [pin({ status: 'out_of_sync' })],
      'out_of_sync',
    ],
    [
      'an out-of-sync pin after a done job',
      [job({ state: 'done' })],
      [pin({ status: 'out_of_sync' })],
      'out_of_sync',
    ],
    ['a cancelled scheduled pin', [job({ state: 'cancelled' })], [], 'cancelled'],
    ['a cancelled re-run of a pinned entry', [job({ state: 'cancelled' })], [pin({})], 'pinned'],
    [
      'pins deleted on unpublish',
      [job({ state: 'done' })],
      [pin({ status: 'deleted' })],
      'deleted',
    ],
  ] as const)('%s → %s', (_what, jobs, pins, status) => {
    expect(entryPinState({ jobs: [...jobs], pins: [...pins] }, now).status).toBe(status);
  });

  it('keeps the error of a failed job to explain it', () => {
    const state = entryPinState(
      { jobs: [job({ state: 'failed', lastError: error('BOARD_REQUIRED') })], pins: [] },
      now
    );
    expect(state.error?.code).toBe('BOARD_REQUIRED');
    expect(state.job?.id).toBe(1);
  });

  it('polls only while something is about to happen', () => {
    expect(isSettling(entryPinState({ jobs: [job({})], pins: [] }, now))).toBe(true);
    expect(isSettling(entryPinState({ jobs: [job({ state: 'failed' })], pins: [] }, now))).toBe(
      false
    );
  });
});
