export { api as calendarApi } from '@/lib/api/client';

/** Every calendar query starts with this key: a change to an event refreshes them all. */
export const CALENDAR_KEY = ['calendar'] as const;
