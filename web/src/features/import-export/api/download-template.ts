import { unwrap } from '@/lib/api/problem';
import { saveBlob } from '@/lib/download';

import { dispositionName } from '../lib/file-name';
import { ioApi } from './io-client';
import type { TemplateFormat } from './types';

/**
 * Saves the template of `resource` in `format` (its header row of field names and one
 * example row) under the name the server gives it. Fetched with the bearer token.
 */
export async function downloadTemplate(resource: string, format: TemplateFormat) {
  const result = await ioApi.GET('/api/v1/imports/resources/{name}/template', {
    params: { path: { name: resource }, query: { format } },
    parseAs: 'blob',
  });
  const blob = unwrap(result);
  const fallback = `${resource.replace(/[^\w-]+/g, '-')}-template.${format}`;
  saveBlob(blob, dispositionName(result.response.headers.get('Content-Disposition'), fallback));
}
