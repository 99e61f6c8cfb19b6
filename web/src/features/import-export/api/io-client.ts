import type { Client } from 'openapi-fetch';

import { api } from '@/lib/api/client';

import type { ImportExportPaths } from './types';

/**
 * The app's one API client (token, refresh, language), typed with the import/export
 * routes while they are missing from the generated schema. The one cast of the feature:
 * once `schema.d.ts` has them, this becomes `export const ioApi = api`.
 */
export const ioApi = api as unknown as Client<ImportExportPaths>;

/** The caller's tasks: every task query starts with this key. */
export const TASKS_KEY = ['tasks'] as const;
