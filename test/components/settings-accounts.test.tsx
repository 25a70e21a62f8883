/** @jest-environment jsdom */
/**
 * Settings → Pinterest with several accounts: one account looks as before plus "Connect another
 * account" on its card; two list the Accounts section; a reader the accounts route refuses (403)
 * sees the connection alone, without an error.
 */
import type { ReactNode } from 'react';
import { screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { ConnectionDTO } from '../../common/wire';
import SettingsPage from '../../admin/src/pages/SettingsPage';
import { renderWithProviders } from './render';
import { account } from './account-fixture';

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

const CONNECTION: ConnectionDTO = {
  environment: 'sandbox',
  apiUrl: 'https://api-sandbox.pinterest.com/v5',
  setup: {
    hasAppId: true,
    hasAppSecret: true,
    hasEncryptionKey: true,
    redirectUri: 'http://localhost:1337/api/pinterest/oauth/callback',
    problems: [],
  },
  source: 'oauth',
  status: 'connected',
  account: {
    username: 'demo',
    accountType: 'BUSINESS',
    isBusiness: true,
    businessName: null,
    profileImage: null,
  },
  scopes: [],
  missingScopes: [],
  token: null,
  lastError: null,
  waitingJobs: 0,
  writesPaused: null,
};

let accounts: () => Promise<unknown>;
beforeEach(() => {
  accounts = () => Promise.resolve({ data: { accounts: [account({})] } });
  mockClient.get.mockReset().mockImplementation((url: string) => {
    if (url === '/pinterest/connection') return Promise.resolve({ data: CONNECTION });
    if (url === '/pinterest/accounts') return accounts();
    if (url === '/pinterest/settings') return Promise.resolve({ data: { contentTypes: [] } });
    if (url === '/pinterest/boards') return Promise.resolve({ data: { boards: [] } });
    return Promise.reject(new Error(`unexpected GET ${url}`));
  });
});

const renderPage = () =>
  renderWithProviders(
    <MemoryRouter>
      <SettingsPage />
    </MemoryRouter>
  );

it('one account: the card as before, plus "Connect another account"', async () => {
  renderPage();
  expect(await screen.findByRole('button', { name: 'Connect another account' })).toBeTruthy();
  expect(screen.getByRole('heading', { name: '@demo' })).toBeTruthy();
  expect(screen.queryByRole('region', { name: 'Accounts' })).toBeNull();
});

it('two accounts: the Accounts section lists both, and offers another one there', async () => {
  accounts = () =>
    Promise.resolve({
      data: {
        accounts: [
          account({}),
          account({ id: 2, username: 'maison_fr', displayName: 'Maison FR', isDefault: false }),
        ],
      },
    });
  renderPage();
  const region = await screen.findByRole('region', { name: 'Accounts' });
  expect(region.querySelectorAll('li')).toHaveLength(2);
  // one "Connect another account", in the section
  expect(screen.getAllByRole('button', { name: 'Connect another account' })).toHaveLength(1);
});

it('the accounts route refused (403): the connection alone, no error', async () => {
  accounts = () =>
    Promise.reject(
      Object.assign(new Error('Request failed with status code 403'), {
        status: 403,
        response: { data: { data: null, error: { status: 403, name: 'ForbiddenError' } } },
      })
    );
  renderPage();
  expect(await screen.findByRole('heading', { name: '@demo' })).toBeTruthy();
  await new Promise((r) => setTimeout(r, 50));
  expect(screen.queryByText('The accounts could not be loaded')).toBeNull();
  expect(screen.queryByRole('region', { name: 'Accounts' })).toBeNull();
});
