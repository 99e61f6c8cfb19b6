import { Directory, File, Paths } from 'expo-file-system';
import { manipulateAsync, SaveFormat } from 'expo-image-manipulator';
import * as ImagePicker from 'expo-image-picker';

import type { LocalPhoto } from '@/sync/outbox';

/** The longest side photos are sent at, and their JPEG quality: enough to read a gauge. */
export const MAX_SIDE = 2048;
export const JPEG_QUALITY = 0.7;

/** The resize that brings the longest side to `MAX_SIDE` (none for a smaller photo). */
export function resizeFor(width: number, height: number) {
  if (Math.max(width, height) <= MAX_SIDE) return [];
  return [{ resize: width >= height ? { width: MAX_SIDE } : { height: MAX_SIDE } }];
}

/**
 * Takes a photo (camera) or picks one (gallery), shrinks it to a JPEG and keeps it in
 * the app's documents (a cache may be emptied by the system before the outbox sends
 * it). `null` when the user cancels or refuses the permission.
 */
export async function capturePhoto(source: 'camera' | 'gallery'): Promise<LocalPhoto | null> {
  const permission =
    source === 'camera'
      ? await ImagePicker.requestCameraPermissionsAsync()
      : await ImagePicker.requestMediaLibraryPermissionsAsync();
  if (!permission.granted) return null;
  const options: ImagePicker.ImagePickerOptions = { mediaTypes: ['images'], quality: 1 };
  const picked =
    source === 'camera'
      ? await ImagePicker.launchCameraAsync(options)
      : await ImagePicker.launchImageLibraryAsync(options);
  const asset = picked.canceled ? undefined : picked.assets[0];
  if (!asset) return null;
  const small = await manipulateAsync(asset.uri, resizeFor(asset.width, asset.height), {
    compress: JPEG_QUALITY,
    format: SaveFormat.JPEG,
  });
  const folder = new Directory(Paths.document, 'outbox-photos');
  if (!folder.exists) folder.create({ intermediates: true });
  const name = `${Date.now()}-${Math.round(Math.random() * 1e9)}.jpg`;
  const kept = new File(folder, name);
  await new File(small.uri).move(kept);
  return { uri: kept.uri, name, type: 'image/jpeg', width: small.width, height: small.height };
}
