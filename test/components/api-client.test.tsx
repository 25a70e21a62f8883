/** @jest-environment jsdom */
/**
 * The admin's API client (admin/src/api): the paths and queries it sends, the answers it accepts
 * (the server's, extra fields included), and what a malformed answer or a refusal becomes: an
 * ApiError naming the call and the field, shown in the admin's language instead of a crash.
 */
import { screen } from '@testing-library/react';
import type { ConnectionDTO } from '../../common/wire';
import { ApiError, createPinterestApi, queryString, useApiErrorText } from '../../admin/src/api';
import { BoardPicker } from '../../admin/src/components/PinField/BoardPicker';
import { renderWithProviders, type Locale } from './render';

const mockClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };

jest.mock('@strapi/strapi/admin', () => ({
  useFetchClient: () => mockClient,
  useNotification: () => ({ toggleNotification: jest.fn() }),
}));
jest.mock('../../admin/src/hooks/useRights', () => ({
  useRights: () => ({ isLoading: false, allowedActions: { canPublish: true } }),
}));

const answer = (data: unknown) => Promise.resolve({ data });
/** As Strapi's fetch client rejects a refusal: an Error carrying the server's error body. */
const refusal = (status: number, message: string) =>
  Promise.reject(
    Object.assign(new Error(`Request failed with status code ${status}`), {
      status,
      response: { data: { data: null, error: { status, name: 'ApplicationError', message } } },
    })
  );

const api = () => createPinterestApi(mockClient);
const BOARD = { id: '11', name: 'Travel', privacy: 'PUBLIC', description: null };
const CONNECTION: ConnectionDTO = {
  environment: 'production',
  apiUrl: 'https://api.pinterest.com/v5',
  setup: {
    hasAppId: true,
    hasAppSecret: true,
    hasEncryptionKey: true,
    redirectUri: 'x',
    problems: [],
  },
  source: 'oauth',
  status: 'connected',
  account: {
    username: 'ada',
    accountType: 'BUSINESS',
    isBusiness: true,
    businessName: null,
    profileImage: null,
  },
  scopes: ['boards:read'],
  missingScopes: [],
  token: null,
  lastError: null,
  waitingJobs: 0,
  writesPaused: null,
};

beforeEach(() => {
  for (const fn of Object.values(mockClient)) fn.mockReset();
});

describe('requests', () => {
  it('builds the query of the top pins from the filters, leaving out the empty ones', async () => {
    mockClient.get.mockReturnValue(answer({ pins: [], total: 0 }));
    await api().topPins(
      { from: '2026-11-01', to: '2026-11-30', contentType: '', boardId: '11' },
      { sort: 'saves', dir: 'desc', page: 2, pageSize: 20 }
    );
    expect(mockClient.get).toHaveBeenCalledWith(
      '/pinterest/analytics/pins?from=2026-11-01&to=2026-11-30&boardId=11&sort=saves&dir=desc&page=2&pageSize=20'
    );
  });

  it("sends an entry's locale, and the body of a reschedule", async () => {
    mockClient.get.mockReturnValue(answer({ mapped: true, pins: [], jobs: [] }));
    mockClient.post.mockReturnValue(answer({ job: null }));
    await api().entryPins('api::article.article', 'doc-1', 'fr');
    await api().rescheduleJob(4, '2026-12-01T09:00:00.000Z');
    expect(mockClient.get).toHaveBeenCalledWith(
      '/pinterest/entries/api::article.article/doc-1/pins?locale=fr'
    );
    expect(mockClient.post).toHaveBeenCalledWith('/pinterest/jobs/4/reschedule', {
      runAt: '2026-12-01T09:00:00.000Z',
    });
  });

  it('writes no query string when every parameter is empty', () => {
    expect(queryString({ locale: undefined, state: '', page: null })).toBe('');
    expect(queryString({ state: 'failed,skipped', page: 1 })).toBe(
      '?state=failed%2Cskipped&page=1'
    );
  });
});

describe('answers', () => {
  it('accepts what the server sends, fields it added included (and drops them)', async () => {
    mockClient.get.mockReturnValue(answer({ ...CONNECTION, newField: 'later' }));
    const connection = await api().getConnection();
    expect(connection).toEqual(CONNECTION);
  });

  it('turns a malformed answer into an ApiError naming the call and the field', async () => {
    mockClient.get.mockReturnValue(answer({ boards: [{ ...BOARD, id: 11 }] }));
    const error = await api()
      .listBoards()
      .then(
        () => null,
        (e: unknown) => e
      );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'answer',
      request: 'GET /pinterest/boards',
      detail: expect.stringMatching(/^boards\.0\.id: .*expected string/),
    });
  });

  it('refuses an answer that lacks a field the admin reads', async () => {
    const { status: _status, ...withoutStatus } = CONNECTION;
    mockClient.get.mockReturnValue(answer(withoutStatus));
    await expect(api().getConnection()).rejects.toMatchObject({
      kind: 'answer',
      detail: expect.stringMatching(/^status: /),
    });
  });

  it("keeps the server's words for a refusal, with its status", async () => {
    mockClient.post.mockReturnValue(refusal(409, 'This campaign is done; it cannot be paused.'));
    await expect(api().campaignAction(7, 'pause')).rejects.toMatchObject({
      kind: 'http',
      request: 'POST /pinterest/campaigns/7/pause',
      status: 409,
      serverMessage: 'This campaign is done; it cannot be paused.',
    });
  });
});

function ErrorText({ error, fallback }: { error: unknown; fallback?: string }) {
  const errorText = useApiErrorText();
  return <p>{errorText(error, fallback)}</p>;
}

describe.each([
  [
    'en',
    'The server’s answer to GET /pinterest/boards could not be read (boards.0.id: bad). Reload the page; if this persists, the plugin’s admin and server may not be the same version.',
    'The request failed: Failed to fetch',
  ],
  [
    'fr',
    'La réponse du serveur à GET /pinterest/boards est illisible (boards.0.id: bad). Rechargez la page ; si cela continue, l’admin et le serveur du plugin ne sont peut-être pas de la même version.',
    'La requête a échoué : Failed to fetch',
  ],
] as const)('error text (%s)', (locale: Locale, badAnswer, failed) => {
  it('explains an unreadable answer in the admin’s language', () => {
    const error = new ApiError('answer', 'x', 'GET /pinterest/boards', {
      detail: 'boards.0.id: bad',
    });
    renderWithProviders(<ErrorText error={error} />, { locale });
    expect(screen.getByText(badAnswer)).toBeTruthy();
  });

  it("shows the server's message, else the caller's fallback, else the transport's", () => {
    const refused = new ApiError('http', 'x', 'PUT /pinterest/settings', {
      serverMessage: 'contentTypes.api::x.x: this content type is not configured to pin',
    });
    const { unmount } = renderWithProviders(<ErrorText error={refused} fallback="fallback" />, {
      locale,
    });
    expect(screen.getByText(/not configured to pin/)).toBeTruthy();
    unmount();
    const network = new ApiError('http', 'Failed to fetch', 'GET /pinterest/boards');
    renderWithProviders(
      <>
        <ErrorText error={network} fallback="Try again later." />
        <ErrorText error={network} />
      </>,
      { locale }
    );
    expect(screen.getByText('Try again later.')).toBeTruthy();
    expect(screen.getByText(failed)).toBeTruthy();
  });
});

it('shows a malformed boards answer as the field’s error, without crashing the picker', async () => {
  mockClient.get.mockImplementation((url: string) =>
    url === '/pinterest/boards'
      ? answer({ boards: [{ name: 'Travel' }] })
      : answer({ sections: [] })
  );
  renderWithProviders(
    <BoardPicker name="pin" boardId={null} sectionId={null} onChange={() => undefined} />
  );
  const board = await screen.findByRole('combobox', {
    name: 'Board',
    description:
      /^Boards could not be loaded: The server’s answer to GET \/pinterest\/boards could not be read \(boards\.0\.id: /,
  });
  expect(board.getAttribute('aria-disabled')).toBe('true');
});
