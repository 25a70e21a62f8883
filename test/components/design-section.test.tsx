/** @jest-environment jsdom */
/**
 * The Pinterest field's Design section (admin/src/components/Design): its three states written
 * into the field value (absent: the content type's default; null: the original image; a
 * template), the preview asked of POST /pinterest/designs/preview with the form's texts, the focal
 * point moved by keyboard, the text overrides, and failures shown as sentences. Strapi's fetch
 * client answers like the plugin's routes; the preview image is a plain fetch (faked here).
 */
import { useState } from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { PinDesign } from '../../common/designs';
import type { PinFieldValue } from '../../common/pin-field';
import {
  DesignSection,
  withDesign,
  withoutAspectWarning,
} from '../../admin/src/components/Design/DesignSection';
import { renderWithProviders } from './render';

const mockClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };

jest.mock('@strapi/strapi/admin', () => ({
  useFetchClient: () => mockClient,
  useAuth: (_name: string, select: (s: { token: string }) => unknown) =>
    select({ token: 'session-token' }),
}));

const TEMPLATES = [
  { id: 'bold-band', name: 'Bold band', description: 'Image on top, a band', usesLogo: true },
  { id: 'split-top', name: 'Split, title on top', description: 'Title first', usesLogo: false },
  { id: 'overlay', name: 'Full-bleed overlay', description: 'Text over the image', usesLogo: true },
  { id: 'card', name: 'Card', description: 'A card on the image', usesLogo: false },
];
const BRAND = {
  name: 'Soup Blog',
  logoFileId: null,
  primaryColour: '#E60023',
  secondaryColour: '#111111',
  font: 'inter',
  logoUrl: null,
  fonts: [{ id: 'inter', name: 'Inter' }],
};
let defaultTemplate: string | null = 'bold-band';
let settingsStatus = 200;
let templatesFail: string | null = null;
/** What the preview route answers: an image, or a refusal with the server's message. */
let previewAnswer: { status: number; message?: string } = { status: 200 };
const previewBodies: Array<{ design: PinDesign; width?: number; values?: unknown }> = [];

// jsdom has no PointerEvent: a mouse event carrying the pointer's id, as browsers send
if (!('PointerEvent' in window)) {
  class PointerEvent extends MouseEvent {
    pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 0;
    }
  }
  Object.assign(window, { PointerEvent });
}

const refusal = (status: number, message: string) =>
  Promise.reject(
    Object.assign(new Error(`Request failed with status code ${status}`), {
      status,
      response: { data: { data: null, error: { status, name: 'ApplicationError', message } } },
    })
  );

beforeEach(() => {
  defaultTemplate = 'bold-band';
  settingsStatus = 200;
  templatesFail = null;
  previewAnswer = { status: 200 };
  previewBodies.length = 0;
  mockClient.get.mockReset().mockImplementation((url: string) => {
    if (url === '/pinterest/designs/templates')
      return templatesFail
        ? refusal(500, templatesFail)
        : Promise.resolve({ data: { templates: TEMPLATES } });
    if (url === '/pinterest/settings/brand') return Promise.resolve({ data: BRAND });
    if (url === '/pinterest/settings')
      return settingsStatus === 200
        ? Promise.resolve({
            data: {
              contentTypes: [
                {
                  uid: 'api::article.article',
                  displayName: 'Article',
                  pinOnPublish: true,
                  defaultBoardId: null,
                  defaultBoardSectionId: null,
                  onUnpublish: 'keep',
                  defaultTemplate,
                },
              ],
            },
          })
        : refusal(settingsStatus, 'Policy Failed');
    return Promise.reject(new Error(`unexpected GET ${url}`));
  });
  let n = 0;
  URL.createObjectURL = jest.fn(() => `blob:design-${++n}`);
  URL.revokeObjectURL = jest.fn();
  window.fetch = jest.fn((url: string, init: { body: string; headers: Record<string, string> }) => {
    expect(url).toBe('/pinterest/designs/preview');
    expect(init.headers.Authorization).toBe('Bearer session-token');
    previewBodies.push(JSON.parse(init.body) as (typeof previewBodies)[number]);
    const ok = previewAnswer.status === 200;
    return Promise.resolve({
      ok,
      status: previewAnswer.status,
      headers: { get: () => (ok ? 'image/jpeg' : 'application/json') },
      blob: () => Promise.resolve(new Blob(['jpeg'])),
      json: () =>
        Promise.resolve({
          error: { status: previewAnswer.status, message: previewAnswer.message },
        }),
    });
  }) as unknown as typeof fetch;
});

let value: PinFieldValue = {};
function Field({ initial }: { initial: PinFieldValue }) {
  const [v, setV] = useState(initial);
  return (
    <DesignSection
      name="pinterest"
      design={v.design}
      onChange={(design) =>
        setV((old) => {
          value = withDesign(old, design);
          return value;
        })
      }
      contentType="api::article.article"
      documentId="doc-1"
      locale={null}
      title="Tomato soup for cold evenings"
      description="A warm soup. Ready in twenty minutes."
      imageUrl="https://cdn.example.com/soup.jpg"
      isVideo={false}
    />
  );
}
const renderSection = (initial: PinFieldValue = {}) => {
  value = initial;
  return renderWithProviders(<Field initial={initial} />);
};
const lastPreview = () => previewBodies.filter((b) => b.width === undefined).at(-1);

it('absent design: the content type’s default, named, previewed; then original image, then a template', async () => {
  const { user } = renderSection();
  const byDefault = await screen.findByRole('radio', {
    name: 'Content type default: the “Bold band” design',
  });
  expect(byDefault.getAttribute('aria-checked')).toBe('true');
  // the default is previewed as the pin will be, with the form's texts
  const image = await screen.findByRole('img', {
    name: 'Designed pin: Tomato soup for cold evenings',
  });
  expect(image.getAttribute('src')).toMatch(/^blob:design-/);
  expect(lastPreview()).toEqual({
    contentType: 'api::article.article',
    documentId: 'doc-1',
    locale: null,
    values: {
      title: 'Tomato soup for cold evenings',
      description: 'A warm soup. Ready in twenty minutes.',
    },
    design: { template: 'bold-band' },
  });

  await user.click(screen.getByRole('radio', { name: 'The original image, as it is' }));
  expect(value).toEqual({ design: null });
  expect(screen.queryByRole('img', { name: /^Designed pin/ })).toBeNull();

  await user.click(screen.getByRole('radio', { name: 'A 2:3 design from a template' }));
  expect(value).toEqual({ design: { template: 'bold-band' } });
  // the templates as thumbnails, the chosen one pressed; choosing another writes it
  const picker = screen.getByRole('group', { name: 'Templates' });
  const card = within(picker).getByRole('button', { name: 'Card' });
  expect(card.getAttribute('aria-pressed')).toBe('false');
  await user.click(card);
  expect(value).toEqual({ design: { template: 'card' } });
  expect(card.getAttribute('aria-pressed')).toBe('true');
  await waitFor(() => expect(lastPreview()?.design).toEqual({ template: 'card' }));
  // thumbnails are small renders of each template
  await waitFor(() =>
    expect(
      previewBodies
        .filter((b) => b.width === 200)
        .map((b) => b.design.template)
        .sort()
    ).toEqual(['bold-band', 'card', 'overlay', 'split-top'])
  );

  // and back to the default: the key is gone
  await user.click(byDefault);
  expect(value).toEqual({});
});

it('without a default template the default is the original image, and nothing renders', async () => {
  defaultTemplate = null;
  renderSection();
  const radio = await screen.findByRole('radio', {
    name: 'Content type default: the original image',
  });
  expect(radio.getAttribute('aria-checked')).toBe('true');
  expect(previewBodies).toEqual([]);
});

it('an editor who may not read the settings is told where the default comes from', async () => {
  settingsStatus = 403;
  renderSection();
  const radio = await screen.findByRole('radio', {
    name: 'Content type default (set in Settings → Pinterest: a template, or the original image)',
  });
  expect(radio.getAttribute('aria-checked')).toBe('true');
});

it('the focal point moves with the arrow keys and goes into the design and its preview', async () => {
  const { user } = renderSection({ design: { template: 'overlay' } });
  const marker = await screen.findByRole('slider', { name: 'Focal point' });
  expect(marker.getAttribute('aria-valuetext')).toBe('50% from the left, 50% from the top');
  marker.focus();
  await user.keyboard('{ArrowRight}{ArrowRight}');
  expect(value.design?.focal).toEqual({ x: 0.6, y: 0.5 });
  await user.keyboard('{Shift>}{ArrowUp}{/Shift}');
  expect(value.design).toEqual({ template: 'overlay', focal: { x: 0.6, y: 0.3 } });
  expect(marker.getAttribute('aria-valuetext')).toBe('60% from the left, 30% from the top');
  // never past the edge
  for (let i = 0; i < 3; i++) await user.keyboard('{Shift>}{ArrowUp}{/Shift}');
  expect(value.design?.focal).toEqual({ x: 0.6, y: 0 });
  await waitFor(() => expect(lastPreview()?.design.focal).toEqual({ x: 0.6, y: 0 }));

  await user.click(screen.getByRole('button', { name: 'Back to the centre' }));
  expect(value.design).toEqual({ template: 'overlay' });
});

it('a click on the image sets the focal point where it landed', async () => {
  renderSection({ design: { template: 'overlay' } });
  const marker = await screen.findByRole('slider', { name: 'Focal point' });
  const frame = marker.parentElement!;
  frame.getBoundingClientRect = () => new DOMRect(100, 50, 200, 100);
  fireEvent.pointerDown(frame, { button: 0, clientX: 150, clientY: 125, pointerId: 1 });
  fireEvent.pointerUp(frame, { pointerId: 1 });
  expect(value.design?.focal).toEqual({ x: 0.25, y: 0.75 });
});

it('title and second line overrides are written; the pin’s texts are the placeholders', async () => {
  const { user } = renderSection({ design: { template: 'card' } });
  const title = await screen.findByRole('textbox', { name: 'Text on the image' });
  const subtitle = screen.getByRole('textbox', { name: 'Second line' });
  expect(title.getAttribute('placeholder')).toBe('Tomato soup for cold evenings');
  expect(subtitle.getAttribute('placeholder')).toBe('A warm soup.');
  await user.type(title, 'Soup!');
  await user.type(subtitle, 'In 20 minutes');
  expect(value.design).toEqual({ template: 'card', title: 'Soup!', subtitle: 'In 20 minutes' });
  await user.clear(subtitle);
  expect(value.design).toEqual({ template: 'card', title: 'Soup!' });
  await user.click(screen.getByRole('checkbox', { name: 'No second line' }));
  expect(value.design).toEqual({ template: 'card', title: 'Soup!', subtitle: '' });
  await user.click(screen.getByRole('radio', { name: /Brand colour 2/ }));
  expect(value.design).toEqual({
    template: 'card',
    title: 'Soup!',
    subtitle: '',
    palette: 'secondary',
  });
  await waitFor(() =>
    expect(lastPreview()?.design).toEqual({
      template: 'card',
      title: 'Soup!',
      subtitle: '',
      palette: 'secondary',
    })
  );
  // switching to the original image and back keeps the editor's work
  await user.click(screen.getByRole('radio', { name: 'The original image, as it is' }));
  await user.click(screen.getByRole('radio', { name: 'A 2:3 design from a template' }));
  expect(value.design).toEqual({
    template: 'card',
    title: 'Soup!',
    subtitle: '',
    palette: 'secondary',
  });
});

it('a preview the server refuses is a sentence with its reason', async () => {
  previewAnswer = { status: 400, message: 'design.template: there is no template “retro”' };
  renderSection({ design: { template: 'card' } });
  const alert = await screen.findByText(/^The design could not be rendered:/);
  expect(alert.textContent).toBe(
    'The design could not be rendered: design.template: there is no template “retro”'
  );
});

it('the templates failing to load says so', async () => {
  templatesFail = 'Internal Server Error';
  renderSection({ design: { template: 'card' } });
  expect(
    await screen.findByText('The templates could not be loaded: Internal Server Error')
  ).toBeTruthy();
});

it('a video hero: no design choice, said plainly', async () => {
  renderWithProviders(
    <DesignSection
      name="pinterest"
      design={undefined}
      onChange={() => undefined}
      contentType="api::article.article"
      documentId="doc-1"
      locale={null}
      title="Clip"
      description={null}
      imageUrl={null}
      isVideo
    />,
    { locale: 'fr' }
  );
  expect(
    await screen.findByText(
      'Le média de cette entrée est une vidéo : les visuels sont faits à partir d’images, la vidéo est donc épinglée telle quelle.'
    )
  ).toBeTruthy();
  expect(screen.queryByRole('radio')).toBeNull();
});

it('a designed pin drops the “far from 2:3” warning from the preview card', () => {
  expect(withoutAspectWarning({ warnings: ['ASPECT_RATIO', 'LINK_NOT_HTTPS'] })).toEqual({
    warnings: ['LINK_NOT_HTTPS'],
  });
});
