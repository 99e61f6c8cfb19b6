import type * as React from 'react';

import { type Grants } from '@/lib/auth/permissions';
import { loadNamespace } from '@/lib/i18n';
import { TaskWatcherProvider } from '@/lib/tasks/task-watcher-provider';
import { answer } from '@/testing/api-answer';
import { ME, renderSignedIn } from '@/testing/render-signed-in';

import type { Action } from '../lib/actions';
import type { IncidentDetail } from '../lib/incident';

// The app's routes load the HSE words; these tests render the pages without them.
await Promise.all([loadNamespace('hse'), loadNamespace('hseKpi')]);

export { ME };

/** A field worker's grants: reports incidents, sees their own. */
export const reporter: Grants = { 'hse.create.incident': 'company', 'hse.view.incident': 'own' };

/** A problem+json answer with its code and, for a 422, its field errors. */
export const problem = (
  status: number,
  code: string,
  errors?: { field: string; code: string; message: string }[],
) => answer({ type: `urn:opsflux:problem:${code}`, title: 'Error', status, code, errors }, status);

/** `ui` signed in as Camille (Europe/Paris) holding `grants`, inside a router. */
export function renderHse(ui: () => React.ReactNode, grants: Grants = reporter) {
  return renderSignedIn(ui, grants, (router) => (
    <TaskWatcherProvider>{router}</TaskWatcherProvider>
  ));
}

/** An incident as the API details it, with what a test cares about changed. */
export function incident(overrides: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    id: '0193a7c2-0000-7000-8000-0000000001a1',
    number: 'INC-2026-00042',
    title: 'Dropped object from the crane boom',
    description: 'A shackle fell from the boom onto the pipe deck during a lift.',
    severity: 'high',
    incident_type: 'near_miss',
    status: 'submitted',
    occurred_at: '2026-11-03T09:30:00Z',
    location: 'Pipe deck, north side',
    coordinates: { latitude: -1.2345, longitude: 8.6789 },
    immediate_actions: 'Area cordoned off.',
    site_id: null,
    assigned_to: null,
    reported_by: ME,
    revision: 1,
    created_at: '2026-11-03T10:00:00Z',
    updated_at: '2026-11-03T10:00:00Z',
    people: [],
    investigation: null,
    actions: [],
    steps: [],
    transitions: [],
    ...overrides,
  };
}

/** An action as the API returns it, with what a test cares about changed. */
export function action(overrides: Partial<Action> = {}): Action {
  return {
    id: '0193a7c2-0000-7000-8000-0000000002a1',
    number: 'ACT-2026-00007',
    incident_id: '0193a7c2-0000-7000-8000-0000000001a1',
    kind: 'corrective',
    title: 'Fit a secondary retention on the boom lights',
    description: null,
    owner_id: ME,
    due_date: '2026-11-20',
    status: 'open',
    status_note: null,
    overdue: false,
    revision: 1,
    created_at: '2026-11-04T10:00:00Z',
    updated_at: '2026-11-04T10:00:00Z',
    ...overrides,
  };
}
