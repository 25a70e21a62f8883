/** @jest-environment jsdom */
/**
 * Settings → Pinterest → Content types: every type listed with what it is and where its setup
 * comes from; a type from code read-only with the reason; selects offering only the server's
 * candidates; a live sample pin; the server's refusals shown under the fields they name; and the
 * never-pinned entries one click from a paced campaign.
 */
import type { ReactNode } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { ContentTypeSetupDTO, ContentTypeSetupInput } from '../../common/content-types';
import type { ContentTypeSample } from '../../admin/src/api/content-type-setup-schemas';
import ContentTypesSettings from '../../admin/src/pages/ContentTypes';
import { renderWithProviders } from './render';

const mockClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };
const mockRights = { canRead: true, canManage: true, canRepin: true };
const mockNotify = jest.fn();

jest.mock('@strapi/strapi/admin', () => ({
  useFetchClient: () => mockClient,
  useNotification: () => ({ toggleNotification: mockNotify }),
  Layouts: {
    Header: ({
      title,
      subtitle,
      primaryAction,
    }: {
      title: string;
      subtitle?: string;
      primaryAction?: ReactNode;
    }) => (
      <header>
        <h1>{title}</h1>
        <p>{subtitle}</p>
        {primaryAction}
      </header>
    ),
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
  useRights: () => ({ isLoading: false, allowedActions: mockRights }),
}));

const BLOG = 'api::blog-article.blog-article';
const ARTICLE = 'api::article.article';
const c = (...paths: string[]) => paths.map((path) => ({ path, type: 'string' }));

const blogSetup: ContentTypeSetupInput = {
  enabled: true,
  title: ['title', 'seo.metaTitle'],
  description: ['description'],
  content: ['blocks'],
  media: 'cover',
  altText: [],
  link: { kind: 'pattern', patterns: { '*': 'https://blog.example.com/{locale}/articles/{slug}' } },
  missingLink: 'refuse',
  pinOnPublish: true,
  defaultBoardId: '100',
  defaultBoardSectionId: null,
  onUnpublish: 'keep',
};

const blog = (over: Partial<ContentTypeSetupDTO> = {}): ContentTypeSetupDTO => ({
  uid: BLOG,
  displayName: 'Blog article',
  kind: 'collectionType',
  draftAndPublish: true,
  localized: true,
  pinField: null,
  source: null,
  enabled: false,
  mapping: null,
  candidates: {
    title: c('title', 'slug', 'seo.metaTitle'),
    description: c('description', 'seo.metaDescription'),
    content: [{ path: 'blocks', type: 'dynamiczone' }],
    media: [
      { path: 'cover', type: 'media' },
      { path: 'seo.shareImage', type: 'media' },
    ],
    link: [],
    placeholder: c('slug', 'category.slug'),
  },
  previewAvailable: false,
  neverPinned: null,
  ...over,
});

const article: ContentTypeSetupDTO = {
  ...blog(),
  uid: ARTICLE,
  displayName: 'Article',
  localized: false,
  pinField: 'pinterest',
  source: 'code',
  enabled: true,
  mapping: { ...blogSetup, link: { kind: 'attribute', path: 'canonicalUrl' } },
  candidates: { ...blog().candidates, link: c('canonicalUrl') },
  neverPinned: { count: 12, publishedBefore: '2026-12-01T10:00:00.000Z' },
};

const about: ContentTypeSetupDTO = {
  ...blog(),
  uid: 'api::about.about',
  displayName: 'About',
  kind: 'singleType',
  draftAndPublish: false,
  localized: false,
};

const sampleAnswer: ContentTypeSample = {
  entry: { documentId: 'doc1', locale: 'en', title: 'Tomato soup' },
  preview: {
    boardId: '100',
    boardSectionId: null,
    title: 'Tomato soup',
    description: 'A warm soup',
    link: 'https://blog.example.com/en/articles/tomato-soup',
    altText: null,
    media: null,
    warnings: [],
    // as the server sends it: no pinOnPublish (that is the entry's own field)
    problems: [],
  },
};

let types: ContentTypeSetupDTO[];
let sample: ContentTypeSample;
/** Several accounts: GET /pinterest/accounts and the type accounts of GET /pinterest/settings. */
const account = (id: number, username: string, isDefault: boolean) => ({
  id,
  source: 'oauth',
  username,
  displayName: username,
  profileImage: null,
  accountType: 'BUSINESS',
  status: 'connected',
  isDefault,
  lastError: null,
  connectedAt: null,
  waitingJobs: 0,
  writesPaused: null,
});
let accounts: unknown[];
let typeDefaults: unknown[];
beforeEach(() => {
  types = [about, article, blog()];
  sample = sampleAnswer;
  accounts = [account(1, 'demo', true)];
  typeDefaults = [];
  Object.assign(mockRights, { canRead: true, canManage: true, canRepin: true });
  mockNotify.mockReset();
  mockClient.get.mockReset().mockImplementation((url: string) => {
    if (url === '/pinterest/settings/content-types')
      return Promise.resolve({ data: { contentTypes: types } });
    if (url === '/pinterest/boards')
      return Promise.resolve({ data: { boards: [{ id: '100', name: 'Recipes' }] } });
    if (url === '/pinterest/boards?accountId=7')
      return Promise.resolve({
        data: { boards: [{ id: '701', name: 'Jardin', privacy: 'PUBLIC', description: null }] },
      });
    if (url === '/pinterest/boards/701/sections?accountId=7')
      return Promise.resolve({ data: { sections: [{ id: '7011', name: 'Potager' }] } });
    if (url === '/pinterest/accounts') return Promise.resolve({ data: { accounts } });
    if (url === '/pinterest/settings')
      return Promise.resolve({ data: { contentTypes: typeDefaults } });
    return Promise.reject(new Error(`unexpected GET ${url}`));
  });
  mockClient.post.mockReset().mockImplementation((url: string) => {
    if (url.endsWith('/sample')) return Promise.resolve({ data: sample });
    return Promise.reject(new Error(`unexpected POST ${url}`));
  });
  mockClient.put.mockReset();
});

const renderAt = (path: string) =>
  renderWithProviders(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/settings/pinterest-content-types/*" element={<ContentTypesSettings />} />
        <Route path="*" element={<p>Elsewhere</p>} />
      </Routes>
    </MemoryRouter>
  );
const LIST = '/settings/pinterest-content-types';
const setupOf = (uid: string) => `${LIST}/${encodeURIComponent(uid)}`;
/** The design system's selects are disabled by aria, the inputs by the attribute. */
const disabled = (el: HTMLElement) =>
  el.getAttribute('aria-disabled') === 'true' || el.hasAttribute('disabled');
const rowOf = (name: string) => screen.getByText(name).closest('tr')!;

it('lists every content type: kind, draft & publish, localized, pins, and where its setup comes from', async () => {
  renderAt(LIST);
  await screen.findByText('Blog article');
  const blogRow = within(rowOf('Blog article'));
  expect(blogRow.getByText('Collection type')).toBeTruthy();
  expect(blogRow.getByText('Not set up')).toBeTruthy();
  expect(blogRow.getByText('Off')).toBeTruthy();
  expect(blogRow.getByRole('link', { name: 'Set up Blog article' })).toBeTruthy();
  // no Pinterest field: it still pins, and the builder is one click away
  expect(
    blogRow.getByText(/^No Pinterest field: its entries pin to the default board/)
  ).toBeTruthy();
  expect(
    blogRow
      .getByRole('link', { name: 'Add the Pinterest field in the Content-Type Builder' })
      .getAttribute('href')
  ).toBe(`/plugins/content-type-builder/content-types/${BLOG}`);

  const articleRow = within(rowOf('Article'));
  expect(articleRow.getByText('Configured in code — read-only')).toBeTruthy();
  expect(articleRow.getByText(/set up in the site’s code .* wins over Settings/)).toBeTruthy();
  expect(articleRow.getByText('On')).toBeTruthy();
  expect(articleRow.getByRole('link', { name: 'View Article' })).toBeTruthy();
  expect(articleRow.queryByText(/^No Pinterest field/)).toBeNull();

  const aboutRow = within(rowOf('About'));
  expect(aboutRow.getByText('Single type')).toBeTruthy();
  expect(aboutRow.getAllByText('No')).toHaveLength(2); // neither draft & publish nor localized
});

it('never-pinned entries of an enabled type: a button to the planner with the type and the cut-off', async () => {
  renderAt(LIST);
  const row = within(rowOf(await screen.findByText('Article').then(() => 'Article')));
  expect(row.getByText('12 published entries were never pinned.')).toBeTruthy();
  const href = row
    .getByRole('link', { name: 'Plan a paced campaign for them' })
    .getAttribute('href')!;
  const url = new URL(href, 'http://admin');
  expect(url.pathname).toBe('/plugins/pinterest/campaigns/new');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    contentType: ARTICLE,
    publishedBefore: '2026-12-01T10:00:00.000Z',
  });
});

it('without the campaign right, the count says who can pin them instead of a dead button', async () => {
  mockRights.canRepin = false;
  renderAt(LIST);
  await screen.findByText('12 published entries were never pinned.');
  expect(screen.queryByRole('link', { name: 'Plan a paced campaign for them' })).toBeNull();
  expect(screen.getByText(/permission can pin them in a paced campaign/)).toBeTruthy();
});

it('a type configured in code is read-only, with the reason, and no Save', async () => {
  renderAt(setupOf(ARTICLE));
  await screen.findByRole('heading', { name: 'Article', level: 1 });
  expect(screen.getAllByText(/set up in the site’s code/).length).toBeGreaterThan(0);
  expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  expect(disabled(screen.getByRole('combobox', { name: 'Title: first choice' }))).toBe(true);
  expect(disabled(screen.getByRole('combobox', { name: 'Image or video' }))).toBe(true);
  expect(screen.queryByRole('button', { name: /^Insert / })).toBeNull();
  expect(screen.getByRole('checkbox', { name: 'Pin this content type' })).toHaveProperty(
    'disabled',
    true
  );
});

it('the selects offer only the attributes the server names for each part of the pin', async () => {
  const { user } = renderAt(setupOf(BLOG));
  await user.click(await screen.findByRole('combobox', { name: 'Image or video' }));
  expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
    'cover (media)',
    'seo.shareImage (media)',
  ]);
  await user.click(screen.getByRole('option', { name: 'cover (media)' }));
  // the title starts from `title`; a fallback is offered from what is left
  await user.click(screen.getByRole('button', { name: 'Add a fallback to Title' }));
  await user.click(screen.getByRole('combobox', { name: 'Title: fallback 1' }));
  expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
    'slug (string)',
    'seo.metaTitle (string)',
  ]);
  await user.click(screen.getByRole('option', { name: 'seo.metaTitle (string)' }));
  // reorder: the SEO title first
  await user.click(screen.getByRole('button', { name: 'Move seo.metaTitle up' }));
  expect(screen.getByRole('combobox', { name: 'Title: first choice' }).textContent).toContain(
    'seo.metaTitle'
  );
  // no attribute holds a URL here: the link is a pattern, with the placeholders as chips
  expect(screen.getByRole('radio', { name: 'A URL pattern' })).toHaveProperty(
    'ariaChecked',
    'true'
  );
  await user.click(
    screen.getByRole('button', { name: 'Insert {slug} into URL pattern (all other locales)' })
  );
  expect(
    screen.getByRole<HTMLInputElement>('textbox', { name: 'URL pattern (all other locales)' }).value
  ).toBe('{slug}');
  expect(
    screen.getByRole('button', { name: 'Insert {locale} into URL pattern (all other locales)' })
  ).toBeTruthy();
});

it('shows the sample pin built from a published entry with the unsaved choices', async () => {
  types = [blog({ source: 'admin', enabled: true, mapping: blogSetup })];
  renderAt(setupOf(BLOG));
  expect(await screen.findByText(/^From “Tomato soup” \(en\)/, {}, { timeout: 3000 })).toBeTruthy();
  expect(screen.getByRole('img', { name: 'Pin preview' }).textContent).toContain('Tomato soup');
  expect(screen.getByText('https://blog.example.com/en/articles/tomato-soup')).toBeTruthy();
  const [url, body] = mockClient.post.mock.calls.at(-1)!;
  expect(url).toBe(`/pinterest/settings/content-types/${encodeURIComponent(BLOG)}/sample`);
  expect(body).toEqual(blogSetup);
});

it('no published entry yet: says so instead of a sample', async () => {
  types = [blog({ source: 'admin', enabled: true, mapping: blogSetup })];
  sample = { entry: null, preview: null };
  renderAt(setupOf(BLOG));
  expect(await screen.findByText(/^No published entry yet/, {}, { timeout: 3000 })).toBeTruthy();
});

it('saving: the server’s refusals appear under the fields they name', async () => {
  types = [blog({ source: 'admin', enabled: true, mapping: blogSetup })];
  mockClient.put.mockRejectedValue({
    response: {
      status: 400,
      data: {
        error: {
          status: 400,
          name: 'ValidationError',
          message: 'title: “headline”: there is no attribute “headline”',
          details: {
            errors: [
              { path: ['title'], message: '“headline”: there is no attribute “headline”' },
              { path: ['linkPattern'], message: '“ftp://x/{slug}” is not an absolute URL' },
            ],
          },
        },
      },
    },
  });
  const { user } = renderAt(setupOf(BLOG));
  await user.click(await screen.findByRole('button', { name: 'Save' }));
  const titleGroup = within(screen.getByRole('group', { name: 'Title' }));
  expect(await titleGroup.findByText('“headline”: there is no attribute “headline”')).toBeTruthy();
  expect(screen.getByText('“ftp://x/{slug}” is not an absolute URL')).toBeTruthy();
  expect(mockNotify).toHaveBeenCalledWith(expect.objectContaining({ type: 'danger' }));
  expect(mockClient.put).toHaveBeenCalledWith(
    `/pinterest/settings/content-types/${encodeURIComponent(BLOG)}`,
    blogSetup
  );
});

it('saving: a success toast, and the list shows the type set up and pinning', async () => {
  const saved = blog({ source: 'admin', enabled: true, mapping: blogSetup });
  types = [blog({ mapping: blogSetup, source: 'admin' })];
  mockClient.put.mockResolvedValue({ data: { contentType: saved } });
  const { user } = renderAt(setupOf(BLOG));
  await user.click(await screen.findByRole('button', { name: 'Save' }));
  await waitFor(() =>
    expect(mockNotify).toHaveBeenCalledWith({ type: 'success', message: 'Blog article is set up.' })
  );
  const row = within(rowOf(await screen.findByText('Blog article').then(() => 'Blog article')));
  expect(row.getByText('Set up here')).toBeTruthy();
  expect(row.getByText('On')).toBeTruthy();
});

it('with read rights only, everything is shown and nothing can be changed', async () => {
  mockRights.canManage = false;
  renderAt(setupOf(BLOG));
  await screen.findByRole('heading', { name: 'Blog article', level: 1 });
  expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  expect(disabled(screen.getByRole('combobox', { name: 'Image or video' }))).toBe(true);
  expect(disabled(screen.getByRole('radio', { name: 'A URL pattern' }))).toBe(true);
});

it('several accounts: a type on another account says so and offers that account’s boards', async () => {
  accounts = [account(1, 'demo', true), account(7, 'maison_fr', false)];
  typeDefaults = [
    {
      uid: BLOG,
      displayName: 'Blog article',
      pinOnPublish: true,
      defaultBoardId: null,
      defaultBoardSectionId: null,
      onUnpublish: 'keep',
      defaultTemplate: null,
      defaultAccountId: 7,
    },
  ];
  const { user } = renderAt(setupOf(BLOG));
  expect(await screen.findByText('Pins to @maison_fr')).toBeTruthy();
  await user.click(screen.getByRole('combobox', { name: 'Default board' }));
  expect(await screen.findByRole('option', { name: 'Jardin' })).toBeTruthy();
  expect(screen.queryByRole('option', { name: 'Recipes' })).toBeNull();
  // its board's sections are asked of that account too
  await user.click(screen.getByRole('option', { name: 'Jardin' }));
  await user.click(await screen.findByRole('combobox', { name: 'Default section' }));
  expect(await screen.findByRole('option', { name: 'Potager' })).toBeTruthy();
  expect(mockClient.get).toHaveBeenCalledWith('/pinterest/boards/701/sections?accountId=7');
});

it('one account: no account note, and no other account’s boards asked', async () => {
  renderAt(setupOf(BLOG));
  await screen.findByRole('heading', { name: 'Blog article', level: 1 });
  await waitFor(() => expect(mockClient.get).toHaveBeenCalledWith('/pinterest/accounts'));
  expect(screen.queryByText(/^Pins to /)).toBeNull();
  expect(mockClient.get).not.toHaveBeenCalledWith('/pinterest/boards?accountId=7');
});
