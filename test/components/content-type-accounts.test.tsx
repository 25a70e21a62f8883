/** @jest-environment jsdom */
/**
 * Settings → Pinterest → Defaults per content type, with several accounts: each type chooses its
 * account (its boards are then that account's) and, when localized, an account and board per
 * locale; saving sends defaultAccountId and localeDefaults. With one account nothing of it shows.
 */
import { screen, within } from '@testing-library/react';
import type { AccountDTO, BoardDTO, SettingsDTO } from '../../common/wire';
import { ContentTypeDefaults } from '../../admin/src/components/Settings/ContentTypeDefaults';
import { renderWithProviders } from './render';
import { account } from './account-fixture';

const mockClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };
jest.mock('@strapi/strapi/admin', () => ({ useFetchClient: () => mockClient }));

const ACCOUNTS = [
  account({}),
  account({ id: 7, username: 'maison_fr', displayName: 'Maison FR', isDefault: false }),
];
const board = (id: string, name: string): BoardDTO => ({
  id,
  name,
  privacy: 'PUBLIC',
  description: null,
});
const DEMO_BOARDS = [board('11', 'Travel'), board('12', 'Recipes')];
const MAISON_BOARDS = [board('71', 'Cuisine'), board('72', 'Jardin')];
const SETTINGS: SettingsDTO = {
  contentTypes: [
    {
      uid: 'api::blog-article.blog-article',
      displayName: 'Blog article',
      pinOnPublish: true,
      defaultBoardId: '11',
      defaultBoardSectionId: null,
      onUnpublish: 'keep',
      defaultTemplate: null,
      localized: true,
      defaultAccountId: null,
      localeDefaults: {},
    },
  ],
};
const LOCALES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'French' },
];

beforeEach(() => {
  mockClient.get.mockReset().mockImplementation((url: string) => {
    if (url === '/pinterest/designs/templates') return Promise.resolve({ data: { templates: [] } });
    if (url === '/pinterest/boards?accountId=7')
      return Promise.resolve({ data: { boards: MAISON_BOARDS } });
    if (/\/sections/.test(url)) return Promise.resolve({ data: { sections: [] } });
    return Promise.reject(new Error(`unexpected GET ${url}`));
  });
});

function renderDefaults(accounts: AccountDTO[] | null) {
  const onSave = jest.fn((next: SettingsDTO) => {
    void next;
    return Promise.resolve();
  });
  const rendered = renderWithProviders(
    <ContentTypeDefaults
      settings={SETTINGS}
      boards={DEMO_BOARDS}
      boardsError={null}
      canManage
      accounts={accounts}
      locales={LOCALES}
      onSave={onSave}
    />
  );
  return { ...rendered, onSave };
}

it('with one account: no account choice, the boards as before', () => {
  renderDefaults(null);
  expect(screen.queryByRole('combobox', { name: 'Account' })).toBeNull();
  expect(screen.queryByRole('group', { name: 'Per locale' })).toBeNull();
  expect(screen.getByRole('combobox', { name: 'Default board' }).textContent).toContain('Travel');
});

it('a type’s account brings its boards; a locale gets its own account and board; both are saved', async () => {
  const { user, onSave } = renderDefaults(ACCOUNTS);
  const typeAccount = screen.getByRole('combobox', { name: 'Account' });
  expect(typeAccount.textContent).toContain('Default account (@demo)');

  // the type to Maison FR: its board is cleared, and Maison FR's boards are offered
  await user.click(typeAccount);
  await user.click(screen.getByRole('option', { name: '@maison_fr' }));
  const typeBoard = screen.getByRole('combobox', { name: 'Default board' });
  expect(typeBoard.textContent).not.toContain('Travel');
  await user.click(typeBoard);
  await user.click(await screen.findByRole('option', { name: 'Jardin' }));

  // English back to the default account, with one of its boards
  const perLocale = within(screen.getByRole('group', { name: 'Per locale' }));
  await user.click(perLocale.getByRole('combobox', { name: 'Account for English (en)' }));
  await user.click(screen.getByRole('option', { name: '@demo' }));
  await user.click(perLocale.getByRole('combobox', { name: 'Board for English (en)' }));
  await user.click(screen.getByRole('option', { name: 'Recipes' }));

  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(onSave).toHaveBeenCalledTimes(1);
  expect(onSave.mock.calls[0][0].contentTypes[0]).toMatchObject({
    defaultAccountId: 7,
    defaultBoardId: '72',
    defaultBoardSectionId: null,
    localeDefaults: { en: { accountId: 1, boardId: '12' } },
  });
  expect(mockClient.get).toHaveBeenCalledWith('/pinterest/boards?accountId=7');
});
