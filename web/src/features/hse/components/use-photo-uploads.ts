import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { uploadFailure, uploadFile, type UploadFailure } from '@/features/files';

import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_PURPOSE } from '../lib/incident';

export type Photo = {
  key: string;
  name: string;
  /** A local object URL: the preview shows before the server has the file. */
  preview: string;
  loaded: number;
  total: number;
  state: 'sending' | 'done' | 'failed';
  fileId?: string;
  failure?: UploadFailure;
  controller: AbortController;
};

const uploadedIds = (photos: Photo[]) =>
  photos.flatMap((photo) => (photo.fileId ? [photo.fileId] : []));

/**
 * The report's photos: each sent at once (`hse.photo`) with its progress, so the
 * incident only names uploaded files. Refuses what the server would (not an image,
 * over 10 MB, more than 5) before sending. Leaving the form stops what is under way.
 */
export function usePhotoUploads(onChange?: (fileIds: string[]) => void) {
  const { t } = useTranslation('hse');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const count = useRef(0);
  // The list as of now, for event handlers and upload callbacks (state lags a render).
  const live = useRef<Photo[]>([]);

  useEffect(
    () => () =>
      live.current.forEach((photo) => {
        photo.controller.abort();
        URL.revokeObjectURL(photo.preview);
      }),
    [],
  );

  const update = (change: (list: Photo[]) => Photo[]) => {
    const next = change(live.current);
    live.current = next;
    setPhotos(next);
    // The form's `photo_ids` follow the uploads done, in their order.
    onChange?.(uploadedIds(next));
  };
  const patch = (key: string, change: Partial<Photo>) =>
    update((list) => list.map((photo) => (photo.key === key ? { ...photo, ...change } : photo)));

  const add = (files: File[]) => {
    const images = files.filter((file) => {
      if (!file.type.startsWith('image/'))
        toast.error(t('form.photo_not_image', { name: file.name }));
      else if (file.size > MAX_PHOTO_BYTES)
        toast.error(t('form.photo_too_large', { name: file.name }));
      else return true;
      return false;
    });
    const room = MAX_PHOTOS - live.current.filter((photo) => photo.state !== 'failed').length;
    const refused = images.length - Math.max(0, room);
    if (refused > 0) toast.error(t('form.photos_over', { count: refused }));
    for (const file of images.slice(0, Math.max(0, room))) {
      count.current += 1;
      const key = `${count.current}-${file.name}`;
      const controller = new AbortController();
      const photo: Photo = {
        key,
        name: file.name,
        preview: URL.createObjectURL(file),
        loaded: 0,
        total: file.size,
        state: 'sending',
        controller,
      };
      update((list) => [...list, photo]);
      uploadFile({
        purpose: PHOTO_PURPOSE,
        file,
        signal: controller.signal,
        onProgress: ({ loaded, total }) => patch(key, { loaded, total }),
      }).then(
        (stored) => patch(key, { state: 'done', fileId: stored.id, loaded: file.size }),
        (error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          patch(key, { state: 'failed', failure: uploadFailure(error, file.name) });
        },
      );
    }
  };

  const remove = (key: string) => {
    const photo = live.current.find((candidate) => candidate.key === key);
    photo?.controller.abort();
    if (photo) URL.revokeObjectURL(photo.preview);
    update((list) => list.filter((candidate) => candidate.key !== key));
  };

  return {
    photos,
    /** The uploaded files' ids, in their order. */
    fileIds: uploadedIds(photos),
    add,
    remove,
    uploading: photos.some((photo) => photo.state === 'sending'),
    full: photos.filter((photo) => photo.state !== 'failed').length >= MAX_PHOTOS,
  };
}

export type PhotoUploadsState = ReturnType<typeof usePhotoUploads>;
