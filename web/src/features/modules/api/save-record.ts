import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { type RecordDetail, recordQueryOptions } from './get-records';

export type RecordData = Record<string, unknown>;

/** The ETag of a revision, as `If-Match` wants it back. */
export const revisionTag = (revision: number) => `"${revision}"`;

export async function createRecord(module: string, recordType: string, data: RecordData) {
  return unwrap(
    await api.POST('/api/v1/m/{module}/{record_type}', {
      params: { path: { module, record_type: recordType } },
      body: { data },
    }),
  );
}

/** Only the fields that changed (`null` clears one), against the revision read. */
export async function updateRecord(
  module: string,
  recordType: string,
  id: string,
  revision: number,
  data: RecordData,
) {
  return unwrap(
    await api.PATCH('/api/v1/m/{module}/{record_type}/{id}', {
      params: {
        path: { module, record_type: recordType, id },
        header: { 'If-Match': revisionTag(revision) },
      },
      body: { data },
    }),
  );
}

export async function transitionRecord(
  module: string,
  recordType: string,
  id: string,
  transition: string,
  revision?: number,
) {
  return unwrap(
    await api.POST('/api/v1/m/{module}/{record_type}/{id}/transitions/{transition}', {
      params: {
        path: { module, record_type: recordType, id, transition },
        header: revision === undefined ? {} : { 'If-Match': revisionTag(revision) },
      },
    }),
  );
}

export async function deleteRecord(module: string, recordType: string, id: string) {
  unwrap(
    await api.DELETE('/api/v1/m/{module}/{record_type}/{id}', {
      params: { path: { module, record_type: recordType, id } },
    }),
  );
}

/** After a write: the record as the server answered; its type's lists and its history asked again. */
function useSettle(module: string, recordType: string) {
  const queryClient = useQueryClient();
  return async (saved?: RecordDetail) => {
    if (saved) {
      queryClient.setQueryData(recordQueryOptions(module, recordType, saved.id).queryKey, saved);
    }
    await queryClient.invalidateQueries({ queryKey: ['records', module, recordType, 'list'] });
    await queryClient.invalidateQueries({ queryKey: ['records', module, recordType, 'search'] });
    if (saved) {
      await queryClient.invalidateQueries({
        queryKey: ['records', module, recordType, 'history', saved.id],
      });
    }
  };
}

export function useCreateRecord(module: string, recordType: string) {
  const settle = useSettle(module, recordType);
  return useMutation({
    mutationFn: (data: RecordData) => createRecord(module, recordType, data),
    onSuccess: (saved) => settle(saved),
  });
}

export function useUpdateRecord(module: string, recordType: string) {
  const settle = useSettle(module, recordType);
  return useMutation({
    mutationFn: ({ id, revision, data }: { id: string; revision: number; data: RecordData }) =>
      updateRecord(module, recordType, id, revision, data),
    onSuccess: (saved) => settle(saved),
  });
}

export function useTransitionRecord(module: string, recordType: string) {
  const settle = useSettle(module, recordType);
  return useMutation({
    mutationFn: ({
      id,
      transition,
      revision,
    }: {
      id: string;
      transition: string;
      revision?: number;
    }) => transitionRecord(module, recordType, id, transition, revision),
    onSuccess: (saved) => settle(saved),
  });
}

export function useDeleteRecord(module: string, recordType: string) {
  const queryClient = useQueryClient();
  const settle = useSettle(module, recordType);
  return useMutation({
    mutationFn: (id: string) => deleteRecord(module, recordType, id),
    onSuccess: async (_, id) => {
      queryClient.removeQueries({ queryKey: recordQueryOptions(module, recordType, id).queryKey });
      await settle();
    },
  });
}
