/** @jest-environment jsdom */
/**
 * Settings with a working configured token: it says so and offers OAuth as the way to keep the
 * access fresh, as information, not as a yellow "Finish the setup" warning.
 */
import type { ReactNode } from 'react';
import { screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { ConnectionDTO } from '../../common/wire';
import SettingsPage from '../../admin/src/pages/SettingsPage';
import { renderWithProviders } from './render';

const mockClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };

jest.mock('@strapi/strapi/admin', () => ({
  useFetchClient: () => mockClient,
  useNotification: () => ({ toggleNotification: jest.fn() }),
  Layouts: {
    Header: ({ title }: { title: string }) => <h1>{title}</h1>,
    Content: ({ children }: { children: ReactNode }) => <div>{children}</div>,
  },
  Page: {
    Loading: () => <p>Loading</p>,
    NoPermissions: () => <p>No permissions</p>,
    Error: () => <p>Error</p>,
    Main: ({ children }: { children: ReactNode }) => <main>{children}</main>,
    Title: () => null,
  },
}));
jest.mock('../../admin/src/hooks/useRights', () => ({
  useRights: () => ({ isLoading: false, allowedActions: { canRead: true, canManage: true } }),
}));

const connection = (over: Partial<ConnectionDTO>): ConnectionDTO => ({
  environment: 'sandbox',
  apiUrl: 'https://api-sandbox.pinterest.com/v5',
  setup: {
    hasAppId: false,
    hasAppSecret: false,
    hasEncryptionKey: false,
    redirectUri: 'http://localhost:1337/api/pinterest/oauth/callback',
    problems: ['The Pinterest app id is not set.'],
  },
  source: 'static-token',
  status: 'connected',
  account: null,
  scopes: [],
  missingScopes: [],
  token: null,
  lastError: null,
  waitingJobs: 0,
  writesPaused: null,
  ...over,
});

let answerConnection: ConnectionDTO = connection({});
beforeEach(() => {
  mockClient.get.mockReset().mockImplementation((url: string) => {
    if (url === '/pinterest/connection') return Promise.resolve({ data: answerConnection });
    if (url === '/pinterest/settings') return Promise.resolve({ data: { contentTypes: [] } });
    if (url === '/pinterest/boards') return Promise.resolve({ data: { boards: [] } });
    if (url === '/pinterest/accounts') return Promise.resolve({ data: { accounts: [] } });
    return Promise.reject(new Error(`unexpected GET ${url}`));
  });
});

const renderPage = () =>
  renderWithProviders(
    <MemoryRouter>
      <SettingsPage />
    </MemoryRouter>
  );

it('a working configured token: an informational note offering OAuth, no warning', async () => {
  renderPage();
  expect(await screen.findByText('Connected with the configured token')).toBeTruthy();
  expect(
    screen.getByText(/^Pinning works\. To renew the access by itself .* finish the OAuth setup:/)
  ).toBeTruthy();
  expect(screen.queryByText('Finish the setup to connect with OAuth')).toBeNull();
});

it('without a working token, the setup still asks to be finished', async () => {
  answerConnection = connection({ source: 'none', status: 'not_connected' });
  renderPage();
  expect(await screen.findByText('Finish the setup to connect with OAuth')).toBeTruthy();
  expect(screen.queryByText('Connected with the configured token')).toBeNull();
});
