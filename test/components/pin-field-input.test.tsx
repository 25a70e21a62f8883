/** @jest-environment jsdom */
/**
 * The whole `plugin::pinterest.pin` field as the content manager renders it. Strapi's admin hooks
 * are
 * replaced by a form held in React state and a fetch client answering like the plugin's admin
 * routes
 * (the preview through the server's own previewPin), so the field's wiring is what is tested here:
 * BoardPicker and useBoardSections loading data, the create-board call, the counters, the cover
 * picker for a video, and the preview following the form.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import type { AccountDTO, BoardDTO, BoardSectionDTO, ConnectionDTO } from '../../common/wire';
import { pinFieldValueSchema, type PinFieldValue } from '../../common/pin-field';
import { contentTypeMappingSchema } from '../../server/src/config/schema';
import { previewPin } from '../../server/src/mapping/pin-draft';
import PinFieldInput from '../../admin/src/components/PinField/PinFieldInput';
import { renderWithProviders } from './render';
import { account } from './account-fixture';

type Values = Record<string, unknown>;
const MockFormContext = createContext<{
  values: Values;
  setValues: (update: (v: Values) => Values) => void;
}>({ values: {}, setValues: () => undefined });

const mockClient = { get: jest.fn(), post: jest.fn() };
const mockToggleNotification = jest.fn();
let mockCanPublish = true;

jest.mock('@strapi/strapi/admin', () => ({
  useFetchClient: () => mockClient,
  // the Design section's preview image is a plain fetch with the session token
  useAuth: () => null,
  useNotification: () => ({ toggleNotification: mockToggleNotification }),
  useField: (name: string) => {
    const form = useContext(MockFormContext);
    return {
      value: form.values[name],
      error: undefined,
      onChange: (field: string, value: unknown) =>
        form.setValues((v) => ({ ...v, [field]: value })),
    };
  },
  useForm: (_name: string, select: (state: { values: Values }) => unknown) =>
    select({ values: useContext(MockFormContext).values }),
  unstable_useContentManagerContext: () => ({ model: 'api::article.article', id: 'doc-1' }),
}));
jest.mock('../../admin/src/hooks/useRights', () => ({
  useRights: () => ({ isLoading: false, allowedActions: { canPublish: mockCanPublish } }),
}));

const MAPPING = contentTypeMappingSchema.parse({});
const BOARDS: BoardDTO[] = [
  { id: '11', name: 'Travel', privacy: 'PUBLIC', description: null },
  { id: '12', name: 'Recipes', privacy: 'PUBLIC', description: null },
];
const SECTIONS: Record<string, BoardSectionDTO[]> = { '12': [{ id: '1201', name: 'Dinner' }] };
const HERO = {
  url: 'https://cdn.example.com/soup.jpg',
  mime: 'image/jpeg',
  width: 1000,
  height: 1500,
  size: 300,
  alternativeText: 'Soup',
};
const ARTICLE = {
  title: 'Tomato soup for cold evenings',
  excerpt: 'A warm soup.',
  hero: HERO,
  canonicalUrl: 'https://blog.example.com/soup',
};

/** What GET /pinterest/connection answers, with the status each test sets. */
const connectionAnswer = (status: ConnectionDTO['status']): ConnectionDTO => ({
  environment: 'sandbox',
  apiUrl: 'https://api-sandbox.pinterest.com/v5',
  setup: {
    hasAppId: true,
    hasAppSecret: true,
    hasEncryptionKey: true,
    redirectUri: 'x',
    problems: [],
  },
  source: status === 'not_connected' ? 'none' : 'oauth',
  status,
  account: null,
  scopes: [],
  missingScopes: [],
  token: null,
  lastError: null,
  waitingJobs: 0,
  writesPaused: null,
});
const answer = (data: unknown) => Promise.resolve({ data });

let connection: ConnectionDTO['status'] = 'connected';
let created: { board?: BoardDTO; error?: string } = {};

const MAISON = account({
  id: 7,
  username: 'maison_fr',
  displayName: 'Maison FR',
  isDefault: false,
});
/** The second account's boards (GET /pinterest/boards?accountId=7). */
const MAISON_BOARDS: BoardDTO[] = [
  { id: '71', name: 'Cuisine', privacy: 'PUBLIC', description: null },
  { id: '72', name: 'Jardin', privacy: 'PUBLIC', description: null },
];
let accounts: AccountDTO[] = [account({})];
/** The account the preview says routing picks when the field names none (null: the default). */
let routedAccountId: number | null = null;

beforeEach(() => {
  connection = 'connected';
  created = {};
  mockCanPublish = true;
  accounts = [account({})];
  routedAccountId = null;
  mockToggleNotification.mockReset();
  mockClient.get.mockReset().mockImplementation((url: string) => {
    if (url === '/pinterest/boards') return answer({ boards: BOARDS });
    if (url === '/pinterest/boards?accountId=7') return answer({ boards: MAISON_BOARDS });
    if (url === '/pinterest/accounts') return answer({ accounts });
    if (url === '/pinterest/connection') return answer(connectionAnswer(connection));
    const sections = /^\/pinterest\/boards\/(\w+)\/sections$/.exec(url);
    if (sections) return answer({ sections: SECTIONS[sections[1]] ?? [] });
    return Promise.reject(new Error(`unexpected GET ${url}`));
  });
  mockClient.post
    .mockReset()
    .mockImplementation((url: string, body: { values?: Values; name?: string }) => {
      if (url === '/pinterest/preview') {
        // as the editor controller does: the field's value, parsed, and the entry's values as they
        // are
        const parsed = pinFieldValueSchema.safeParse(body.values?.pinterest ?? {});
        const field = parsed.success ? parsed.data : null;
        const preview = previewPin({
          contentType: 'api::article.article',
          documentId: 'doc-1',
          locale: 'en',
          entry: body.values ?? {},
          mapping: MAPPING,
          field,
          utm: { enabled: true, source: 'pinterest', medium: 'social' },
        });
        return answer({
          ...preview,
          pinOnPublish: field?.enabled ?? MAPPING.pinOnPublish,
          routedAccountId,
        });
      }
      if (url === '/pinterest/boards') {
        // as Strapi's fetch client rejects: a FetchError carrying the server's error body
        if (created.error)
          return Promise.reject(
            Object.assign(new Error('Request failed with status code 400'), {
              response: { data: { error: { status: 400, message: created.error } } },
            })
          );
        return answer({ board: created.board });
      }
      return Promise.reject(new Error(`unexpected POST ${url}`));
    });
});

let current: Values = {};
function Form({ initial, children }: { initial: Values; children: ReactNode }) {
  const [values, setState] = useState(initial);
  const setValues = (update: (v: Values) => Values) => setState((v) => (current = update(v)));
  return (
    <MockFormContext.Provider value={{ values, setValues }}>{children}</MockFormContext.Provider>
  );
}

function renderField(entry: Values = ARTICLE, field: PinFieldValue = {}) {
  current = { ...entry, pinterest: field };
  return renderWithProviders(
    <Form initial={{ ...entry, pinterest: field }}>
      <PinFieldInput name="pinterest" />
    </Form>
  );
}

const fieldValue = () => current.pinterest as PinFieldValue;
const boardBox = () => screen.getByRole('combobox', { name: 'Board' });
const previewCard = () => screen.findByRole('img', { name: 'Pin preview' });

it('loads the boards, picks a board and one of its sections into the field', async () => {
  const { user } = renderField();
  await screen.findByRole('combobox', { name: 'Board', description: '2 boards' });
  await user.type(boardBox(), 'reci');
  await user.click(screen.getByRole('option', { name: 'Recipes' }));
  expect(fieldValue()).toEqual({ boardId: '12' });

  const section = screen.getByRole('combobox', { name: 'Section (optional)' });
  await waitFor(() => expect(section.getAttribute('aria-disabled')).toBe('false'));
  expect(mockClient.get).toHaveBeenCalledWith('/pinterest/boards/12/sections');
  await user.click(section);
  await user.click(screen.getByRole('option', { name: 'Dinner' }));
  expect(fieldValue()).toEqual({ boardId: '12', boardSectionId: '1201' });
});

it('creates a board from what was typed and chooses it', async () => {
  created = { board: { id: '99', name: 'Knitting', privacy: 'PUBLIC', description: null } };
  const { user } = renderField();
  await screen.findByRole('combobox', { name: 'Board', description: '2 boards' });
  await user.type(boardBox(), 'Knitting');
  await user.click(screen.getByRole('option', { name: 'Create board “Knitting”' }));
  await waitFor(() => expect(fieldValue()).toEqual({ boardId: '99' }));
  expect(mockClient.post).toHaveBeenCalledWith('/pinterest/boards', { name: 'Knitting' });
  expect(mockToggleNotification).toHaveBeenCalledWith({
    type: 'success',
    message: 'Board “Knitting” created on Pinterest.',
  });
  expect(boardBox()).toHaveProperty('value', 'Knitting');
  expect(screen.getByRole('combobox', { name: 'Board', description: '3 boards' })).toBeTruthy();
});

it('a board Pinterest refused to create leaves the field as it was', async () => {
  created = { error: 'Board name already taken' };
  const { user } = renderField(ARTICLE, { boardId: '11' });
  await screen.findByRole('combobox', { name: 'Board', description: '2 boards' });
  await user.clear(boardBox());
  await user.type(boardBox(), 'Travel 2');
  await user.click(screen.getByRole('option', { name: 'Create board “Travel 2”' }));
  await waitFor(() =>
    expect(mockToggleNotification).toHaveBeenCalledWith({
      type: 'danger',
      message: 'Board name already taken',
    })
  );
  expect(fieldValue()).toEqual({ boardId: '11' });
  expect(mockClient.get).not.toHaveBeenCalledWith('/pinterest/boards/Travel 2/sections');
});

it('offers no board creation without the pin permission', async () => {
  mockCanPublish = false;
  const { user } = renderField();
  await screen.findByRole('combobox', { name: 'Board', description: '2 boards' });
  await user.type(boardBox(), 'Knitting');
  expect(screen.queryByRole('option', { name: /Create board/ })).toBeNull();
  expect(screen.getByText('No board matches')).toBeTruthy();
});

it('counts the Pinterest-only title and description as they are typed, and the preview follows', async () => {
  const { user } = renderField();
  const title = screen.getByRole('textbox', {
    name: 'Pinterest title (optional)',
    description: 'Pinterest only. 0 / 100',
  });
  const description = screen.getByRole('textbox', {
    name: 'Pinterest description (optional)',
    description: 'Pinterest only. 0 / 500',
  });
  // no silent stop at the limit: past it, the field says what Pinterest gets
  expect(title.getAttribute('maxlength')).toBeNull();
  expect(description.getAttribute('maxlength')).toBeNull();
  expect(within(await previewCard()).getByText('Tomato soup for cold evenings')).toBeTruthy();

  await user.type(title, 'Soup night 🍅');
  await user.type(description, 'Bring bread.');
  expect(
    screen.getByRole('textbox', {
      name: 'Pinterest title (optional)',
      description: 'Pinterest only. 12 / 100',
    })
  ).toBeTruthy();
  expect(
    screen.getByRole('textbox', {
      name: 'Pinterest description (optional)',
      description: 'Pinterest only. 12 / 500',
    })
  ).toBeTruthy();
  expect(fieldValue()).toEqual({ title: 'Soup night 🍅', description: 'Bring bread.' });

  expect(await within(await previewCard()).findByText('Soup night 🍅')).toBeTruthy();
  expect(screen.getByText('Title 12 / 100')).toBeTruthy();
  expect(screen.getByText('Description 12 / 500')).toBeTruthy();
  // the form's values went to the preview route, unsaved changes included
  expect(mockClient.post).toHaveBeenLastCalledWith(
    '/pinterest/preview',
    expect.objectContaining({
      contentType: 'api::article.article',
      documentId: 'doc-1',
      values: expect.objectContaining({ pinterest: fieldValue() }),
    })
  );
});

it('lets the override run past 100 characters and says, in red, the title Pinterest gets', async () => {
  // 13 words of 9 characters: 129 characters; cut at a word (with an ellipsis) to fit 100
  const long = Array.from({ length: 13 }, (_, i) => `word${String(i).padStart(4, '0')}x`).join(' ');
  renderField(ARTICLE, { title: long });
  const sent = `${long.slice(0, 89)}…`;
  expect(sent.endsWith('word0008x…')).toBe(true);
  const error = await screen.findByText(
    `129 / 100: too long. Pinterest gets the title cut at a word: “${sent}”`
  );
  expect(
    screen.getByRole('textbox', {
      name: 'Pinterest title (optional)',
      description: error.textContent ?? '',
    })
  ).toHaveProperty('value', long);
  expect(fieldValue()).toEqual({ title: long });
  expect(within(await previewCard()).getByText(sent)).toBeTruthy();
});

it('says where a description past 500 characters will end', async () => {
  const long = Array.from({ length: 60 }, (_, i) => `sentence${String(i).padStart(2, '0')}`).join(
    ' '
  );
  renderField(ARTICLE, { description: long });
  expect(
    await screen.findByText(
      /^659 \/ 500: too long\. Pinterest gets the description cut at a word, ending “….* sentence\d\d…”$/
    )
  ).toBeTruthy();
});

it('turns pinning on publish off for this entry', async () => {
  const { user } = renderField();
  const toggle = screen.getByRole('checkbox', { name: 'Pin on publish' });
  expect(toggle).toHaveProperty('checked', true);
  await user.click(toggle);
  expect(fieldValue()).toEqual({ enabled: false });
  expect(screen.getByRole('checkbox', { name: 'Pin on publish' })).toHaveProperty('checked', false);
});

it('shows the cover-frame picker for a video hero only', async () => {
  const { unmount } = renderField({
    ...ARTICLE,
    hero: { url: 'https://cdn.example.com/soup.mp4', mime: 'video/mp4', size: 4096 },
  });
  expect(await screen.findByRole('slider', { name: 'Frame at 0 s' })).toBeTruthy();
  expect(screen.getByText('Video cover')).toBeTruthy();
  unmount();

  renderField();
  await previewCard();
  expect(screen.queryByRole('slider')).toBeNull();
  expect(screen.queryByText('Video cover')).toBeNull();
});

it('warns when no Pinterest account is connected, and about the missing hero image', async () => {
  connection = 'not_connected';
  renderField({ ...ARTICLE, hero: null }, { boardId: '12' });
  const notes = await screen.findByRole('list', { name: 'Things to check before pinning' });
  expect(
    within(notes)
      .getAllByRole('listitem')
      .map((li) => li.textContent)
  ).toEqual([
    'No Pinterest account is connected: pins will wait until one is.',
    expect.stringMatching(/^No image or video: Pinterest has no text-only pins/),
  ]);
});

describe('several accounts', () => {
  const accountBox = () => screen.queryByRole('combobox', { name: 'Pinterest account' });

  it('with one account, no account picker: the boards are the account’s, as before', async () => {
    renderField();
    await screen.findByRole('combobox', { name: 'Board', description: '2 boards' });
    expect(mockClient.get).toHaveBeenCalledWith('/pinterest/accounts');
    expect(accountBox()).toBeNull();
  });

  it('with two, the account comes first; choosing one loads its boards and clears the board', async () => {
    accounts = [account({}), MAISON];
    const { user } = renderField(ARTICLE, { boardId: '11' });
    const select = await screen.findByRole('combobox', { name: 'Pinterest account' });
    // the empty choice names the account routing picks: here the default one
    expect(select.textContent).toContain('Default account (@demo)');
    await screen.findByRole('combobox', { name: 'Board', description: '2 boards' });

    await user.click(select);
    await user.click(screen.getByRole('option', { name: '@maison_fr' }));
    expect(fieldValue()).toEqual({ accountId: 7 });
    await waitFor(() =>
      expect(mockClient.get).toHaveBeenCalledWith('/pinterest/boards?accountId=7')
    );

    await user.type(boardBox(), 'jar');
    await user.click(await screen.findByRole('option', { name: 'Jardin' }));
    expect(fieldValue()).toEqual({ accountId: 7, boardId: '72' });
    // a new board is created on the chosen account
    created = { board: { id: '79', name: 'Tricot', privacy: 'PUBLIC', description: null } };
    await user.clear(boardBox());
    await user.type(boardBox(), 'Tricot');
    await user.click(screen.getByRole('option', { name: 'Create board “Tricot”' }));
    await waitFor(() => expect(fieldValue()).toEqual({ accountId: 7, boardId: '79' }));
    expect(mockClient.post).toHaveBeenCalledWith('/pinterest/boards', {
      name: 'Tricot',
      accountId: 7,
    });

    await user.click(select);
    await user.click(screen.getByRole('option', { name: 'Default account (@demo)' }));
    expect(fieldValue()).toEqual({});
  });

  it('an entry whose type routes it to another account: that account, named, and its boards', async () => {
    accounts = [account({}), MAISON];
    routedAccountId = 7;
    renderField();
    const select = await screen.findByRole('combobox', { name: 'Pinterest account' });
    await waitFor(() =>
      expect(select.textContent).toContain('Default for this entry (@maison_fr)')
    );
    await waitFor(() =>
      expect(mockClient.get).toHaveBeenCalledWith('/pinterest/boards?accountId=7')
    );
    await screen.findByRole('combobox', { name: 'Board', description: '2 boards' });
    // nothing stored: the routing decides
    expect(fieldValue()).toEqual({});
  });

  it('a disconnected account is not offered; with one connected left, no picker', async () => {
    accounts = [account({}), { ...MAISON, status: 'disconnected' }];
    renderField();
    await screen.findByRole('combobox', { name: 'Board', description: '2 boards' });
    expect(accountBox()).toBeNull();
  });
});
