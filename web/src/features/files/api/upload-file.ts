import type { Schemas } from '@/lib/api/client';
import { postFile, type Upload } from '@/lib/api/upload';

export { type UploadProgress, xhrProblem } from '@/lib/api/upload';

/** Uploads a file for `purpose`, with real progress. */
export function uploadFile({
  purpose,
  ...upload
}: Upload & { purpose: string }): Promise<Schemas['FileOut']> {
  return postFile(`/api/v1/files?purpose=${encodeURIComponent(purpose)}`, upload);
}
