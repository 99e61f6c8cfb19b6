import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { toast } from 'sonner';
import type * as React from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n, loadNamespace } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';

import { eventOut, occurrence, SERIES } from '../testing/fixtures';
import { useCalendarFlow } from './use-calendar-flow';

const api = vi.hoisted(() => ({ GET: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn() } }));

/** FullCalendar's dates: wall-clock times of Paris written as UTC. */
const wall = (text: string) => new Date(`${text}Z`);

function renderFlow() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return renderHook(() => useCalendarFlow('Europe/Paris'), { wrapper }).result;
}

/** The 09:00 meeting dragged to 10:30 on the same day. */
const dragged = (recurring: boolean, revert = vi.fn()) => ({
  shown: {
    kind: 'occurrence' as const,
    occurrence: occurrence(recurring ? {} : { recurring: false, original_start: null }),
  },
  start: wall('2026-11-10T10:30'),
  end: wall('2026-11-10T11:30'),
  revert,
});

beforeAll(async () => {
  await loadNamespace('calendar');
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('useCalendarFlow: a drag on the grid', () => {
  it('moves a single event to the instants of its new place', async () => {
    api.PATCH.mockResolvedValue(answer(eventOut()));
    const flow = renderFlow();
    act(() => flow.current.drop(dragged(false)));
    await waitFor(() =>
      expect(api.PATCH).toHaveBeenCalledWith('/api/v1/calendar/events/{id}', {
        params: { path: { id: SERIES } },
        body: { starts_at: '2026-11-10T09:30:00Z', ends_at: '2026-11-10T10:30:00Z' },
      }),
    );
    expect(toast.success).toHaveBeenCalledWith('Event “Weekly safety meeting” moved.');
  });

  it('puts the event back and says the server’s words when the move is refused', async () => {
    api.PATCH.mockResolvedValue(
      answer(
        {
          type: 'x',
          title: 'Conflict',
          status: 409,
          code: 'room_taken',
          detail: 'The room is taken.',
        },
        409,
      ),
    );
    const revert = vi.fn();
    const flow = renderFlow();
    act(() => flow.current.drop(dragged(false, revert)));
    await waitFor(() => expect(revert).toHaveBeenCalled());
    expect(toast.error).toHaveBeenCalledWith('The room is taken.');
  });

  it('asks which events first for a series, and puts it back when the question is dismissed', () => {
    const revert = vi.fn();
    const flow = renderFlow();
    act(() => flow.current.drop(dragged(true, revert)));
    expect(flow.current.question).toMatchObject({ action: 'move' });
    act(() => flow.current.question?.onCancel());
    expect(revert).toHaveBeenCalled();
    expect(flow.current.question).toBeNull();
    expect(api.PATCH).not.toHaveBeenCalled();
  });

  it('moves the whole series by the same step from its own first start', async () => {
    api.GET.mockResolvedValue(answer(eventOut()));
    api.PATCH.mockResolvedValue(answer(eventOut()));
    const flow = renderFlow();
    act(() => flow.current.drop(dragged(true)));
    act(() => flow.current.question?.onChoose('all'));
    await waitFor(() => expect(api.PATCH).toHaveBeenCalled());
    // The series starts on 3 November at 09:00: it now starts at 10:30, an hour long.
    expect(api.PATCH).toHaveBeenCalledWith('/api/v1/calendar/events/{id}', {
      params: { path: { id: SERIES } },
      body: { starts_at: '2026-11-03T09:30:00Z', ends_at: '2026-11-03T10:30:00Z' },
    });
  });
});
