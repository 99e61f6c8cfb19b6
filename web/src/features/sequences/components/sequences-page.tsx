import { Hash, Pencil } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';

import { useSequences, type Sequence } from '../api/get-sequences';
import { renderNumber } from '../lib/format';
import { SequenceDialog } from './sequence-dialog';
import { sequenceLabel } from './sequence-label';

const COLUMNS = 6;

/** What numbering is and where sequences come from, while no module has declared one. */
function NoSequences() {
  const { t } = useTranslation('sequences');
  return (
    <div className="flex flex-col items-center gap-3 px-4 py-12 text-center">
      <span className="bg-primary/10 text-primary flex size-12 items-center justify-center rounded-full">
        <Hash className="size-6" aria-hidden />
      </span>
      <p className="text-base font-medium">{t('empty.title')}</p>
      <p className="text-muted-foreground max-w-lg text-sm">{t('empty.what')}</p>
      <p
        aria-hidden
        className="bg-muted rounded-md border px-3 py-1.5 font-mono text-sm font-semibold tracking-wide"
      >
        INC-2026-00043
      </p>
      <p className="text-muted-foreground max-w-lg text-sm">{t('empty.who')}</p>
    </div>
  );
}

function SequenceRow({ sequence }: { sequence: Sequence }) {
  const { t, i18n } = useTranslation('sequences');
  const label = sequenceLabel(sequence, i18n.language);
  return (
    <TableRow>
      <TableCell className="font-medium">{label}</TableCell>
      <TableCell>
        <code className="text-muted-foreground text-xs">{sequence.code}</code>
      </TableCell>
      <TableCell>
        <span className="bg-muted rounded px-1.5 py-0.5 font-mono text-sm font-semibold">
          {sequence.preview}
        </span>
      </TableCell>
      <TableCell>
        <div className="grid">
          <span>{t(`period.${sequence.period}`)}</span>
          {sequence.period_key ? (
            <span className="text-muted-foreground text-xs">
              {t('period_current', { key: sequence.period_key })}
            </span>
          ) : null}
        </div>
      </TableCell>
      <TableCell className="font-mono text-sm">
        {sequence.last_value > 0 ? (
          renderNumber(sequence.prefix, sequence.period_key, sequence.padding, sequence.last_value)
        ) : (
          <span className="text-muted-foreground font-sans">{t('never_used')}</span>
        )}
      </TableCell>
      <TableCell className="text-right">
        <SequenceDialog
          sequence={sequence}
          trigger={
            <Button size="sm" variant="outline" aria-label={t('edit_named', { label })}>
              <Pencil aria-hidden />
              {t('edit')}
            </Button>
          }
        />
      </TableCell>
    </TableRow>
  );
}

/** The company's sequences: how each kind of record is numbered, and the next number. */
export function SequencesPage() {
  const { t } = useTranslation('sequences');
  const sequences = useSequences();
  const rows = sequences.data ?? [];
  return (
    <PageBody>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="bg-card rounded-md border">
        {sequences.data && rows.length === 0 ? (
          <NoSequences />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('columns.label')}</TableHead>
                <TableHead>{t('columns.code')}</TableHead>
                <TableHead>{t('columns.preview')}</TableHead>
                <TableHead>{t('columns.period')}</TableHead>
                <TableHead>{t('columns.last')}</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">{t('columns.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sequences.isPending ? (
                <TableSkeleton columns={COLUMNS} />
              ) : sequences.isError ? (
                <FullRow columns={COLUMNS}>
                  <ErrorState error={sequences.error} onRetry={() => void sequences.refetch()} />
                </FullRow>
              ) : (
                rows.map((sequence) => <SequenceRow key={sequence.code} sequence={sequence} />)
              )}
            </TableBody>
          </Table>
        )}
      </div>
    </PageBody>
  );
}
