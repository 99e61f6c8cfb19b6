import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import type { IncidentDetail } from '../lib/incident';
import { incident, ME, problem, renderHse } from '../testing/render-hse';
import { IncidentDetailPage } from './incident-detail-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));

const detailed = incident({
  people: [
    { full_name: 'Jo Diver', employer: 'contractor', injury_class: 'lost_time', days_lost: 3 },
  ],
  steps: [
    { at: '2026-11-03T10:00:00Z', by_user: ME, to_status: 'draft', transition: 'create' },
    {
      at: '2026-11-03T10:00:00Z',
      by_user: ME,
      from_status: 'draft',
      to_status: 'submitted',
      transition: 'submit',
    },
  ],
});

const HOME = { id: 'home', label_key: 'menu.home', icon: 'home', route: '/', children: [] };
/** The menu while HSE is on: the server lists its entries. */
const HSE_MENU = [
  HOME,
  {
    id: 'hse',
    label_key: 'menu.hse',
    icon: 'shield-alert',
    route: null,
    children: [
      {
        id: 'hse.incidents',
        label_key: 'menu.hse.incidents',
        icon: 'triangle-alert',
        route: '/hse/incidents',
        children: [],
      },
    ],
  },
];

/** Under investigation as `start_investigation` leaves it: a method, its starter, nothing written. */
const started = incident({
  status: 'under_investigation',
  investigation: {
    method: 'five_whys',
    investigators: [ME],
    root_causes: null,
    contributing_factors: null,
    findings: null,
    started_at: '2026-11-04T08:00:00Z',
    updated_at: '2026-11-04T08:00:00Z',
  },
  transitions: ['request_approval'],
});

const investigator = {
  'hse.view.incident': 'company',
  'hse.investigate.incident': 'company',
} as const;

/** The API, answering `detail` for the incident. */
function serve(detail: IncidentDetail) {
  api.GET.mockImplementation((path: string) => {
    if (path === '/api/v1/attachments') return Promise.resolve(answer([]));
    if (path === '/api/v1/users/{id}')
      return Promise.resolve(answer({ id: ME, full_name: 'Camille Martin', email: 'c@x.test' }));
    if (path === '/api/v1/users') return Promise.resolve(answer({ items: [], next_cursor: null }));
    return Promise.resolve(answer(detail));
  });
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('IncidentDetailPage', () => {
  it('shows the facts, the people, and the history', async () => {
    api.GET.mockImplementation((path: string) =>
      Promise.resolve(answer(path === '/api/v1/attachments' ? [] : detailed)),
    );
    renderHse(() => <IncidentDetailPage id={detailed.id} />);
    expect(
      await screen.findByRole('heading', { level: 1, name: detailed.title }),
    ).toBeInTheDocument();
    expect(screen.getByText('INC-2026-00042')).toBeInTheDocument();
    expect(screen.getByText('3 Nov 2026, 10:30')).toBeInTheDocument();
    expect(screen.getByText('-1.23450, 8.67890')).toBeInTheDocument();
    const person = screen.getByText('Jo Diver').closest('tr')!;
    expect(within(person).getByText('Contractor')).toBeInTheDocument();
    expect(within(person).getByText('Lost time')).toBeInTheDocument();
    expect(screen.getByText('Created: Draft')).toBeInTheDocument();
    expect(screen.getByText('Draft → Submitted')).toBeInTheDocument();
    expect(await screen.findByText('No photo.')).toBeInTheDocument();
  });

  it('says when the incident does not exist', async () => {
    api.GET.mockImplementation((path: string) =>
      Promise.resolve(path === '/api/v1/menu' ? answer(HSE_MENU) : problem(404, 'not_found')),
    );
    renderHse(() => <IncidentDetailPage id="nope" />);
    expect(await screen.findByText('Page not found')).toBeInTheDocument();
    expect(screen.queryByText('HSE is turned off for your company')).toBeNull();
  });

  it('says HSE is off, not that the incident is missing, when the menu has no HSE', async () => {
    api.GET.mockImplementation((path: string) =>
      Promise.resolve(path === '/api/v1/menu' ? answer([HOME]) : problem(404, 'not_found')),
    );
    renderHse(() => <IncidentDetailPage id={detailed.id} />, {
      'hse.view.incident': 'company',
      'modules.manage.module': 'all',
    });
    expect(
      await screen.findByRole('heading', { name: 'HSE is turned off for your company' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/can turn it on in Administration › Modules/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the modules' })).toHaveAttribute(
      'href',
      '/admin/modules',
    );
    expect(screen.queryByText('Page not found')).toBeNull();
  });

  it('offers the modules page only to who may turn HSE on', async () => {
    api.GET.mockImplementation((path: string) =>
      Promise.resolve(path === '/api/v1/menu' ? answer([HOME]) : problem(404, 'not_found')),
    );
    renderHse(() => <IncidentDetailPage id={detailed.id} />);
    expect(
      await screen.findByRole('heading', { name: 'HSE is turned off for your company' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Open the modules' })).toBeNull();
  });

  it('opens a blank investigation as a form for who may write it, and says so at the top', async () => {
    serve(started);
    renderHse(() => <IncidentDetailPage id={started.id} />, investigator);
    expect(await screen.findByLabelText('Root causes')).toBeInTheDocument();
    expect(screen.getByLabelText('Findings')).toHaveValue('');
    expect(screen.getByText(/The investigation has started/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit the investigation' })).toBeNull();
    // The call to action at the top leads to the form.
    await userEvent.click(screen.getByRole('button', { name: 'Fill in the investigation' }));
    expect(screen.getByLabelText('Method')).toHaveFocus();
  });

  it('keeps a blank investigation closed for who may not write it', async () => {
    // Holding the permission at `own` scope on someone else's incident: the API offers no move.
    serve({ ...started, transitions: [], reported_by: '0193a7c2-0000-7000-8000-0000000000ff' });
    renderHse(() => <IncidentDetailPage id={started.id} />, {
      'hse.view.incident': 'company',
      'hse.investigate.incident': 'own',
    });
    expect(await screen.findByText('5 whys')).toBeInTheDocument();
    expect(screen.queryByLabelText('Root causes')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Fill in the investigation' })).toBeNull();
  });

  it('shows a written investigation, with a button to edit it', async () => {
    serve({
      ...started,
      investigation: { ...started.investigation!, root_causes: 'No holding tool for the filter.' },
    });
    renderHse(() => <IncidentDetailPage id={started.id} />, investigator);
    expect(await screen.findByText('No holding tool for the filter.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Root causes')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Fill in the investigation' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Edit the investigation' }));
    expect(screen.getByLabelText('Root causes')).toHaveValue('No holding tool for the filter.');
  });
});
