import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import { incident, reporter, renderHse } from '../testing/render-hse';
import { EditIncidentPage } from './edit-incident-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), PATCH: vi.fn() }));
const toast = vi.hoisted(() => ({ success: vi.fn(), error: vi.fn(), warning: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast }));

const draft = incident({ status: 'draft', revision: 3 });

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
});

beforeEach(() => {
  vi.clearAllMocks();
  api.GET.mockImplementation((path: string) =>
    Promise.resolve(answer(path === '/api/v1/hse/incidents/{id}' ? draft : { items: [] })),
  );
});

describe('EditIncidentPage', () => {
  it('sends only the changed fields, with the revision in If-Match', async () => {
    api.PATCH.mockResolvedValue(answer({ ...draft, revision: 4 }));
    const user = userEvent.setup();
    renderHse(() => <EditIncidentPage id={draft.id} />);
    const title = await screen.findByLabelText('Title *');
    expect(title).toHaveValue(draft.title);
    await user.clear(title);
    await user.type(title, 'Dropped shackle from the crane boom');
    await user.clear(screen.getByLabelText('Immediate actions'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.PATCH).toHaveBeenCalledTimes(1));
    expect(api.PATCH).toHaveBeenCalledWith('/api/v1/hse/incidents/{id}', {
      params: { path: { id: draft.id }, header: { 'If-Match': '"3"' } },
      body: { title: 'Dropped shackle from the crane boom', immediate_actions: null },
    });
  });

  it('is refused to a reporter once the incident left draft', async () => {
    api.GET.mockResolvedValue(answer({ ...draft, status: 'submitted' }));
    renderHse(() => <EditIncidentPage id={draft.id} />, reporter);
    expect(await screen.findByText('Access denied')).toBeInTheDocument();
  });
});
