import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { ApiProblem } from '@/lib/api/problem';

import { moduleQueryOptions } from '../api/get-modules';
import { labelOf } from '../lib/labels';

/**
 * A record type's definition (fields, filters, workflow), which the generic screens are
 * drawn from. The one place that knows where it comes from: today the module's own
 * endpoint (`GET /modules/{code}`), which needs `modules.manage.module`.
 *
 * `off` when the module is unknown, off for the company, or has no such type.
 */
export function useRecordType(module: string, type: string) {
  const { i18n } = useTranslation();
  const query = useQuery({ ...moduleQueryOptions(module), retry: false });
  const recordType = query.data?.record_types.find((candidate) => candidate.code === type);
  const off =
    (query.error instanceof ApiProblem && query.error.status === 404) ||
    (query.isSuccess && (!query.data.enabled || !recordType));
  return {
    recordType,
    moduleName: labelOf(query.data?.name, i18n.language),
    isPending: query.isPending,
    error: query.isError && !off ? query.error : null,
    off,
    refetch: query.refetch,
  };
}
