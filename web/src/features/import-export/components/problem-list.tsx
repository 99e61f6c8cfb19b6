import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { FieldOut, RowProblem } from '../api/types';
import { problemsByLine } from '../lib/preview';

/** The contract lists at most this many problems. */
const LISTED = 500;

/** Every problem the server listed, line by line: "Line 3 — Email: not an email address". */
export function ProblemList({ problems, fields }: { problems: RowProblem[]; fields: FieldOut[] }) {
  const { t } = useTranslation('importExport');
  const id = useId();
  if (problems.length === 0) return null;
  const labels = new Map(fields.map((field) => [field.name, field.label]));
  return (
    <section className="grid gap-2" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {t('preview.problems.title')}
      </h3>
      <ul className="grid max-h-72 gap-1 overflow-y-auto rounded-md border border-red-200 bg-red-50/60 p-3 text-sm text-red-950">
        {problemsByLine(problems).map(({ line, problems: onLine }) => (
          <li key={line}>
            <span className="font-medium">{t('preview.problems.line', { line })}</span>
            {' — '}
            {onLine
              .map((problem) =>
                t('preview.problems.problem', {
                  column:
                    problem.column == null
                      ? t('preview.problems.whole_row')
                      : (labels.get(problem.column) ?? problem.column),
                  message: problem.message,
                }),
              )
              .join(' ; ')}
          </li>
        ))}
      </ul>
      {problems.length >= LISTED ? (
        <p className="text-muted-foreground text-xs">
          {t('preview.problems.more', { count: LISTED })}
        </p>
      ) : null}
    </section>
  );
}
