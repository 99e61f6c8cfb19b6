import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Schemas } from '@/lib/api/client';
import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';

import { SequencesPage } from './sequences-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), PATCH: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn() } }));

const incident: Schemas['SequenceOut'] = {
  code: 'hse.incident',
  label_fr: 'Incident HSE',
  label_en: 'HSE incident',
  prefix: 'INC',
  padding: 5,
  period: 'year',
  period_key: '2026',
  last_value: 42,
  next_value: 43,
  preview: 'INC-2026-00043',
};

function renderPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <SequencesPage />
    </QueryClientProvider>,
  );
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  api.GET.mockReset();
  api.PATCH.mockReset();
});

describe('SequencesPage', () => {
  it('explains numbering when no module has declared a sequence', async () => {
    api.GET.mockResolvedValue(answer([]));
    renderPage();
    expect(await screen.findByText('No numbering yet')).toBeInTheDocument();
    expect(screen.getByText(/such as HSE/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('lists a sequence with its next number, and checks an edit before sending it', async () => {
    api.GET.mockResolvedValue(answer([incident]));
    const user = userEvent.setup();
    renderPage();
    const row = (await screen.findByText('HSE incident')).closest('tr')!;
    expect(within(row).getByText('INC-2026-00043')).toBeInTheDocument();
    expect(within(row).getByText('INC-2026-00042')).toBeInTheDocument();
    expect(within(row).getByText('Every year')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit the numbering of HSE incident' }));
    const dialog = await screen.findByRole('dialog', { name: 'Numbering: HSE incident' });
    const next = within(dialog).getByLabelText('Next value');
    await user.clear(next);
    await user.type(next, '40');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Must be above 42, the last value used.')).toBeVisible();
    expect(api.PATCH).not.toHaveBeenCalled();

    // The preview follows the form.
    await user.clear(next);
    await user.type(next, '100');
    await user.selectOptions(within(dialog).getByLabelText('Starts again at 1'), 'none');
    expect(within(dialog).getByText('INC-00100')).toBeInTheDocument();
  });

  it('puts the server’s field errors under their fields', async () => {
    api.GET.mockResolvedValue(answer([incident]));
    api.PATCH.mockResolvedValue(
      answer(
        {
          type: 'urn:opsflux:problem:validation_failed',
          title: 'Unprocessable Content',
          status: 422,
          code: 'validation_failed',
          detail: 'The request has invalid fields; see `errors`.',
          errors: [
            {
              field: 'next_value',
              code: 'below_last_used',
              message: 'must be above the last number taken, INC-2026-00050 (50)',
            },
          ],
        },
        422,
      ),
    );
    const user = userEvent.setup();
    renderPage();
    await user.click(
      await screen.findByRole('button', { name: 'Edit the numbering of HSE incident' }),
    );
    const dialog = await screen.findByRole('dialog');
    const next = within(dialog).getByLabelText('Next value');
    await user.clear(next);
    await user.type(next, '45');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.PATCH).toHaveBeenCalledWith('/api/v1/sequences/{code}', {
        params: { path: { code: 'hse.incident' } },
        body: { next_value: 45 },
      }),
    );
    expect(
      await within(dialog).findByText('must be above the last number taken, INC-2026-00050 (50)'),
    ).toBeVisible();
    expect(next).toHaveAttribute('aria-invalid', 'true');
  });
});
