import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Schemas } from '@/lib/api/client';
import { meQueryOptions } from '@/lib/auth/me';
import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import type { RecordDetail } from '../api/get-records';
import { inspection } from '../testing/lifting';
import { type FormMode, RecordFormDialog } from './record-form-dialog';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn(), info: vi.fn() } }));

const record: RecordDetail = {
  id: '0193a7c2-0000-7000-8000-000000000001',
  module: 'lifting',
  record_type: 'inspection',
  number: 'LIFT-2026-00001',
  state: 'planned',
  title: 'Hoist H-1',
  data: {
    equipment: 'Hoist H-1',
    due_date: '2026-12-15',
    out_of_service: false,
  },
  revision: 3,
  created_at: '2026-12-01T08:00:00Z',
  updated_at: '2026-12-01T08:00:00Z',
  created_by: null,
  updated_by: null,
  transitions: [],
};

/** A field by its label, the asterisk of a required one aside. */
const field = (dialog: { getByLabelText: (label: RegExp) => HTMLElement }, label: string) =>
  dialog.getByLabelText(new RegExp(`^${label}( \\*)?$`));

async function renderForm(mode: FormMode) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meQueryOptions().queryKey, {
    user: { id: 'me', full_name: 'Demo Admin', time_zone: 'Europe/Paris' },
  } as Schemas['MeOut']);
  const router = createRouter({
    routeTree: createRootRoute({
      component: () => (
        <RecordFormDialog
          module="lifting"
          recordType={inspection}
          mode={mode}
          open
          onOpenChange={() => {}}
        />
      ),
    }),
    history: createMemoryHistory(),
  });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return within(await screen.findByRole('dialog'));
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

beforeEach(() => {
  vi.clearAllMocks();
  api.GET.mockResolvedValue(answer({ items: [], next_cursor: null }));
});

describe('RecordFormDialog', () => {
  it('draws the fields from the definition, without attachments', async () => {
    const dialog = await renderForm({ kind: 'create' });
    expect(dialog.getByRole('heading', { name: 'New record: Inspection' })).toBeInTheDocument();
    expect(field(dialog, 'Equipment')).toHaveAttribute('aria-required', 'true');
    expect(field(dialog, 'Due date')).toHaveAttribute('type', 'date');
    expect(field(dialog, 'Inspected at')).toHaveAttribute('type', 'datetime-local');
    expect(dialog.getByText('Capitals, digits and dashes.')).toBeInTheDocument();
    // A site link is picked among the company's sites, not typed as an id.
    expect(field(dialog, 'Site')).toHaveAttribute('role', 'combobox');
    expect(dialog.getByRole('checkbox', { name: 'Out of service' })).not.toBeChecked();
    expect(dialog.queryByText('Photos')).not.toBeInTheDocument();
  });

  it('shows the schema’s errors under their fields before sending', async () => {
    const user = userEvent.setup();
    const dialog = await renderForm({ kind: 'create' });
    await user.type(field(dialog, 'Equipment'), 'ab');
    await user.type(field(dialog, 'Serial number'), 'bad serial');
    await user.type(field(dialog, 'Cost'), '1.234');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await dialog.findByText('At least 3 characters.')).toBeVisible();
    expect(dialog.getByText('This is not in the expected format.')).toBeVisible();
    expect(dialog.getByText('Two decimals at most.')).toBeVisible();
    expect(dialog.getByText('This field is required.')).toBeVisible();
    expect(field(dialog, 'Equipment')).toHaveAttribute('aria-invalid', 'true');
    expect(api.POST).not.toHaveBeenCalled();
  });

  it('puts the server’s field errors under their fields', async () => {
    api.POST.mockResolvedValue(
      answer(
        {
          type: 'urn:opsflux:problem:validation_failed',
          title: 'Unprocessable Content',
          status: 422,
          code: 'validation_failed',
          detail: 'The request has invalid fields; see `errors`.',
          errors: [
            {
              field: 'data.serial_number',
              code: 'taken',
              message: 'another record already holds this value',
            },
          ],
        },
        422,
      ),
    );
    const user = userEvent.setup();
    const dialog = await renderForm({ kind: 'create' });
    await user.type(field(dialog, 'Equipment'), 'Tower crane TC-3');
    await user.type(field(dialog, 'Serial number'), 'TC3-2019-0042');
    await user.type(field(dialog, 'Due date'), '2026-12-15');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.POST).toHaveBeenCalledWith('/api/v1/m/{module}/{record_type}', {
        params: { path: { module: 'lifting', record_type: 'inspection' } },
        body: {
          data: {
            equipment: 'Tower crane TC-3',
            serial_number: 'TC3-2019-0042',
            due_date: '2026-12-15',
            out_of_service: false,
          },
        },
      }),
    );
    expect(await dialog.findByText('Another record already holds this value.')).toBeVisible();
    expect(field(dialog, 'Serial number')).toHaveAttribute('aria-invalid', 'true');
  });

  it('edits with only the changed fields, against the revision read', async () => {
    api.PATCH.mockResolvedValue(answer({ ...record, revision: 4 }));
    const user = userEvent.setup();
    const dialog = await renderForm({ kind: 'edit', record });
    expect(field(dialog, 'Equipment')).toHaveValue('Hoist H-1');
    await user.selectOptions(field(dialog, 'Result'), 'pass');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.PATCH).toHaveBeenCalledWith('/api/v1/m/{module}/{record_type}/{id}', {
        params: {
          path: { module: 'lifting', record_type: 'inspection', id: record.id },
          header: { 'If-Match': '"3"' },
        },
        body: { data: { result: 'pass' } },
      }),
    );
  });

  it('opened by a refused transition, highlights what the state needs, then moves', async () => {
    const problem = {
      type: 'urn:opsflux:problem:validation_failed',
      title: 'Unprocessable Content',
      status: 422,
      code: 'validation_failed',
      detail: 'The new state needs fields the record lacks.',
      errors: [
        { field: 'data.result', code: 'required_for_state', message: 'a value is required' },
      ],
    };
    const { ApiProblem } = await import('@/lib/api/problem');
    api.PATCH.mockResolvedValue(answer({ ...record, revision: 4 }));
    api.POST.mockResolvedValue(answer({ ...record, revision: 5, state: 'done' }));
    const user = userEvent.setup();
    const dialog = await renderForm({
      kind: 'complete',
      record,
      transition: { code: 'complete', label: { fr: 'Terminer', en: 'Complete' }, to: 'done' },
      problem: new ApiProblem(problem),
    });
    expect(await dialog.findByText('Required to move to this state.')).toBeVisible();
    await user.selectOptions(field(dialog, 'Result'), 'pass');
    await user.type(field(dialog, 'Inspected at'), '2026-12-06T11:00');
    await user.click(dialog.getByRole('button', { name: 'Save and move to “Done”' }));
    await waitFor(() =>
      expect(api.POST).toHaveBeenCalledWith(
        '/api/v1/m/{module}/{record_type}/{id}/transitions/{transition}',
        {
          params: {
            path: {
              module: 'lifting',
              record_type: 'inspection',
              id: record.id,
              transition: 'complete',
            },
            header: { 'If-Match': '"4"' },
          },
        },
      ),
    );
    expect(api.PATCH).toHaveBeenCalledWith(
      '/api/v1/m/{module}/{record_type}/{id}',
      expect.objectContaining({
        body: { data: { inspected_at: '2026-12-06T10:00:00Z', result: 'pass' } },
      }),
    );
  });
});
