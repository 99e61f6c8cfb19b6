import type { Client } from 'openapi-fetch';

import { api } from '@/lib/api/client';

import type { CalendarPaths } from './types';

/**
 * The app's one API client (token, refresh, language), typed with the calendar's routes
 * while they are missing from the generated schema. The one cast of the feature: once
 * `schema.d.ts` has them, this becomes `export const calendarApi = api`.
 */
export const calendarApi = api as unknown as Client<CalendarPaths>;

/** Every calendar query starts with this key: a change to an event refreshes them all. */
export const CALENDAR_KEY = ['calendar'] as const;
