import { screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

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
    api.GET.mockResolvedValue(problem(404, 'not_found'));
    renderHse(() => <IncidentDetailPage id="nope" />);
    expect(await screen.findByText('Page not found')).toBeInTheDocument();
  });
});
