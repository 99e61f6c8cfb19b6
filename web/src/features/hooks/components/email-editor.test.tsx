import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Schemas } from '@/lib/api/client';
import { meQueryOptions } from '@/lib/auth/me';
import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';

import type { HookEvent } from '../api/get-hook-events';
import type { Hook } from '../api/get-hooks';
import { HookForm } from './hook-form';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PUT: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn(), info: vi.fn() } }));

const event = {
  name: 'lifting.inspection_due',
  module: 'lifting',
  description: 'An inspection falls due.',
  schema: {
    type: 'object',
    properties: {
      data: { type: 'object', properties: { equipment: { type: 'string' } } },
    },
  },
  sample: {},
} as unknown as HookEvent;

/** What the lifting package installs: an email written in both languages. */
const writtenEmail = {
  type: 'send_email',
  config: {
    subject: {
      fr: 'Inspection à faire : {data.equipment}',
      en: 'Inspection due: {data.equipment}',
    },
    body: {
      fr: 'Bonjour,\n\nL’inspection de {data.equipment} est à faire.',
      en: 'Hello,\n\nThe inspection of {data.equipment} is due.',
    },
    recipients: ['role:hse_manager'],
  },
};

const hookWith = (action: object): Hook =>
  ({
    id: '0193a7c2-0000-7000-8000-0000000000a1',
    company_id: '0193a7c2-0000-7000-8000-0000000000c1',
    module: 'lifting',
    name: 'Remind of due inspections',
    event: event.name,
    is_active: true,
    paused: false,
    priority: 0,
    conditions: null,
    actions: [action],
    created_at: '2026-12-01T08:00:00Z',
    updated_at: '2026-12-01T08:00:00Z',
  }) as unknown as Hook;

function renderForm(hook: Hook) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meQueryOptions().queryKey, {
    user: { id: 'me', full_name: 'Demo Admin', time_zone: 'Europe/Paris' },
  } as Schemas['MeOut']);
  const router = createRouter({
    routeTree: createRootRoute({ component: () => <HookForm hook={hook} events={[event]} /> }),
    history: createMemoryHistory(),
  });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

/** The body the last save sent. */
const savedActions = () =>
  (api.PUT.mock.lastCall?.[1] as { body: { actions: unknown[] } }).body.actions;

const save = (user: ReturnType<typeof userEvent.setup>) =>
  user.click(screen.getByRole('button', { name: 'Save' }));

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
  api.GET.mockImplementation((path: string) =>
    Promise.resolve(
      answer(
        path === '/api/v1/email-templates'
          ? [{ name: 'notification_email', description: 'A notification as an email.' }]
          : { items: [], next_cursor: null },
      ),
    ),
  );
  api.PUT.mockImplementation((_path: string, { body }: { body: object }) =>
    Promise.resolve(answer({ ...hookWith(writtenEmail), ...body })),
  );
});

describe('send_email in the hook editor', () => {
  it('shows an installed package’s written email and saves it unchanged', async () => {
    const user = userEvent.setup();
    renderForm(hookWith(writtenEmail));
    expect(await screen.findByRole('radio', { name: 'Written message' })).toBeChecked();
    expect(screen.getByLabelText('Subject (French)')).toHaveValue(writtenEmail.config.subject.fr);
    expect(screen.getByLabelText('Subject (English)')).toHaveValue(writtenEmail.config.subject.en);
    expect(screen.getByLabelText('Message (French)')).toHaveValue(writtenEmail.config.body.fr);
    expect(screen.getByLabelText('Message (English)')).toHaveValue(writtenEmail.config.body.en);
    expect(screen.queryByRole('combobox', { name: 'Template' })).not.toBeInTheDocument();
    await save(user);
    await waitFor(() => expect(api.PUT).toHaveBeenCalledTimes(1));
    expect(savedActions()).toEqual([writtenEmail]);
  });

  it('switches to a template and back without losing the texts or the recipients', async () => {
    const user = userEvent.setup();
    renderForm(hookWith(writtenEmail));
    await user.click(await screen.findByRole('radio', { name: 'Email template' }));
    expect(screen.getByRole('combobox', { name: 'Template' })).toHaveValue('notification_email');
    expect(screen.queryByLabelText('Subject (French)')).not.toBeInTheDocument();
    await save(user);
    await waitFor(() => expect(api.PUT).toHaveBeenCalledTimes(1));
    expect(savedActions()).toEqual([
      {
        type: 'send_email',
        config: { template: 'notification_email', recipients: ['role:hse_manager'] },
      },
    ]);
    // A mis-click is undone by clicking back: the texts are as they were.
    await user.click(screen.getByRole('radio', { name: 'Written message' }));
    expect(screen.getByLabelText('Subject (English)')).toHaveValue(writtenEmail.config.subject.en);
    await save(user);
    await waitFor(() => expect(api.PUT).toHaveBeenCalledTimes(2));
    expect(savedActions()).toEqual([writtenEmail]);
  });

  it('asks for the four texts of a new written message before saving', async () => {
    const user = userEvent.setup();
    renderForm(
      hookWith({ type: 'send_email', config: { template: 'notification_email', recipients: [] } }),
    );
    await user.click(await screen.findByRole('radio', { name: 'Written message' }));
    await user.type(screen.getByLabelText('Subject (French)'), 'Échéance');
    await save(user);
    expect(screen.getAllByText('This field is required.')).toHaveLength(3);
    expect(screen.getByLabelText('Subject (English)')).toHaveAccessibleDescription(
      'This field is required.',
    );
    expect(screen.getByLabelText('Subject (French)')).not.toHaveAttribute('aria-invalid');
    expect(api.PUT).not.toHaveBeenCalled();
  });

  it('shows a subject given as one string in both languages, and saves both once edited', async () => {
    const user = userEvent.setup();
    const oneSubject = {
      type: 'send_email',
      config: { ...writtenEmail.config, subject: 'Due: {data.equipment}' },
    };
    renderForm(hookWith(oneSubject));
    expect(await screen.findByLabelText('Subject (French)')).toHaveValue('Due: {data.equipment}');
    expect(screen.getByLabelText('Subject (English)')).toHaveValue('Due: {data.equipment}');
    await user.clear(screen.getByLabelText('Subject (French)'));
    await user.type(screen.getByLabelText('Subject (French)'), 'Échéance');
    await save(user);
    await waitFor(() => expect(api.PUT).toHaveBeenCalledTimes(1));
    expect(savedActions()).toEqual([
      {
        type: 'send_email',
        config: {
          ...writtenEmail.config,
          subject: { fr: 'Échéance', en: 'Due: {data.equipment}' },
        },
      },
    ]);
  });

  it('puts a server error at config.subject.fr under the French subject', async () => {
    api.PUT.mockResolvedValue(
      answer(
        {
          type: 'urn:opsflux:problem:validation_failed',
          title: 'Unprocessable Content',
          status: 422,
          code: 'validation_failed',
          detail: 'The request has invalid fields; see `errors`.',
          errors: [
            {
              field: 'actions[0].config.subject.fr',
              code: 'invalid_template',
              message: 'unclosed `{`',
            },
          ],
        },
        422,
      ),
    );
    const user = userEvent.setup();
    renderForm(hookWith(writtenEmail));
    await screen.findByLabelText('Subject (French)');
    await save(user);
    const french = screen.getByLabelText('Subject (French)');
    await waitFor(() => expect(french).toHaveAttribute('aria-invalid', 'true'));
    expect(french).toHaveAccessibleDescription('Invalid text: unclosed `{`');
    expect(screen.getByLabelText('Subject (English)')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Message (French)')).not.toHaveAttribute('aria-invalid');
  });
});
