import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';

import { incident, problem, renderHse } from '../testing/render-hse';
import { WorkflowButtons } from './workflow-buttons';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
const toast = vi.hoisted(() => ({ success: vi.fn(), error: vi.fn(), warning: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast }));

const pending = incident({
  status: 'pending_approval',
  revision: 7,
  transitions: ['reject', 'approve'],
});

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('WorkflowButtons', () => {
  it('offers only the moves the API lists, forward first', async () => {
    renderHse(() => <WorkflowButtons incident={pending} />);
    const buttons = await screen.findAllByRole('button');
    expect(buttons.map((button) => button.textContent)).toEqual(['Approve', 'Reject']);
  });

  it('offers nothing when the API lists no move', async () => {
    renderHse(() => (
      <>
        <p>page</p>
        <WorkflowButtons incident={incident({ transitions: [] })} />
      </>
    ));
    await screen.findByText('page');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('asks a reason of 10 characters or more to reject, and sends it with If-Match', async () => {
    api.POST.mockResolvedValue(answer({ ...pending, status: 'rejected', transitions: [] }));
    const user = userEvent.setup();
    renderHse(() => <WorkflowButtons incident={pending} />);
    await user.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject INC-2026-00042' });
    await user.type(screen.getByLabelText('Reason *'), 'Too thin');
    await user.click(screen.getAllByRole('button', { name: 'Reject' }).at(-1)!);
    expect(await screen.findByText('At least 10 characters: say why.')).toBeInTheDocument();
    expect(api.POST).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Reason *'), ' on witness statements');
    await user.click(screen.getAllByRole('button', { name: 'Reject' }).at(-1)!);
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(api.POST).toHaveBeenCalledWith('/api/v1/hse/incidents/{id}/{transition}', {
      params: {
        path: { id: pending.id, transition: 'reject' },
        header: { 'If-Match': '"7"' },
      },
      body: { reason: 'Too thin on witness statements' },
    });
    expect(toast.success).toHaveBeenCalledWith('The incident is now “Rejected”.');
  });

  it('lets an approval go without a reason', async () => {
    api.POST.mockResolvedValue(answer({ ...pending, status: 'approved', transitions: [] }));
    const user = userEvent.setup();
    renderHse(() => <WorkflowButtons incident={pending} />);
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    expect(screen.getByLabelText('Reason')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Approve' }).at(-1)!);
    await waitFor(() => expect(api.POST).toHaveBeenCalled());
    // An empty object, never a JSON `null` (which the server refuses).
    expect(api.POST.mock.calls[0]![1]).toEqual({
      params: {
        path: { id: pending.id, transition: 'approve' },
        header: { 'If-Match': '"7"' },
      },
      body: {},
    });
  });

  it('reads the incident again when it moved on, and says to what', async () => {
    api.POST.mockResolvedValue(problem(412, 'revision_mismatch'));
    api.GET.mockResolvedValue(answer({ ...pending, status: 'approved', revision: 8 }));
    const user = userEvent.setup();
    renderHse(() => <WorkflowButtons incident={pending} />);
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    await user.click(screen.getAllByRole('button', { name: 'Approve' }).at(-1)!);
    await waitFor(() =>
      expect(toast.warning).toHaveBeenCalledWith(
        'Someone moved this incident on meanwhile: it is now “Approved”. The page is up to date; check it before trying again.',
      ),
    );
    expect(api.GET).toHaveBeenCalledWith('/api/v1/hse/incidents/{id}', {
      params: { path: { id: pending.id } },
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
