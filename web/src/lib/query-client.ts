import { QueryClient } from '@tanstack/react-query';

import { ApiProblem } from '@/lib/api/problem';

/** 4xx answers do not get better by asking again; network blips and 5xx might. */
function shouldRetry(failureCount: number, error: unknown) {
  if (error instanceof ApiProblem && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
