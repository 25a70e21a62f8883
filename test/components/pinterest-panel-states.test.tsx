/** @jest-environment jsdom */
/**
 * The side panel tells the truth about an entry's pin: the fix (not Retry) for a failure only a
 * change can cure, "Updated on Pinterest" after an edit reached it, "Changes waiting to sync"
 * while one waits, and after "Sync now" the true state until the server reports a new one.
 */
import type { PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { EntryPinsDTO, JobDTO, PinErrorDTO, PinRecordDTO } from '../../common/wire';
import { PinError, type PinErrorCode } from '../../server/src/errors/pin-error';
import { PinterestPanel } from '../../admin/src/components/PinPanel/PinterestPanel';
import { renderWithProviders, type Locale } from './render';

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
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

const errorOf = (code: PinErrorCode, message = 'The server’s own words.'): PinErrorDTO =>
  new PinError(code, message).toJSON();

const job = (over: Partial<JobDTO> = {}): JobDTO => ({
  id: 41,
  kind: 'pin.entry',
  state: 'failed',
  attempts: 1,
  runAt: null,
  lastError: null,
  updatedAt: minutesAgo(5),
  contentType: 'api::article.article',
  documentId: 'doc-1',
  locale: 'en',
  ...over,
});

const pin = (over: Partial<PinRecordDTO> = {}): PinRecordDTO => ({
  id: 7,
  contentType: 'api::article.article',
  documentId: 'doc-1',
  locale: 'en',
  boardId: '12',
  boardSectionId: null,
  pinId: '9001',
  pinUrl: 'https://www.pinterest.com/pin/9001/',
  status: 'pinned',
  title: 'Soup',
  link: null,
  mediaSource: null,
  pinnedAt: minutesAgo(60),
  lastSyncedAt: null,
  lastError: null,
  ...over,
});

let entry: EntryPinsDTO = { pins: [], jobs: [] };

beforeEach(() => {
  mockToggleNotification.mockReset();
  mockClient.get.mockReset().mockImplementation((url: string) => {
    if (url === '/pinterest/content-types')
      return answer({ contentTypes: ['api::article.article'] });
    if (url === '/pinterest/boards') return answer({ boards: [] });
    if (url === '/pinterest/boards?accountId=3')
      return answer({
        boards: [{ id: '31', name: 'Recettes', privacy: 'PUBLIC', description: null }],
      });
    if (url.startsWith('/pinterest/entries/api::article.article/doc-1/pins')) return answer(entry);
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

const render = (locale: Locale = 'en') => renderWithProviders(<Host />, { locale });
const panel = () => screen.getByRole('region', { name: 'Pinterest' });
/** The status badge's words (the line "Status … Pinned"). */
const status = () => screen.getByText('Status').parentElement?.textContent?.replace(/^Status/, '');
const findStatus = (text: string) => waitFor(() => expect(status()).toBe(text));
const buttonNames = () =>
  within(panel())
    .queryAllByRole('button')
    .map((b) => b.textContent);

describe('a failure only a change can cure: the fix, not Retry', () => {
  it.each([
    ['BOARD_REQUIRED', 'No board chosen', 'Choose a board'],
    ['BOARD_NOT_FOUND', 'The board was not found', 'Choose a board'],
    ['MEDIA_REQUIRED', 'No image or video: Pinterest has no text-only pins', 'Add an image'],
    ['MEDIA_UNSUPPORTED', 'Pinterest does not take this kind of file', 'Change the image'],
    ['MEDIA_TOO_SMALL', 'The image is too small', 'Change the image'],
  ] as const)('%s: says "%s" and offers "%s"', async (code, title, fix) => {
    entry = { pins: [], jobs: [job({ lastError: errorOf(code) })] };
    render();
    expect(await screen.findByText(title)).toBeTruthy();
    expect(screen.getByText(new PinError(code, 'x').advice)).toBeTruthy();
    expect(screen.getByText(`Code: ${code} · The server’s own words.`)).toBeTruthy();
    expect(buttonNames()).toContain(fix);
    expect(buttonNames()).not.toContain('Retry');
  });

  it('"Choose a board" brings the editor to the board picker', async () => {
    const picker = document.createElement('input');
    picker.setAttribute('data-pinterest-board-picker', '');
    const scrolled = jest.fn();
    picker.scrollIntoView = scrolled;
    document.body.append(picker);
    entry = { pins: [], jobs: [job({ lastError: errorOf('BOARD_REQUIRED') })] };
    const { user } = render();
    await user.click(await screen.findByRole('button', { name: 'Choose a board' }));
    expect(document.activeElement).toBe(picker);
    expect(scrolled).toHaveBeenCalled();
    picker.remove();
  });

  it('the no-image failure says "no text-only pins" once', async () => {
    entry = {
      pins: [],
      jobs: [job({ lastError: errorOf('MEDIA_REQUIRED', 'This entry has no image or video.') })],
    };
    render();
    await screen.findByText('Add an image');
    expect(panel().textContent?.match(/text-only/g)).toHaveLength(1);
  });

  it.each(['TIMEOUT', 'PINTEREST_ERROR', 'PINTEREST_UNREACHABLE'] as const)(
    'a retryable failure (%s) offers Retry and no fix',
    async (code) => {
      entry = { pins: [], jobs: [job({ lastError: errorOf(code) })] };
      render();
      expect(await screen.findByRole('button', { name: 'Retry' })).toBeTruthy();
      expect(buttonNames()).not.toContain('Choose a board');
      expect(buttonNames()).not.toContain('Add an image');
    }
  );

  it('in French too, with the code kept for support', async () => {
    entry = { pins: [], jobs: [job({ lastError: errorOf('BOARD_REQUIRED') })] };
    render('fr');
    expect(await screen.findByText('Aucun tableau choisi')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Choisir un tableau' })).toBeTruthy();
    expect(screen.getByText('Code : BOARD_REQUIRED · The server’s own words.')).toBeTruthy();
  });
});

describe('an edited entry: its sync told as it is', () => {
  it('after an edit reached Pinterest: "Updated on Pinterest · 2 minutes ago"', async () => {
    entry = { pins: [pin({ lastSyncedAt: minutesAgo(2) })], jobs: [job({ state: 'done' })] };
    render();
    expect(await screen.findByText('Updated on Pinterest · 2 minutes ago')).toBeTruthy();
    expect(status()).toBe('Pinned');
  });

  it('says nothing of an update before the first one', async () => {
    entry = { pins: [pin()], jobs: [job({ state: 'done' })] };
    render();
    await findStatus('Pinned');
    expect(screen.queryByText(/Updated on Pinterest/)).toBeNull();
  });

  it('while an edit waits: "Changes waiting to sync"', async () => {
    entry = {
      pins: [pin({ lastSyncedAt: minutesAgo(30) })],
      jobs: [job({ state: 'waiting', runAt: new Date().toISOString() })],
    };
    render();
    expect(await screen.findByText('Changes waiting to sync')).toBeTruthy();
    expect(screen.getByText('The pin shows the version sent 30 minutes ago.')).toBeTruthy();
    expect(buttonNames()).not.toContain('Retry');
  });

  it('in French: "Mise à jour sur Pinterest · il y a 2 minutes"', async () => {
    entry = { pins: [pin({ lastSyncedAt: minutesAgo(2) })], jobs: [job({ state: 'done' })] };
    render('fr');
    expect(await screen.findByText('Mise à jour sur Pinterest · il y a 2 minutes')).toBeTruthy();
  });
});

describe('"Sync now" on a pinned entry', () => {
  it('is named for what it does, asks first, and shows the true state until a new one', async () => {
    entry = { pins: [pin()], jobs: [job({ state: 'done' })] };
    const { user } = render();
    await findStatus('Pinned');
    expect(buttonNames()).toContain('Sync now');
    expect(buttonNames()).not.toContain('Pin now');

    mockClient.post.mockImplementation(() => {
      // the server queues the sync: the next answers say "waiting", then "running"
      entry = {
        pins: [pin()],
        jobs: [job({ id: 42, state: 'waiting', runAt: new Date().toISOString() })],
      };
      return answer({ job: entry.jobs[0] });
    });
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Update the pin on Pinterest now?',
    });
    expect(mockClient.post).not.toHaveBeenCalled();
    const loadsBefore = mockClient.get.mock.calls.length;
    await user.click(within(dialog).getByRole('button', { name: 'Sync now' }));
    await waitFor(() =>
      expect(mockClient.post).toHaveBeenCalledWith(
        '/pinterest/entries/api::article.article/doc-1/pin?locale=en',
        {}
      )
    );
    // the panel has read the queued job
    await waitFor(() => expect(mockClient.get.mock.calls.length).toBeGreaterThan(loadsBefore));
    // queued: still the true state, no "Waiting" and no "Retry", the button busy
    expect(status()).toBe('Pinned');
    expect(within(panel()).queryByText(/Waiting|Changes waiting/)).toBeNull();
    expect(buttonNames()).not.toContain('Retry');
    expect(
      within(panel())
        .getByRole('button', { name: /Sync now/ })
        .hasAttribute('disabled')
    ).toBe(true);

    // the server reports the new state: the panel shows it
    await act(async () => {
      entry = {
        pins: [pin({ lastSyncedAt: new Date().toISOString() })],
        jobs: [job({ id: 42, state: 'done', updatedAt: new Date().toISOString() })],
      };
      await new Promise((r) => setTimeout(r, 1_700));
    });
    expect(await screen.findByText(/Updated on Pinterest · /)).toBeTruthy();
    expect(within(panel()).getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(
      false
    );
  });

  it('on an entry not pinned yet, stays "Pin now" and asks before creating the pin', async () => {
    entry = { pins: [], jobs: [] };
    const { user } = render();
    await user.click(await screen.findByRole('button', { name: 'Pin now' }));
    expect(
      await screen.findByRole('alertdialog', { name: 'Create the pin on Pinterest now?' })
    ).toBeTruthy();
  });
});

describe('a role without the permission', () => {
  it('keeps the panel and says which permission is missing and who grants it', async () => {
    const sentence =
      'Your role does not have the Pinterest permission “Read entries’ pins”. An administrator can grant it in Settings → Administration panel → Roles → your role → Plugins → Pinterest.';
    // every plugin route refuses this role (the content types, the entry's pins)
    mockClient.get.mockImplementation(() =>
      Promise.reject(
        Object.assign(new Error('Request failed with status code 403'), {
          response: {
            status: 403,
            data: { error: { status: 403, name: 'PolicyError', message: sentence } },
          },
        })
      )
    );
    render();
    const region = await screen.findByRole('region', { name: 'Pinterest' }, { timeout: 5000 });
    expect(await within(region).findByText(/Read entries’ pins/)).toBeTruthy();
    expect(within(panel()).queryByText(/Policy Failed/)).toBeNull();
  });
});

describe('several accounts', () => {
  it('says which account a pin went to, with its board named from that account', async () => {
    entry = {
      pins: [
        pin({
          boardId: '31',
          account: { id: 3, username: 'maison_fr', displayName: 'Maison FR' },
        }),
      ],
      jobs: [],
    };
    render();
    expect(await screen.findByText('Account: @maison_fr')).toBeTruthy();
    expect(await screen.findByText('Recettes')).toBeTruthy();
    expect(mockClient.get).toHaveBeenCalledWith('/pinterest/boards?accountId=3');
  });

  it('in French', async () => {
    entry = {
      pins: [pin({ account: { id: 3, username: 'maison_fr', displayName: null } })],
      jobs: [],
    };
    render('fr');
    expect(await screen.findByText('Compte : @maison_fr')).toBeTruthy();
  });

  it('a pin without an account (before several accounts) shows none', async () => {
    entry = { pins: [pin()], jobs: [] };
    render();
    await findStatus('Pinned');
    expect(screen.queryByText(/^Account:/)).toBeNull();
  });
});
