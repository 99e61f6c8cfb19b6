import type { Attachment } from '../api/get-attachments';
import type { Purposes } from '../api/get-purposes';

/** One purpose a record takes: how many it holds, how many it may, and the rules of its files. */
export type Allowance = {
  purpose: string;
  label_fr: string;
  label_en: string;
  types: string[];
  max_bytes: number;
  used: number;
  max: number;
  remaining: number;
};

/** Names a record gives its purposes (a package's attachment fields: "Certificate"). */
export type PurposeNames = Record<string, { fr: string; en: string }>;

/**
 * The purposes `model`'s records take, in the server's order, each with what the
 * record already holds, named by `names` or else by the catalogue. A purpose the
 * server lists for the model but not in its catalogue is shown by its code.
 */
export function allowances(
  purposes: Purposes,
  model: string,
  attachments: readonly Attachment[],
  names: PurposeNames = {},
): Allowance[] {
  const record = purposes.records.find((entry) => entry.model === model);
  if (!record) return [];
  return record.purposes.map(({ purpose, max_per_record }) => {
    const info = purposes.purposes.find((entry) => entry.code === purpose);
    const used = attachments.filter((item) => item.file.purpose === purpose).length;
    return {
      purpose,
      label_fr: names[purpose]?.fr ?? info?.label_fr ?? purpose,
      label_en: names[purpose]?.en ?? info?.label_en ?? purpose,
      types: info?.types ?? [],
      max_bytes: info?.max_bytes ?? 0,
      used,
      max: max_per_record,
      remaining: Math.max(0, max_per_record - used),
    };
  });
}

/** The purpose to offer first: the one chosen if it still has room, else the first with room. */
export function defaultPurpose(list: readonly Allowance[], chosen?: string): string | undefined {
  const current = list.find((entry) => entry.purpose === chosen);
  if (current && current.remaining > 0) return current.purpose;
  return (list.find((entry) => entry.remaining > 0) ?? current ?? list[0])?.purpose;
}

/** A purpose's label in the UI language. */
export function purposeLabel(entry: { label_fr: string; label_en: string }, language: string) {
  return language === 'en' ? entry.label_en : entry.label_fr;
}

/**
 * What can be refused before sending: a file over the purpose's size, or more files
 * than the record has room for (the first ones are kept). The server decides the type
 * (from the content) and the rest.
 */
export function precheck<F extends { name: string; size: number }>(
  allowance: Pick<Allowance, 'max_bytes' | 'remaining'>,
  files: readonly F[],
): { send: F[]; tooLarge: F[]; overLimit: F[] } {
  const tooLarge = files.filter(
    (file) => allowance.max_bytes > 0 && file.size > allowance.max_bytes,
  );
  const fitting = files.filter((file) => !tooLarge.includes(file));
  return {
    send: fitting.slice(0, allowance.remaining),
    tooLarge,
    overLimit: fitting.slice(allowance.remaining),
  };
}
