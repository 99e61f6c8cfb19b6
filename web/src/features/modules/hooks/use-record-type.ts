import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { ApiProblem } from '@/lib/api/problem';

import { definitionsQueryOptions } from '../api/get-definitions';
import { labelOf } from '../lib/labels';

/**
 * A record type's definition (fields, filters, workflow), which the generic screens are
 * drawn from: the one place that knows where it comes from (`GET /m/{module}`, the
 * types the user may view).
 *
 * `off` when the module is unknown or off for the company (404), or has no such type
 * the user may view.
 */
export function useRecordType(module: string, type: string) {
  const { i18n } = useTranslation();
  const query = useQuery(definitionsQueryOptions(module));
  const recordType = query.data?.record_types.find((candidate) => candidate.code === type);
  const off =
    (query.error instanceof ApiProblem && query.error.status === 404) ||
    (query.isSuccess && !recordType);
  return {
    recordType,
    moduleName: labelOf(query.data?.name, i18n.language),
    isPending: query.isPending,
    error: query.isError && !off ? query.error : null,
    off,
    refetch: query.refetch,
  };
}
