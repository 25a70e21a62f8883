/** @jest-environment jsdom */
/**
 * The re-pin campaign's parts in the admin, in English and French: the progress (counts, bar,
 * status,
 * the reason a campaign stopped, the actions), the plan summary (pins, first and last, reasons left
 * out,
 * timeline), and the pacing fields — every control with an accessible name.
 */
import { screen, within } from '@testing-library/react';
import type { ByRoleMatcher } from '@testing-library/react';
import type { CampaignDTO, CampaignPreviewDTO } from '../../common/campaigns';
import { CampaignProgress } from '../../admin/src/components/Campaign/CampaignProgress';
import {
  defaultPacing,
  PacingFields,
  toPacing,
} from '../../admin/src/components/Campaign/PacingFields';
import { PlanSummary } from '../../admin/src/components/Campaign/PlanSummary';
import { PinError } from '../../server/src/errors/pin-error';
import { renderWithProviders, type Locale } from './render';

const INTERACTIVE: ByRoleMatcher[] = [
  'button',
  'checkbox',
  'combobox',
  'link',
  'progressbar',
  'spinbutton',
  'textbox',
  'img',
];
const unnamed = () =>
  INTERACTIVE.flatMap((role) => screen.queryAllByRole(role, { name: (n) => n.trim() === '' })).map(
    (el) => el.outerHTML.slice(0, 160)
  );

const CAMPAIGN: CampaignDTO = {
  id: 7,
  name: 'Autumn back catalogue',
  status: 'stopped',
  input: {
    name: 'Autumn back catalogue',
    selection: { contentType: 'api::article.article' },
    boards: [{ boardId: '111' }],
    pacing: { intervalMinutes: 30, timeZone: 'UTC', minDaysBetweenSameLink: 7 },
    freshness: { titleTemplates: [], descriptionTemplates: [] },
  },
  createdAt: '2026-11-01T09:00:00.000Z',
  createdBy: 'Ada Admin',
  finishedAt: null,
  stopReason: new PinError(
    'SPAM_BLOCKED',
    'Pinterest flagged recent activity as spam; pinning is paused until 2026-11-02T10:00:00Z.'
  ).toJSON(),
  progress: {
    total: 40,
    done: 12,
    failed: 2,
    skipped: 6,
    cancelled: 0,
    remaining: 20,
    eta: null,
    nextAt: null,
    planning: false,
    examined: 40,
  },
};

const PREVIEW: CampaignPreviewDTO = {
  matched: 5,
  pins: 3,
  firstAt: '2026-11-02T08:00:00.000Z',
  lastAt: '2026-11-04T08:00:00.000Z',
  skipped: [
    { reason: 'NO_MEDIA', count: 1 },
    { reason: 'PINNED_RECENTLY', count: 1 },
  ],
  skippedSamples: [
    { documentId: 'a', locale: 'default', title: 'Soupe', reason: 'NO_MEDIA' },
    { documentId: 'b', locale: 'default', title: 'Tarte', reason: 'PINNED_RECENTLY' },
  ],
  timeline: {
    unit: 'day',
    buckets: [
      { start: '2026-11-02T00:00:00.000Z', count: 1 },
      { start: '2026-11-03T00:00:00.000Z', count: 1 },
      { start: '2026-11-04T00:00:00.000Z', count: 1 },
    ],
  },
  first: [{ at: '2026-11-02T08:00:00.000Z', documentId: 'c', title: 'Gratin', boardId: '111' }],
};

describe.each<[Locale, Record<string, string>]>([
  [
    'en',
    {
      status: 'Stopped',
      bar: 'Campaign progress',
      resume: 'Resume',
      cancel: 'Cancel the campaign',
      stopped: 'The campaign stopped by itself',
      pins: '3 pins, the first at',
      noMedia: 'no hero image (1) — Soupe',
      timeline: 'Timeline of the plan: pins per day',
      interval: 'One pin every (minutes)',
      zone: 'Time zone',
      window: 'Only pin between these times',
    },
  ],
  [
    'fr',
    {
      status: 'Arrêtée',
      bar: 'Avancement de la campagne',
      resume: 'Reprendre',
      cancel: 'Annuler la campagne',
      stopped: 'La campagne s’est arrêtée d’elle-même',
      pins: '3 épingles, la première le',
      noMedia: 'pas d’image principale (1) — Soupe',
      timeline: 'Calendrier du plan : épingles par jour',
      interval: 'Une épingle toutes les (minutes)',
      zone: 'Fuseau horaire',
      window: 'Épingler seulement entre ces heures',
    },
  ],
])('in %s', (locale, text) => {
  it('the progress: status, bar, counts, why it stopped, and resume / cancel', async () => {
    const onAction = jest.fn();
    const { user } = renderWithProviders(
      <CampaignProgress campaign={CAMPAIGN} onAction={onAction} />,
      { locale }
    );
    expect(screen.getByText(text.status)).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: text.bar });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    const counts = within(screen.getByRole('list'))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(counts.map((c) => c?.replace(/\D/g, ''))).toEqual(['12', '2', '6', '20']);
    expect(screen.getByText(text.stopped)).toBeTruthy();
    expect(screen.getByText(/Pinterest flagged recent activity as spam/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /pause/i })).toBeNull();
    await user.click(screen.getByRole('button', { name: text.resume }));
    await user.click(screen.getByRole('button', { name: text.cancel }));
    expect(onAction.mock.calls).toEqual([['resume'], ['cancel']]);
    expect(unnamed()).toEqual([]);
  });

  it('the plan summary: pins, first and last, what is left out and why, the timeline', () => {
    renderWithProviders(<PlanSummary preview={PREVIEW} loading={false} error={null} showFirst />, {
      locale,
    });
    expect(screen.getByTestId('plan-summary').textContent).toContain(text.pins);
    expect(screen.getByText(text.noMedia)).toBeTruthy();
    const timeline = screen.getByRole('img', { name: text.timeline });
    expect(timeline.children).toHaveLength(3);
    expect(screen.getByText('Gratin')).toBeTruthy();
  });

  it('the pacing fields: every control named; the form becomes the server’s pacing', async () => {
    const onChange = jest.fn();
    const value = { ...defaultPacing(), timeZone: 'Europe/Paris' };
    const { user } = renderWithProviders(
      <PacingFields name="p" value={value} onChange={onChange} />,
      { locale }
    );
    expect(screen.getByRole('textbox', { name: text.interval })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: text.zone })).toHaveProperty(
      'value',
      'Europe/Paris'
    );
    await user.click(screen.getByRole('checkbox', { name: text.window }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ windowOn: false }));
    expect(unnamed()).toEqual([]);
    expect(
      toPacing({
        ...value,
        windowOn: false,
        maxPerDay: null,
        startAt: new Date('2026-12-01T08:00:00Z'),
      })
    ).toEqual({
      intervalMinutes: 60,
      maxPerDay: null,
      window: null,
      timeZone: 'Europe/Paris',
      minDaysBetweenSameLink: 7,
      startAt: '2026-12-01T08:00:00.000Z',
    });
  });
});
