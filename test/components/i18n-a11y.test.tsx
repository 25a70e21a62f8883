/** @jest-environment jsdom */
/**
 * The field's parts in French, and every control named: each interactive element must have an
 * accessible name (what a screen reader announces and what getByRole finds), in both languages.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import type { ByRoleMatcher } from '@testing-library/react';
import type { PinPreviewDTO } from '../../common/wire';
import { BoardPickerView } from '../../admin/src/components/PinField/BoardPickerView';
import { CoverPicker } from '../../admin/src/components/PinField/CoverPicker';
import { PinPreviewCard } from '../../admin/src/components/PinField/PinPreviewCard';
import { PinError } from '../../server/src/errors/pin-error';
import { LOCALES, renderWithProviders, type Locale } from './render';

const BOARDS = [
  { id: '11', name: 'Voyages', privacy: 'PUBLIC', description: null },
  { id: '12', name: 'Recettes', privacy: 'PUBLIC', description: null },
];
const SECTIONS = [{ id: '1201', name: 'Dîner' }];

const PREVIEW: PinPreviewDTO = {
  boardId: '12',
  boardSectionId: null,
  title: 'Soupe à la tomate',
  description: 'Une soupe chaude.',
  link: null,
  altText: 'Un bol de soupe',
  media: {
    kind: 'image',
    url: 'https://cdn.example.com/soupe.jpg',
    mime: 'image/jpeg',
    width: 1000,
    height: 3000,
    bytes: 300_000,
  },
  warnings: ['TITLE_FROM_CONTENT', 'LINK_MISSING', 'ASPECT_RATIO'],
  problems: [],
  pinOnPublish: true,
};

// Not `listbox`: the design system's select and combobox popups carry no name of their own (their
// options and the combobox that opens them do); nothing the plugin passes reaches that element.
const INTERACTIVE: ByRoleMatcher[] = [
  'button',
  'checkbox',
  'combobox',
  'link',
  'option',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'textbox',
];

/** Every interactive element on the page, with the ones that have no accessible name. */
function controls() {
  const all = INTERACTIVE.flatMap((role) => screen.queryAllByRole(role));
  const unnamed = INTERACTIVE.flatMap((role) =>
    screen.queryAllByRole(role, { name: (name) => name.trim() === '' })
  );
  return { count: all.length, unnamed: unnamed.map((el) => el.outerHTML.slice(0, 160)) };
}

function renderBoardPicker(locale: Locale, canCreate = true) {
  return renderWithProviders(
    <BoardPickerView
      name="pin"
      boardId="12"
      sectionId="1201"
      boards={BOARDS}
      boardsError={null}
      sections={SECTIONS}
      canCreate={canCreate}
      onCreateBoard={jest.fn()}
      onChange={jest.fn()}
    />,
    { locale }
  );
}

function renderCoverPicker(locale: Locale) {
  const result = renderWithProviders(
    <CoverPicker
      name="pin"
      videoUrl="https://cdn.example.com/soupe.mp4"
      cover={{ keyFrameTime: 5 }}
      onChange={jest.fn()}
    />,
    { locale }
  );
  const video = document.querySelector('video') as HTMLVideoElement;
  Object.defineProperty(video, 'duration', { configurable: true, get: () => 1200 });
  fireEvent(video, new Event('loadedmetadata'));
  return result;
}

describe('in French', () => {
  it('board picker: labels, count, placeholder, sections and the create option', async () => {
    const { user } = renderBoardPicker('fr');
    const board = screen.getByRole('combobox', { name: 'Tableau', description: '2 tableaux' });
    expect(board).toHaveProperty('placeholder', 'Rechercher dans vos tableaux');
    expect(screen.getByRole('button', { name: 'Effacer le tableau' })).toBeTruthy();

    await user.click(screen.getByRole('combobox', { name: 'Section (facultatif)' }));
    expect(screen.getByRole('option', { name: 'Dîner' })).toBeTruthy();
    await user.keyboard('{Escape}');

    await user.clear(board);
    await user.type(board, 'Tricot');
    expect(screen.getByRole('option', { name: 'Créer le tableau « Tricot »' })).toBeTruthy();
  });

  it('board picker without the create permission: “no match” in French', async () => {
    const { user } = renderBoardPicker('fr', false);
    const board = screen.getByRole('combobox', { name: 'Tableau' });
    await user.clear(board);
    await user.type(board, 'Tricot');
    expect(screen.getByText('Aucun tableau ne correspond')).toBeTruthy();
  });

  it('cover picker: scrubber, duration, warning, button and URL field', () => {
    renderCoverPicker('fr');
    expect(screen.getByText('Couverture de la vidéo')).toBeTruthy();
    expect(document.querySelector('video')?.getAttribute('aria-label')).toBe('Vidéo principale');
    expect(
      screen.getByRole('slider', { name: 'Image à 5 s', description: 'Durée 1200 s' })
    ).toBeTruthy();
    expect(
      screen.getByText('Pinterest accepte les vidéos de 4 secondes à 15 minutes.')
    ).toBeTruthy();
    expect(
      screen.getByRole('button', { name: 'Utiliser cette image comme couverture' })
    ).toBeTruthy();
    expect(screen.getByText('Couverture : image à 5 s')).toBeTruthy();
    expect(
      screen.getByRole('textbox', { name: 'URL de l’image de couverture (facultatif)' })
    ).toBeTruthy();
  });

  it('preview card: label, counters and notes', () => {
    renderWithProviders(
      <PinPreviewCard preview={PREVIEW} imageUrl={PREVIEW.media!.url} connected={false} />,
      { locale: 'fr' }
    );
    const card = screen.getByRole('img', { name: 'Aperçu de l’épingle' });
    expect(within(card).getByText('Soupe à la tomate')).toBeTruthy();
    expect(screen.getByText('Titre 17 / 100')).toBeTruthy();
    expect(screen.getByText('Description 17 / 500')).toBeTruthy();
    const list = screen.getByRole('list', { name: 'À vérifier avant d’épingler' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    ).toEqual([
      LOCALES.fr['warning.notConnected'],
      LOCALES.fr['warning.titleFromContent'],
      LOCALES.fr['warning.linkMissing'],
      LOCALES.fr['warning.aspectRatio'],
    ]);
  });

  it("preview card: a problem's standard advice in French, advice written for the case left as it is", () => {
    // the server's English advice for these codes, as the preview route sends them
    const problems = [
      new PinError('MEDIA_REQUIRED', 'This entry has no image or video.').toJSON(),
      new PinError('MEDIA_UNREADABLE', 'The file is gone.', {
        advice: 'Upload the file again.',
      }).toJSON(),
    ];
    renderWithProviders(
      <PinPreviewCard preview={{ ...PREVIEW, problems, warnings: [] }} imageUrl={null} connected />,
      { locale: 'fr' }
    );
    const items = within(screen.getByRole('list', { name: 'À vérifier avant d’épingler' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      `${LOCALES.fr['problem.MEDIA_REQUIRED']} ${LOCALES.fr['advice.MEDIA_REQUIRED']} Code : MEDIA_REQUIRED · This entry has no image or video.`,
      `${LOCALES.fr['problem.MEDIA_UNREADABLE']} Upload the file again. Code : MEDIA_UNREADABLE · The file is gone.`,
    ]);
    expect(LOCALES.fr['advice.MEDIA_REQUIRED']).toMatch(/^Ajoutez une image ou une vidéo/);
  });
});

describe.each(['en', 'fr'] as const)('every control has an accessible name (%s)', (locale) => {
  it('board picker, closed and open', async () => {
    const { user } = renderBoardPicker(locale);
    // board, its clear button, section, its clear button
    expect(controls()).toEqual({ count: 4, unnamed: [] });

    const board = screen.getByRole('combobox', { name: LOCALES[locale]['field.board'] });
    await user.clear(board);
    await user.type(board, 'e');
    expect(screen.getAllByRole('option').length).toBeGreaterThan(1);
    expect(controls().unnamed).toEqual([]);
  });

  it('section select, open', async () => {
    const { user } = renderBoardPicker(locale);
    await user.click(screen.getByRole('combobox', { name: LOCALES[locale]['field.section'] }));
    expect(screen.getAllByRole('option').length).toBe(1);
    expect(controls().unnamed).toEqual([]);
  });

  it('cover picker', () => {
    renderCoverPicker(locale);
    expect(controls()).toEqual({ count: 3, unnamed: [] }); // scrubber, “use this frame”, cover URL
  });
});
