/** @jest-environment jsdom */
/**
 * The side panel shows the link each pin went out with, and says so — with what to do — when a
 * pin went out without one (its content type allows it: `missingLink: 'warn'`).
 */
import type { PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { screen } from '@testing-library/react';
import type { PinRecordDTO } from '../../common/wire';
import { PinterestPanel } from '../../admin/src/components/PinPanel/PinterestPanel';
import { renderWithProviders } from './render';

const mockClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };

jest.mock('@strapi/strapi/admin', () => ({
  useFetchClient: () => mockClient,
  useNotification: () => ({ toggleNotification: jest.fn() }),
}));
jest.mock('../../admin/src/hooks/useRights', () => ({
  useRights: () => ({ isLoading: false, allowedActions: { canPublish: true } }),
}));

const BLOG = 'api::blog-article.blog-article';
const pin = (over: Partial<PinRecordDTO>): PinRecordDTO => ({
  id: 1,
  contentType: BLOG,
  documentId: 'doc-1',
  locale: 'en',
  boardId: '100',
  boardSectionId: null,
  pinId: '9001',
  pinUrl: 'https://www.pinterest.com/pin/9001/',
  status: 'pinned',
  title: 'Lentil stew',
  link: 'https://blog.example.com/en/articles/lentil-stew',
  mediaSource: null,
  pinnedAt: '2026-12-01T10:00:00.000Z',
  lastSyncedAt: null,
  lastError: null,
  ...over,
});

let pins: PinRecordDTO[] = [];
beforeEach(() => {
  mockClient.get.mockReset().mockImplementation((url: string) => {
    if (url === '/pinterest/content-types')
      return Promise.resolve({ data: { contentTypes: [BLOG] } });
    if (url === '/pinterest/boards')
      return Promise.resolve({ data: { boards: [{ id: '100', name: 'Recipes' }] } });
    if (url.startsWith(`/pinterest/entries/${BLOG}/doc-1/pins`))
      return Promise.resolve({ data: { mapped: true, pins, jobs: [] } });
    return Promise.reject(new Error(`unexpected GET ${url}`));
  });
});

function Host() {
  const panel = PinterestPanel({
    model: BLOG,
    documentId: 'doc-1',
    document: { locale: 'en', updatedAt: '2026-12-01T10:00:00.000Z' },
  } as unknown as PanelComponentProps);
  return panel ? <section aria-label={panel.title}>{panel.content}</section> : null;
}

it('a pinned entry: the link its pin goes to', async () => {
  pins = [pin({})];
  renderWithProviders(<Host />);
  expect(
    await screen.findByText('Links to https://blog.example.com/en/articles/lentil-stew')
  ).toBeTruthy();
  expect(screen.queryByText('Pinned without a link')).toBeNull();
});

it('pinned without a link: says so, with what to do', async () => {
  pins = [pin({ link: null, withoutLink: true })];
  renderWithProviders(<Host />);
  expect(await screen.findByText('Pinned without a link')).toBeTruthy();
  expect(screen.getByText(/^A pin without a link brings no visits\./)).toBeTruthy();
  expect(screen.queryByText(/^Links to/)).toBeNull();
});
