import type { Label } from '../api/get-modules';

/** A `{fr, en}` text in the UI language (French when the language is neither). */
export function labelOf(label: Label | null | undefined, language: string) {
  if (!label) return '';
  return language === 'en' ? label.en : label.fr;
}
