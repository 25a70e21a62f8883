/** @jest-environment jsdom */
/**
 * Settings → Pinterest → Accounts (several accounts): every account with its health and badges,
 * connecting another one, making one the default, and disconnecting one after a confirmation
 * that says its pins and stats are kept.
 */
import { screen, within } from '@testing-library/react';
import type { AccountDTO } from '../../common/wire';
import { AccountsList } from '../../admin/src/components/Settings/AccountsList';
import { renderWithProviders, type Locale } from './render';
import { account as baseAccount } from './account-fixture';

const account = (over: Partial<AccountDTO>): AccountDTO =>
  baseAccount({ connectedAt: '2026-12-01T10:00:00.000Z', ...over });
const ACCOUNTS = [
  account({}),
  account({ id: 2, username: 'maison_fr', displayName: 'Maison FR', isDefault: false }),
  account({
    id: 3,
    username: 'shop',
    displayName: 'shop',
    isDefault: false,
    status: 'reconnect_required',
    waitingJobs: 4,
  }),
];

function renderList(opts: { canManage?: boolean; locale?: Locale } = {}) {
  const actions = { onConnect: jest.fn(), onMakeDefault: jest.fn(), onDisconnect: jest.fn() };
  const rendered = renderWithProviders(
    <AccountsList
      accounts={ACCOUNTS}
      environment="sandbox"
      canManage={opts.canManage ?? true}
      busy={null}
      connecting={false}
      {...actions}
    />,
    { locale: opts.locale }
  );
  return { ...rendered, ...actions };
}

const row = (name: string) => screen.getByRole('listitem', { name });

it('lists every account: name, environment, status and the default one', () => {
  renderList();
  expect(screen.getByRole('region', { name: 'Accounts' })).toBeTruthy();
  expect(screen.getAllByRole('listitem')).toHaveLength(3);
  const demo = within(row('@demo'));
  expect(demo.getByText('Default')).toBeTruthy();
  expect(demo.getByText('Sandbox')).toBeTruthy();
  expect(demo.getByText('Connected')).toBeTruthy();
  // the default account cannot be made default again
  expect(demo.queryByRole('button', { name: 'Make default' })).toBeNull();
  const maison = within(row('@maison_fr'));
  expect(maison.getByText('Maison FR · @maison_fr')).toBeTruthy();
  expect(maison.queryByText('Default')).toBeNull();
});

it('an account whose token Pinterest refuses says so loudly, with its waiting pins and Reconnect', async () => {
  const { user, onConnect } = renderList();
  const shop = within(row('@shop'));
  expect(shop.getByText('Reconnect required')).toBeTruthy();
  expect(
    shop.getByText(
      'Pinterest no longer accepts this account’s token. 4 pins wait until you reconnect it.'
    )
  ).toBeTruthy();
  await user.click(shop.getByRole('button', { name: 'Reconnect' }));
  expect(onConnect).toHaveBeenCalledTimes(1);
  // only a connected account can become the default
  expect(shop.queryByRole('button', { name: 'Make default' })).toBeNull();
});

it('connects another account through the same OAuth flow, and makes one the default', async () => {
  const { user, onConnect, onMakeDefault } = renderList();
  await user.click(screen.getByRole('button', { name: 'Connect another account' }));
  expect(onConnect).toHaveBeenCalledTimes(1);
  await user.click(within(row('@maison_fr')).getByRole('button', { name: 'Make default' }));
  expect(onMakeDefault).toHaveBeenCalledWith(ACCOUNTS[1]);
});

it('disconnecting asks first, saying the pins and their stats are kept', async () => {
  const { user, onDisconnect } = renderList();
  await user.click(within(row('@maison_fr')).getByRole('button', { name: 'Disconnect' }));
  const dialog = await screen.findByRole('alertdialog', { name: 'Disconnect @maison_fr?' });
  expect(
    within(dialog).getByText(/Its pins stay on Pinterest and their stats are kept\./)
  ).toBeTruthy();
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(onDisconnect).not.toHaveBeenCalled();

  await user.click(within(row('@maison_fr')).getByRole('button', { name: 'Disconnect' }));
  await user.click(
    within(await screen.findByRole('alertdialog')).getByRole('button', {
      name: 'Disconnect the account',
    })
  );
  expect(onDisconnect).toHaveBeenCalledWith(ACCOUNTS[1]);
});

it('without the right to manage the settings: the list alone, no action', () => {
  renderList({ canManage: false });
  expect(screen.getAllByRole('listitem')).toHaveLength(3);
  expect(screen.queryAllByRole('button')).toHaveLength(0);
});

it('in French', () => {
  renderList({ locale: 'fr' });
  expect(screen.getByRole('region', { name: 'Comptes' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Connecter un autre compte' })).toBeTruthy();
  expect(within(row('@demo')).getByText('Par défaut')).toBeTruthy();
  expect(within(row('@shop')).getByText('Reconnexion requise')).toBeTruthy();
});
