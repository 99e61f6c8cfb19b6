import type { Schemas } from '@/lib/api/client';

export type Coordinates = Schemas['Coordinates'];

/** The letters of the four directions, in the UI language (French writes west "O"). */
export type Compass = { north: string; south: string; east: string; west: string };

const degrees = (value: number) => `${Math.abs(value).toFixed(4)}°`;

/**
 * `1.2345° S, 8.6789° E`: four decimals (about 10 m) and a direction instead of a sign.
 * The decimal point stays a point in French too, so the comma between the two reads
 * unambiguously.
 */
export function formatCoordinates({ latitude, longitude }: Coordinates, compass: Compass) {
  const north = latitude < 0 ? compass.south : compass.north;
  const east = longitude < 0 ? compass.west : compass.east;
  return `${degrees(latitude)} ${north}, ${degrees(longitude)} ${east}`;
}

/** Decimal degrees as typed, with a point or a French comma (`-1,2345`); NaN if not a number. */
export function parseDegrees(text: string): number {
  const trimmed = text.trim();
  return /^[-+]?\d+([.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
}
