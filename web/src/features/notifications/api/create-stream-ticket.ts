import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/**
 * A single-use ticket for the live stream (an EventSource cannot send the bearer
 * token); valid for `expires_in` seconds.
 */
export async function createStreamTicket(): Promise<string> {
  return unwrap(await api.POST('/api/v1/notifications/stream-ticket')).ticket;
}
