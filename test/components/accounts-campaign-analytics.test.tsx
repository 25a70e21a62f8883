/** @jest-environment jsdom */
/**
 * Several accounts in the campaign planner and on the analytics page: the planner's account choice
 * (only with more than one connected account; its empty choice names the default account) and the
 * dashboard's totals per account (a name filters the dashboard on that account), in English and
 * French.
 */
import { screen, within } from '@testing-library/react';
import type { AnalyticsOverviewDTO } from '../../common/analytics';
import type { AccountDTO } from '../../common/wire';
import { AccountTotals } from '../../admin/src/components/Analytics/AccountTotals';
import { CampaignAccountField } from '../../admin/src/components/Campaign/CampaignAccountField';
import { renderWithProviders } from './render';
import { account as baseAccount } from './account-fixture';

const account = (over: Partial<AccountDTO>): AccountDTO =>
  baseAccount({
    username: 'strapi_demo',
    displayName: 'Strapi Demo Kitchen',
    connectedAt: '2026-12-01T10:00:00.000Z',
    ...over,
  });
const DEMO = account({});
const FR = account({ id: 2, username: 'maison_fr', displayName: 'Maison FR', isDefault: false });

describe('the planner’s account choice', () => {
  it('is not shown with one account', () => {
    renderWithProviders(
      <CampaignAccountField name="a" accounts={[DEMO]} value={null} onChange={jest.fn()} />
    );
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it('offers the default account, then each account; choosing one gives its id', async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(
      <CampaignAccountField name="a" accounts={[DEMO, FR]} value={null} onChange={onChange} />
    );
    const select = screen.getByRole('combobox', { name: 'Pinterest account' });
    expect(select.textContent).toContain('Default account (Strapi Demo Kitchen (@strapi_demo))');
    await user.click(select);
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Default account (Strapi Demo Kitchen (@strapi_demo))',
      'Strapi Demo Kitchen (@strapi_demo)',
      'Maison FR (@maison_fr)',
    ]);
    await user.click(screen.getByRole('option', { name: 'Maison FR (@maison_fr)' }));
    expect(onChange).toHaveBeenCalledWith(2);
  });

  it('speaks French', () => {
    renderWithProviders(
      <CampaignAccountField name="a" accounts={[DEMO, FR]} value={2} onChange={jest.fn()} />,
      { locale: 'fr' }
    );
    expect(screen.getByRole('combobox', { name: 'Compte Pinterest' }).textContent).toContain(
      'Maison FR (@maison_fr)'
    );
  });
});

describe('the dashboard’s totals per account', () => {
  const totals = (impressions: number, saves: number, pins: number) => ({
    impressions,
    saves,
    pinClicks: 1,
    outboundClicks: 2,
    saveRate: saves / impressions,
    videoViews: null,
    pins,
  });
  const ROWS: AnalyticsOverviewDTO['accountTotals'] = [
    { accountId: 2, username: 'maison_fr', displayName: 'Maison FR', totals: totals(900, 9, 3) },
    { accountId: 1, username: 'strapi_demo', displayName: 'Demo', totals: totals(400, 8, 2) },
    { accountId: null, username: null, displayName: null, totals: totals(100, 1, 1) },
  ];

  it('one row per account with its figures; a name filters on that account', async () => {
    const onChoose = jest.fn();
    const { user } = renderWithProviders(<AccountTotals rows={ROWS} onChoose={onChoose} />);
    const table = screen.getByRole('grid');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('gridcell')[0].textContent)).toEqual([
      'Maison FR (@maison_fr)',
      'Demo (@strapi_demo)',
      'No account (stored before several accounts)',
    ]);
    expect(within(rows[0]).getByText('900')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Maison FR (@maison_fr)' }));
    expect(onChoose).toHaveBeenCalledWith(2);
  });

  it('speaks French', () => {
    renderWithProviders(<AccountTotals rows={ROWS} onChoose={jest.fn()} />, { locale: 'fr' });
    expect(screen.getByRole('heading', { name: 'Par compte' })).toBeTruthy();
    expect(screen.getByText('Aucun compte (enregistré avant les comptes multiples)')).toBeTruthy();
  });
});
