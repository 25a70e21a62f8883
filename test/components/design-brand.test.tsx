/** @jest-environment jsdom */
/**
 * Settings → Pinterest → Brand (admin/src/components/Settings/BrandSettings.tsx): what is saved
 * (name, colours, font, a logo picked in the Media Library dialog), read-only without the
 * permission to manage the settings; and the planner's fresh designs with their thumbnails asked
 * for only when a row is in view.
 */
import { act, screen, waitFor } from '@testing-library/react';
import type { BrandSettings, BrandSettingsDTO } from '../../common/designs';
import type { CampaignPreviewDTO } from '../../common/campaigns';
import { BrandSettingsCard } from '../../admin/src/components/Settings/BrandSettings';
import { FreshPinsPreview } from '../../admin/src/components/Design/FreshPinsPreview';
import { renderWithProviders } from './render';

const mockClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };
let mockComponents: Record<string, unknown> = {};

jest.mock('@strapi/strapi/admin', () => ({
  useFetchClient: () => mockClient,
  useAuth: () => 'session-token',
  useStrapiApp: (_name: string, select: (s: { components: Record<string, unknown> }) => unknown) =>
    select({ components: mockComponents }),
}));

/** The upload plugin's dialog, as far as the card uses it: one image chosen. */
function FakeMediaLibrary({
  onSelectAssets,
  onClose,
}: {
  onSelectAssets: (a: Array<{ id: number; url: string }>) => void;
  onClose: () => void;
}) {
  return (
    <div role="dialog" aria-label="Media Library">
      <button type="button" onClick={() => onSelectAssets([{ id: 7, url: '/uploads/logo.png' }])}>
        logo.png
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </div>
  );
}

const BRAND: BrandSettingsDTO = {
  name: 'Soup Blog',
  logoFileId: null,
  primaryColour: '#E60023',
  secondaryColour: '#111111',
  font: 'inter',
  logoUrl: null,
  fonts: [
    { id: 'inter', name: 'Inter' },
    { id: 'noto-serif', name: 'Noto Serif' },
  ],
};

beforeEach(() => {
  mockComponents = { 'media-library': FakeMediaLibrary };
});

it('saves the name, the colours, the font and a logo from the Media Library', async () => {
  const saved: BrandSettings[] = [];
  const { user } = renderWithProviders(
    <BrandSettingsCard
      brand={BRAND}
      canManage
      onSave={(next) => {
        saved.push(next);
        return Promise.resolve();
      }}
    />
  );
  const save = screen.getByRole('button', { name: 'Save the brand' });
  expect(save.hasAttribute('disabled') || save.getAttribute('aria-disabled') === 'true').toBe(true);
  const name = screen.getByRole('textbox', { name: 'Brand name' });
  await user.clear(name);
  await user.type(name, 'Soupe & Co');
  const primary = screen.getByRole('textbox', { name: 'Brand colour 1 (primary)' });
  await user.clear(primary);
  await user.type(primary, '#12');
  expect(screen.getByText('A colour such as #E60023')).toBeTruthy();
  await user.type(primary, '34ab');
  await user.click(screen.getByRole('combobox', { name: 'Font' }));
  await user.click(screen.getByRole('option', { name: 'Noto Serif' }));
  await user.click(screen.getByRole('button', { name: 'Choose from the Media Library' }));
  await user.click(screen.getByRole('button', { name: 'logo.png' }));
  expect(screen.queryByRole('dialog', { name: 'Media Library' })).toBeNull();
  expect(screen.getByRole('img', { name: 'The brand logo' }).getAttribute('src')).toBe(
    '/uploads/logo.png'
  );
  await user.click(screen.getByRole('button', { name: 'Save the brand' }));
  expect(saved).toEqual([
    {
      name: 'Soupe & Co',
      logoFileId: 7,
      primaryColour: '#1234AB',
      secondaryColour: '#111111',
      font: 'noto-serif',
    },
  ]);
});

it('read-only without the permission to manage the settings', () => {
  renderWithProviders(
    <BrandSettingsCard
      brand={{ ...BRAND, logoFileId: 3, logoUrl: '/uploads/logo.png' }}
      canManage={false}
      onSave={() => Promise.reject(new Error('must not save'))}
    />,
    { locale: 'fr' }
  );
  expect(screen.queryByRole('button', { name: 'Enregistrer la marque' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Choisir dans la médiathèque' })).toBeNull();
  expect(screen.getByRole('textbox', { name: 'Nom de la marque' })).toHaveProperty(
    'disabled',
    true
  );
  expect(
    screen.getByText(
      'Vous pouvez voir la marque ; la modifier demande la permission de gérer les paramètres Pinterest.'
    )
  ).toBeTruthy();
  expect(screen.getByRole('img', { name: 'Le logo de la marque' })).toBeTruthy();
});

it('without the Media Library dialog, a file id can be given', async () => {
  mockComponents = {};
  const saved: BrandSettings[] = [];
  const { user } = renderWithProviders(
    <BrandSettingsCard
      brand={BRAND}
      canManage
      onSave={(next) => {
        saved.push(next);
        return Promise.resolve();
      }}
    />
  );
  await user.type(screen.getByRole('textbox', { name: 'Media Library file id' }), '12');
  await user.click(screen.getByRole('button', { name: 'Save the brand' }));
  expect(saved[0]?.logoFileId).toBe(12);
});

describe('fresh designs in the planner', () => {
  let fetchMock: jest.Mock;
  /** An IntersectionObserver the test drives: rows come into view when it says so. */
  const observed = new Map<Element, (entries: Array<{ isIntersecting: boolean }>) => void>();
  beforeEach(() => {
    observed.clear();
    Object.assign(window, {
      IntersectionObserver: class {
        constructor(private cb: (e: Array<{ isIntersecting: boolean }>) => void) {}
        observe(el: Element) {
          observed.set(el, this.cb);
        }
        disconnect() {}
      },
    });
    URL.createObjectURL = jest.fn(() => 'blob:thumb');
    URL.revokeObjectURL = jest.fn();
    fetchMock = jest.fn(() =>
      Promise.resolve({
        ok: true,
        status: 200,
        headers: { get: () => 'image/jpeg' },
        blob: () => Promise.resolve(new Blob(['jpeg'])),
      })
    );
    window.fetch = fetchMock;
  });

  const PREVIEW: CampaignPreviewDTO = {
    matched: 2,
    pins: 3,
    firstAt: '2026-12-01T09:00:00.000Z',
    lastAt: '2026-12-09T09:00:00.000Z',
    skipped: [],
    skippedSamples: [],
    timeline: { unit: 'day', buckets: [] },
    first: [
      {
        at: '2026-12-01T09:00:00.000Z',
        documentId: 'a',
        title: 'Soup',
        boardId: '1',
        design: 'bold-band',
      },
      {
        at: '2026-12-02T09:00:00.000Z',
        documentId: 'a',
        title: 'Soup',
        boardId: '2',
        design: 'split-top',
      },
      {
        at: '2026-12-03T09:00:00.000Z',
        documentId: 'b',
        title: 'Bread',
        boardId: '1',
        design: 'overlay',
      },
    ],
  };

  it('each first pin shows its template; a thumbnail is rendered only once its row is in view', async () => {
    renderWithProviders(
      <FreshPinsPreview preview={PREVIEW} contentType="api::article.article" locale={null} />
    );
    expect(screen.getByText('Bold band')).toBeTruthy();
    expect(screen.getByText('Split, title on top')).toBeTruthy();
    expect(screen.getByText('Full-bleed overlay')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();

    const rows = [...observed.keys()];
    expect(rows).toHaveLength(3);
    act(() => observed.get(rows[1])!([{ isIntersecting: true }]));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const body = JSON.parse(
      (fetchMock.mock.calls[0] as [string, { body: string }])[1].body
    ) as unknown;
    expect(body).toEqual({
      contentType: 'api::article.article',
      documentId: 'a',
      locale: null,
      design: { template: 'split-top' },
      width: 200,
    });
    expect(await screen.findByRole('img', { name: 'Design of the pin “Soup”' })).toHaveProperty(
      'src',
      'blob:thumb'
    );
  });
});
