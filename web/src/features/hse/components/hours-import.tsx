import { CircleCheck, Download, TriangleAlert } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { DropZone } from '@/components/data/drop-zone';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { useActiveSiteSearch } from '@/lib/api/sites';
import { ApiProblem } from '@/lib/api/problem';
import { saveBlob } from '@/lib/download';
import { problemMessage } from '@/lib/forms/apply-problem';
import { translateIfExists } from '@/lib/i18n';

import { useImportHours } from '../api/import-hours';
import { hoursTemplate, importErrors, previewCsv } from '../lib/hours-csv';
import { addMonths, currentMonth } from '../lib/period-search';

type Picked = { name: string; text: string };

/** The server's per-line problems, in words: "Line 3 — month: a month is written YYYY-MM". */
function ImportProblems({ error }: { error: unknown }) {
  const { t } = useTranslation('hseKpi');
  const lines =
    error instanceof ApiProblem && error.status === 422
      ? importErrors(error.problem.errors ?? [])
      : [];
  if (lines.length === 0) {
    return (
      <Alert variant="destructive">
        <TriangleAlert aria-hidden />
        <span>{problemMessage(error)}</span>
      </Alert>
    );
  }
  return (
    <Alert variant="destructive" className="grid gap-2">
      <p className="font-medium">{t('hours.import.refused')}</p>
      <ul className="grid max-h-64 list-disc gap-1 overflow-y-auto pl-5">
        {lines.map((line, index) => (
          <li key={index}>
            <span className="font-medium">
              {line.line === null
                ? t('hours.import.whole_file')
                : t('hours.import.line', { line: line.line })}
            </span>
            {' — '}
            {t('hours.import.problem', {
              column:
                translateIfExists(`hseKpi:hours.import.columns.${line.column}`) ?? line.column,
              message: translateIfExists(`hseKpi:hours.import.codes.${line.code}`) ?? line.message,
            })}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** The first lines of the chosen file, as the server will read them (roughly). */
function Preview({ picked }: { picked: Picked }) {
  const { t } = useTranslation('hseKpi');
  const { header, rows, more } = previewCsv(picked.text);
  return (
    <div className="grid gap-1">
      <p className="text-sm font-medium break-all">
        {t('hours.import.preview', { name: picked.name })}
      </p>
      <div className="rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              {header.map((cell, index) => (
                <TableHead key={index} className="font-mono text-xs">
                  {cell}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row, index) => (
              <TableRow key={index}>
                {row.map((cell, column) => (
                  <TableCell key={column} className="py-1 font-mono text-xs whitespace-nowrap">
                    {cell}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {more > 0 ? (
        <p className="text-muted-foreground text-xs">
          {t('hours.import.preview_more', { count: more })}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A CSV file of hours: chosen or dropped, previewed, sent whole; then what was saved, or
 * the server's problems line by line (nothing is saved while one line is wrong).
 */
export function HoursImport() {
  const { t } = useTranslation('hseKpi');
  const input = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const importHours = useImportHours();
  const sites = useActiveSiteSearch('');

  const pick = async (file: File | undefined) => {
    if (!file) return;
    if (!/\.(csv|txt)$/i.test(file.name)) {
      toast.error(t('hours.import.not_csv', { name: file.name }));
      return;
    }
    importHours.reset();
    setPicked({ name: file.name, text: await file.text() });
  };

  const downloadTemplate = () => {
    const example = hoursTemplate(
      sites.data?.[0]?.name ?? 'Platform Alpha',
      addMonths(currentMonth(), -1),
    );
    saveBlob(new Blob([example], { type: 'text/csv' }), 'hours-worked.csv');
  };

  const done = importHours.data;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{t('hours.import.title')}</CardTitle>
        <CardDescription>{t('hours.import.description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Button variant="link" className="h-auto w-fit p-0" onClick={downloadTemplate}>
          <Download aria-hidden />
          {t('hours.import.template')}
        </Button>
        {picked ? (
          <>
            <Preview picked={picked} />
            <div className="flex flex-wrap justify-end gap-2">
              <Button
                variant="ghost"
                disabled={importHours.isPending}
                onClick={() => {
                  setPicked(null);
                  importHours.reset();
                }}
              >
                {t('hours.import.cancel')}
              </Button>
              <Button
                pending={importHours.isPending}
                disabled={done !== undefined}
                onClick={() => importHours.mutate(picked.text)}
              >
                {t('hours.import.send')}
              </Button>
            </div>
          </>
        ) : (
          <DropZone
            label={t('hours.import.area_label')}
            disabled={importHours.isPending}
            onFiles={(files) => void pick(files[0])}
          >
            {(dragging) => (
              <div className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1 text-sm">
                <Button type="button" variant="outline" onClick={() => input.current?.click()}>
                  {t('hours.import.choose')}
                </Button>
                <span className="text-muted-foreground">
                  {dragging ? t('hours.import.drop_active') : t('hours.import.drop')}
                </span>
              </div>
            )}
          </DropZone>
        )}
        <input
          ref={input}
          type="file"
          className="sr-only"
          tabIndex={-1}
          aria-label={t('hours.import.area_label')}
          accept=".csv,text/csv"
          onChange={(event) => {
            void pick(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        {done ? (
          <Alert variant="info" role="status">
            <CircleCheck aria-hidden />
            <span>
              {t('hours.import.done', {
                count: done.created + done.updated,
                created: done.created,
                updated: done.updated,
              })}
            </span>
          </Alert>
        ) : null}
        {importHours.isError ? <ImportProblems error={importHours.error} /> : null}
      </CardContent>
    </Card>
  );
}
