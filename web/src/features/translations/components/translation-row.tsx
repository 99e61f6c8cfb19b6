import { RotateCcw, Save } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { ApiProblem } from '@/lib/api/problem';
import { problemMessage } from '@/lib/forms/apply-problem';
import { cn } from '@/lib/utils';

import type { TranslationKey } from '../api/get-translation-keys';
import { useSaveTranslation } from '../api/save-translation';
import { placeholderDiff, placeholders } from '../lib/placeholders';

type Language = 'fr' | 'en';
const LANGUAGES: Language[] = ['fr', 'en'];

/** One language of a key: the default, the company's words (empty: the default) and checks. */
function LanguageCell({
  entry,
  language,
  value,
  onChange,
  error,
}: {
  entry: TranslationKey;
  language: Language;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('translations');
  const fallback = language === 'fr' ? entry.default_fr : entry.default_en;
  const id = `tr-${entry.key}-${language}`;
  const wanted = placeholders(fallback);
  const diff = value.trim() ? placeholderDiff(fallback, value) : { missing: [], extra: [] };
  const local =
    diff.missing.length > 0
      ? t('missing_placeholders', { names: diff.missing.map((p) => p.written).join(', ') })
      : diff.extra.length > 0
        ? t('extra_placeholders', { names: diff.extra.map((p) => p.written).join(', ') })
        : undefined;
  const message = error ?? local;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const control = {
    id,
    value,
    placeholder: fallback,
    'aria-label': t('field_label', { language: t(`columns.${language}`), key: entry.key }),
    'aria-invalid': message ? true : undefined,
    'aria-describedby': [hintId, message ? errorId : null].filter(Boolean).join(' '),
  } as const;
  const multiline = fallback.includes('\n') || fallback.length > 90;
  return (
    <div className="grid min-w-0 content-start gap-1.5">
      <span className="text-muted-foreground text-xs font-medium lg:hidden" aria-hidden>
        {t(`columns.${language}`)}
      </span>
      <p id={hintId} className="text-muted-foreground text-xs break-words">
        <span className="sr-only">{t('default_named', { text: fallback })}</span>
        <span aria-hidden>
          <span className="font-medium">{t('default')}</span> {fallback}
        </span>
      </p>
      {multiline ? (
        <Textarea {...control} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <Input {...control} onChange={(event) => onChange(event.target.value)} />
      )}
      {wanted.length > 0 && !message ? (
        <p className="text-muted-foreground text-xs">
          {t('keep_placeholders', { names: wanted.map((p) => p.written).join(', ') })}
        </p>
      ) : null}
      {message ? (
        <p id={errorId} role="alert" className="text-destructive text-xs font-medium">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A key of the catalogue: its module, the default French and English, and the
 * company's words for each, saved together or reset to the defaults.
 */
export function TranslationRow({ entry }: { entry: TranslationKey }) {
  const { t } = useTranslation('translations');
  const save = useSaveTranslation();
  const [values, setValues] = useState<Record<Language, string>>({
    fr: entry.fr ?? '',
    en: entry.en ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<Language | 'row', string>>>({});
  const overridden = entry.fr != null || entry.en != null;
  const dirty = LANGUAGES.some((language) => values[language] !== (entry[language] ?? ''));
  const fits = LANGUAGES.every((language) => {
    const value = values[language];
    if (!value.trim()) return true;
    const diff = placeholderDiff(language === 'fr' ? entry.default_fr : entry.default_en, value);
    return diff.missing.length === 0 && diff.extra.length === 0;
  });

  const [doing, setDoing] = useState<'save' | 'reset'>('save');
  const send = (
    kind: 'save' | 'reset',
    body: { fr: string | null; en: string | null },
    done: string,
  ) => {
    setDoing(kind);
    setErrors({});
    // Awaited rather than given callbacks: the row is drawn afresh once the list has
    // the new words, and the toast must still say so.
    save.mutateAsync({ key: entry.key, body }).then(
      () => toast.success(done),
      (error: unknown) => {
        const placed: typeof errors = {};
        if (error instanceof ApiProblem) {
          for (const fieldError of error.problem.errors ?? []) {
            const where =
              fieldError.field === 'fr' || fieldError.field === 'en' ? fieldError.field : 'row';
            placed[where] = (t as (key: string, options: object) => string)(
              `translations:errors.${fieldError.code}`,
              { defaultValue: fieldError.message },
            );
          }
        }
        if (Object.keys(placed).length === 0) placed.row = problemMessage(error);
        setErrors(placed);
      },
    );
  };

  return (
    <li
      aria-labelledby={`tr-${entry.key}`}
      className={cn(
        'grid gap-3 border-b p-4 last:border-b-0 md:grid-cols-2 md:gap-x-4 lg:grid-cols-[minmax(0,15rem)_minmax(0,1fr)_minmax(0,1fr)_auto]',
        dirty && 'bg-amber-50/60',
      )}
    >
      <div className="flex min-w-0 flex-wrap content-start items-center gap-x-2 gap-y-1 md:col-span-2 lg:col-span-1 lg:grid">
        <span id={`tr-${entry.key}`} className="font-mono text-xs font-medium break-all">
          {entry.key}
        </span>
        <div className="flex flex-wrap gap-1">
          <Badge variant="outline">{entry.module}</Badge>
          {overridden ? <Badge variant="warning">{t('overridden')}</Badge> : null}
        </div>
      </div>
      {LANGUAGES.map((language) => (
        <LanguageCell
          key={language}
          entry={entry}
          language={language}
          value={values[language]}
          error={errors[language]}
          onChange={(value) => {
            setValues((current) => ({ ...current, [language]: value }));
            setErrors((current) => ({ ...current, [language]: undefined, row: undefined }));
          }}
        />
      ))}
      <div className="flex flex-wrap content-start gap-2 md:col-span-2 lg:col-span-1 lg:flex-col lg:items-stretch">
        <Button
          size="sm"
          variant={dirty ? 'default' : 'outline'}
          disabled={!dirty || !fits}
          pending={save.isPending && doing === 'save'}
          aria-label={t('save_named', { key: entry.key })}
          onClick={() =>
            send(
              'save',
              { fr: values.fr.trim() ? values.fr : null, en: values.en.trim() ? values.en : null },
              t('saved', { key: entry.key }),
            )
          }
        >
          <Save aria-hidden />
          {t('save')}
        </Button>
        <Button
          size="sm"
          variant="outline"
          disabled={!overridden}
          pending={save.isPending && doing === 'reset'}
          aria-label={t('reset_named', { key: entry.key })}
          title={t('reset_named', { key: entry.key })}
          onClick={() => send('reset', { fr: null, en: null }, t('reset_done', { key: entry.key }))}
        >
          <RotateCcw aria-hidden />
          {t('reset')}
        </Button>
        {errors.row ? (
          <p role="alert" className="text-destructive text-xs font-medium lg:max-w-40">
            {errors.row}
          </p>
        ) : null}
      </div>
    </li>
  );
}
