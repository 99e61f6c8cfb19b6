import type { Sequence } from '../api/get-sequences';

/** A sequence's name in the UI language. */
export function sequenceLabel(sequence: Pick<Sequence, 'label_fr' | 'label_en'>, language: string) {
  return language === 'en' ? sequence.label_en : sequence.label_fr;
}
