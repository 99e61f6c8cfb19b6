import { api } from '@/lib/api/client';

/** The app's one API client (token, refresh, language). */
export const ioApi = api;

/** The caller's tasks: every task query starts with this key. */
export const TASKS_KEY = ['tasks'] as const;
