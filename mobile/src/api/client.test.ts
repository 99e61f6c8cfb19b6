import { parseApiUrl } from '@/config/env';

import { createApiClient } from './client';

/** A fetch that records the request and answers like `GET /api/v1/i18n/{locale}`. */
function recordingFetch() {
  const requests: Request[] = [];
  const fetch = jest.fn((request: Request) => {
    requests.push(request);
    return Promise.resolve(
      new Response(JSON.stringify({ locale: 'fr', version: 'v1', messages: {} }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
  });
  return { fetch, requests };
}

describe('createApiClient', () => {
  it('builds URLs from the configured address and sends the UI language', async () => {
    const { fetch, requests } = recordingFetch();
    const baseUrl = parseApiUrl(' http://192.168.1.20:8080/ ');
    expect(baseUrl).toBe('http://192.168.1.20:8080');

    const api = createApiClient({ baseUrl: baseUrl ?? '', language: () => 'fr', fetch });
    const { data } = await api.GET('/api/v1/i18n/{locale}', {
      params: { path: { locale: 'fr' } },
    });

    expect(requests[0]?.url).toBe('http://192.168.1.20:8080/api/v1/i18n/fr');
    expect(requests[0]?.headers.get('Accept-Language')).toBe('fr');
    expect(data?.version).toBe('v1');
  });

  it('refuses an address that is not http(s)', () => {
    expect(parseApiUrl('192.168.1.20:8080')).toBeNull();
    expect(parseApiUrl('ftp://example.com')).toBeNull();
  });
});
