import type { Schemas } from '@/lib/api/client';
import { postFile, type Upload } from '@/lib/api/upload';

export type UploadedFile = Schemas['FileOut'];

/** The purpose an import's file is stored under (the files API checks its types and size). */
export const IMPORT_PURPOSE = 'import_export.file';

/** Sends the file to import, with real progress; the preview then reads it by its id. */
export function uploadImportFile(upload: Upload): Promise<UploadedFile> {
  return postFile(`/api/v1/files?purpose=${encodeURIComponent(IMPORT_PURPOSE)}`, upload);
}
