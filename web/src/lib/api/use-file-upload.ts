import { useEffect, useRef, useState } from 'react';

import type { Upload } from '@/lib/api/upload';

/** A file on its way: its name and how much of it has been sent. */
export type FileUpload = { name: string; loaded: number; total: number };

/**
 * One file sent at a time, with its progress and a way to cancel it; leaving the screen
 * cancels it too. `send` resolves with the server's answer, or `undefined` when the upload
 * was cancelled; it rejects with the server's problem.
 */
export function useFileUpload() {
  const controller = useRef<AbortController | null>(null);
  const [upload, setUpload] = useState<FileUpload | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  async function send<T>(file: File, post: (upload: Upload) => Promise<T>) {
    const abort = new AbortController();
    controller.current = abort;
    setUpload({ name: file.name, loaded: 0, total: file.size });
    try {
      return await post({
        file,
        signal: abort.signal,
        onProgress: ({ loaded, total }) => setUpload({ name: file.name, loaded, total }),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return undefined;
      throw error;
    } finally {
      controller.current = null;
      setUpload(null);
    }
  }

  return { upload, send, cancel: () => controller.current?.abort() };
}
