/** @jest-environment jsdom */
/**
 * The edit view's Pinterest side panel hides no failure: a status it cannot load, board names it
 * cannot read and a refused action are all shown, in words.
 */
import type { PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { screen, waitFor } from '@testing-library/react';
import type { EntryPinsDTO, JobDTO } from '../../common/wire';
import { PinterestPanel } from '../../admin/src/components/PinPanel/PinterestPanel';
import { renderWithProviders } from './render';

const mockClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };
const mockToggleNotification = jest.fn();

jest.mock('@strapi/strapi/admin', () => ({
  useFetchClient: () => mockClient,
  useNotification: () => ({ toggleNotification: mockToggleNotification }),
}));
jest.mock('../../admin/src/hooks/useRights', () => ({
  useRights: () => ({ isLoading: false, allowedActions: { canPublish: true } }),
}));

const answer = (data: unknown) => Promise.resolve({ data });
const refusal = (status: number, message: string) =>
  Promise.reject(
    Object.assign(new Error(`Request failed with status code ${status}`), {
      status,
      response: { data: { data: null, error: { status, name: 'ApplicationError', message } } },
    })
  );

const FAILED_JOB: JobDTO = {
  id: 41,
  kind: 'pin.entry',
  state: 'failed',
  attempts: 1,
  runAt: null,
  lastError: {
    code: 'BOARD_REQUIRED',
    message: 'No board is chosen for this entry.',
    advice: 'Choose a board in the Pinterest field, then publish again.',
    retryable: false,
  },
  updatedAt: '2026-11-30T10:00:00.000Z',
  contentType: 'api::article.article',
  documentId: 'doc-1',
  locale: 'en',
};
const ENTRY: EntryPinsDTO = { mapped: true, pins: [], jobs: [FAILED_JOB] };

let entry: () => Promise<unknown> = () => answer(ENTRY);
let boards: () => Promise<unknown> = () => answer({ boards: [] });

beforeEach(() => {
  entry = () => answer(ENTRY);
  boards = () => answer({ boards: [] });
  mockToggleNotification.mockReset();
  mockClient.get.mockReset().mockImplementation((url: string) => {
    if (url === '/pinterest/content-types')
      return answer({ contentTypes: ['api::article.article'] });
    if (url === '/pinterest/boards') return boards();
    if (url.startsWith('/pinterest/entries/api::article.article/doc-1/pins')) return entry();
    return Promise.reject(new Error(`unexpected GET ${url}`));
  });
  mockClient.post.mockReset();
});

function Host() {
  const panel = PinterestPanel({
    model: 'api::article.article',
    documentId: 'doc-1',
    document: { locale: 'en', updatedAt: '2026-11-30T10:00:00.000Z' },
  } as unknown as PanelComponentProps);
  return panel ? <section aria-label={panel.title}>{panel.content}</section> : null;
}

it('says why the pin status could not be loaded, instead of loading forever', async () => {
  entry = () => refusal(500, 'The database is not reachable.');
  renderWithProviders(<Host />);
  expect(
    await screen.findByText('The pin status could not be loaded: The database is not reachable.')
  ).toBeTruthy();
  expect(screen.queryByText('Loading…')).toBeNull();
});

it('says so when an answer is not what the admin expects', async () => {
  entry = () => answer({ pins: [], jobs: [{ id: 'x' }] });
  renderWithProviders(<Host />);
  expect(
    await screen.findByText(
      /^The pin status could not be loaded: The server’s answer to GET \/pinterest\/entries\/api::article.article\/doc-1\/pins could not be read \(jobs\.0\.id: /
    )
  ).toBeTruthy();
});

it('shows a refused action in the server’s words, and board names it could not read', async () => {
  const timeout: JobDTO = {
    ...FAILED_JOB,
    lastError: {
      code: 'TIMEOUT',
      message: 'Pinterest did not answer within 30 s.',
      advice: 'Pinterest did not answer in time; the pin will be tried again automatically.',
      retryable: true,
    },
  };
  entry = () => answer({ ...ENTRY, jobs: [timeout] });
  boards = () => refusal(400, 'No Pinterest account is connected.');
  mockClient.post.mockImplementation(() =>
    refusal(400, 'Only a waiting or failed job can be retried.')
  );
  const { user } = renderWithProviders(<Host />);
  expect(await screen.findByText('Pinterest did not answer in time')).toBeTruthy();
  expect(
    await screen.findByText('Board names could not be loaded: No Pinterest account is connected.')
  ).toBeTruthy();

  await user.click(screen.getByRole('button', { name: 'Retry' }));
  await waitFor(() =>
    expect(mockToggleNotification).toHaveBeenCalledWith({
      type: 'danger',
      message: 'Only a waiting or failed job can be retried.',
    })
  );
  expect(mockClient.post).toHaveBeenCalledWith('/pinterest/jobs/41/retry', {});
});
