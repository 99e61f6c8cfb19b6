import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import { incident, problem, renderHse } from '../testing/render-hse';
import { ReportIncidentPage } from './report-incident-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
const postFile = vi.hoisted(() => vi.fn());
const toast = vi.hoisted(() => ({ success: vi.fn(), error: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('@/lib/api/upload', () => ({ postFile, xhrProblem: vi.fn() }));
vi.mock('sonner', () => ({ toast }));

const photo = (name: string) => new File(['x'], name, { type: 'image/jpeg' });

/** The `Idempotency-Key` of the `n`th report request. */
const keyOf = (n: number) =>
  (api.POST.mock.calls[n] as [string, { params: { header: Record<string, string> } }])[1].params
    .header['Idempotency-Key'];

async function fillValidReport(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Title *'), 'Dropped object from the crane');
  await user.type(screen.getByLabelText('Exact place *'), 'Pipe deck');
  await user.type(
    screen.getByLabelText('Description *'),
    'A shackle fell from the boom onto the pipe deck.',
  );
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});

beforeEach(() => {
  vi.clearAllMocks();
  api.GET.mockResolvedValue(answer({ items: [], next_cursor: null }));
});

describe('ReportIncidentPage', () => {
  it('checks the seed’s rules before sending', async () => {
    const user = userEvent.setup();
    renderHse(ReportIncidentPage);
    await user.type(await screen.findByLabelText('Title *'), 'Too short');
    await user.type(screen.getByLabelText('Description *'), 'Short text');
    await user.click(screen.getByRole('button', { name: 'Add a person' }));
    await user.type(screen.getByLabelText('Name'), 'Jo Diver');
    await user.clear(screen.getByLabelText('Days lost'));
    await user.type(screen.getByLabelText('Days lost'), '-2');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByText('Title: at least 10 characters')).toBeInTheDocument();
    expect(screen.getByText('Description: at least 20 characters')).toBeInTheDocument();
    expect(screen.getByText('Location required')).toBeInTheDocument();
    expect(screen.getByText('Between 0 and 3650 days.')).toBeInTheDocument();
    expect(api.POST).not.toHaveBeenCalled();
  });

  it('sends photos at once, and refuses a sixth', async () => {
    postFile.mockImplementation(() => new Promise(() => {}));
    const user = userEvent.setup();
    renderHse(ReportIncidentPage);
    const input = await screen.findByLabelText('Choose photos', { selector: 'input' });
    await user.upload(
      input,
      ['1', '2', '3', '4', '5', '6'].map((n) => photo(`deck-${n}.jpg`)),
    );
    expect(postFile).toHaveBeenCalledTimes(5);
    expect(postFile.mock.calls[0]![0]).toBe('/api/v1/files?purpose=hse.photo');
    expect(toast.error).toHaveBeenCalledWith('Five photos at most: 1 photo not added.');
    expect(screen.getAllByRole('progressbar')).toHaveLength(5);
    // Nothing can be sent while a photo is on its way.
    expect(screen.getByRole('button', { name: 'Submit' })).toBeDisabled();
  });

  it('puts the server’s field errors under their fields', async () => {
    api.POST.mockResolvedValue(
      problem(422, 'validation_failed', [
        { field: 'people[0].days_lost', code: 'range', message: 'out of range' },
        { field: 'site_id', code: 'inactive', message: 'this site is no longer in use' },
      ]),
    );
    const user = userEvent.setup();
    renderHse(ReportIncidentPage);
    await fillValidReport(user);
    await user.click(screen.getByRole('button', { name: 'Add a person' }));
    await user.type(screen.getByLabelText('Name'), 'Jo Diver');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByText('Out of the allowed range.')).toBeInTheDocument();
    expect(screen.getByLabelText('Days lost')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('this site is no longer in use')).toBeInTheDocument();
  });

  it('sends a retry with the same Idempotency-Key', async () => {
    api.POST.mockResolvedValueOnce(problem(503, 'unexpected_response'));
    api.POST.mockResolvedValueOnce(answer(incident(), 201));
    const user = userEvent.setup();
    renderHse(ReportIncidentPage);
    await fillValidReport(user);
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    await waitFor(() => expect(toast.error).toHaveBeenCalled());
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    await waitFor(() => expect(toast.success).toHaveBeenCalledWith('Draft INC-2026-00042 saved.'));
    expect(api.POST).toHaveBeenCalledTimes(2);
    expect(keyOf(0)).toMatch(/^[0-9a-f-]{36}$/);
    expect(keyOf(1)).toBe(keyOf(0));
    const [, { body }] = api.POST.mock.calls[1] as [string, { body: Record<string, unknown> }];
    expect(body).toMatchObject({ draft: true, location: 'Pipe deck', people: [], photo_ids: [] });
  });
});
