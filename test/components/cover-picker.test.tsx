/** @jest-environment jsdom */
import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import type { PinFieldValue } from '../../common/pin-field';
import { CoverPicker } from '../../admin/src/components/PinField/CoverPicker';
import { renderWithProviders } from './render';

type Cover = PinFieldValue['cover'];
const VIDEO = 'https://cdn.example.com/soup.mp4';

/** The field around the picker: keeps the cover it is given. */
function Harness({
  initial = null,
  onChange,
  disabled,
}: {
  initial?: Cover;
  onChange?: (c: Cover) => void;
  disabled?: boolean;
}) {
  const [cover, setCover] = useState<Cover>(initial);
  return (
    <CoverPicker
      name="pin"
      videoUrl={VIDEO}
      cover={cover}
      disabled={disabled}
      onChange={(c) => {
        onChange?.(c);
        setCover(c);
      }}
    />
  );
}

const video = () => document.querySelector('video') as HTMLVideoElement;

/**
 * jsdom plays nothing: give the video a duration and say its metadata arrived, as a browser would.
 */
function loadMetadata(seconds: number) {
  const v = video();
  let currentTime = 0;
  Object.defineProperty(v, 'duration', { configurable: true, get: () => seconds });
  Object.defineProperty(v, 'currentTime', {
    configurable: true,
    get: () => currentTime,
    set: (t: number) => (currentTime = t),
  });
  fireEvent(v, new Event('loadedmetadata'));
  return v;
}

const slider = () => screen.getByRole('slider');
const useFrame = () => screen.getByRole('button', { name: 'Use this frame as the cover' });

describe('cover-frame picker', () => {
  it('shows the video, and waits for its metadata before offering to scrub', () => {
    renderWithProviders(<Harness />);
    expect(video().getAttribute('src')).toBe(VIDEO);
    expect(video().getAttribute('aria-label')).toBe('Hero video');
    expect(screen.getByRole('slider', { name: 'Frame at 0 s' })).toHaveProperty('disabled', true);
    expect(useFrame()).toHaveProperty('disabled', true);
    expect(screen.queryByText(/^Duration/)).toBeNull();
  });

  it('scrubs through the whole video and shows the frame it is on', () => {
    renderWithProviders(<Harness />);
    const v = loadMetadata(42.4);
    expect(
      screen.getByRole('slider', { name: 'Frame at 0 s', description: 'Duration 42 s' })
    ).toHaveProperty('disabled', false);
    expect(slider().getAttribute('max')).toBe('42.4');

    fireEvent.change(slider(), { target: { value: '12' } });
    expect(
      screen.getByRole('slider', { name: 'Frame at 12 s' }).getAttribute('aria-valuetext')
    ).toBe('12 s');
    expect(v.currentTime).toBe(12);
  });

  it('“Use this frame” stores the key-frame second as the cover', async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(<Harness onChange={onChange} />);
    loadMetadata(60);
    fireEvent.change(slider(), { target: { value: '37' } });
    await user.click(useFrame());
    expect(onChange).toHaveBeenLastCalledWith({ keyFrameTime: 37 });
    expect(screen.getByText('Cover: frame at 37 s')).toBeTruthy();
  });

  it('opens on the frame already chosen', () => {
    renderWithProviders(<Harness initial={{ keyFrameTime: 7 }} />);
    expect(screen.getByText('Cover: frame at 7 s')).toBeTruthy();
    const v = loadMetadata(30);
    expect(screen.getByRole('slider', { name: 'Frame at 7 s' })).toHaveProperty('value', '7');
    expect(v.currentTime).toBe(7);
  });

  it('takes a cover image URL instead, and clearing it removes the cover', async () => {
    const onChange = jest.fn();
    const { user } = renderWithProviders(
      <Harness initial={{ keyFrameTime: 3 }} onChange={onChange} />
    );
    const url = screen.getByRole('textbox', {
      name: 'Cover image URL (optional)',
      description: 'Or an https image to use as the cover instead of a frame.',
    });
    expect(url).toHaveProperty('value', '');

    await user.type(url, 'https://cdn.example.com/cover.jpg');
    expect(onChange).toHaveBeenLastCalledWith({ imageUrl: 'https://cdn.example.com/cover.jpg' });
    expect(url).toHaveProperty('value', 'https://cdn.example.com/cover.jpg');
    expect(screen.queryByText(/^Cover: frame at/)).toBeNull();

    await user.clear(url);
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it.each([
    [3.9, true],
    [4, false],
    [90, false],
    [900, false],
    [901, true],
  ])('a %s s video: duration warning shown = %s', (seconds, warned) => {
    renderWithProviders(<Harness />);
    loadMetadata(seconds);
    expect(
      screen.queryByText('Pinterest accepts videos from 4 seconds to 15 minutes.') !== null
    ).toBe(warned);
  });

  it('changes nothing when the field is disabled', () => {
    renderWithProviders(
      <Harness disabled initial={{ imageUrl: 'https://cdn.example.com/c.jpg' }} />
    );
    loadMetadata(20);
    expect(slider()).toHaveProperty('disabled', true);
    expect(useFrame()).toHaveProperty('disabled', true);
    expect(screen.getByRole('textbox', { name: 'Cover image URL (optional)' })).toHaveProperty(
      'disabled',
      true
    );
  });
});
