import { Archive, Download } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { EmptyState, ErrorState } from '@/components/data/list-states';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { downloadExport, useExports } from '../api/get-exports';
import { parseExportName } from '../lib/export-name';

/** One export: the package, its version and when, read from the name; and its download. */
function ExportItem({ name }: { name: string }) {
  const { t } = useTranslation('modules');
  const format = useFormat();
  const [downloading, setDownloading] = useState(false);
  const parsed = parseExportName(name);

  const download = () => {
    setDownloading(true);
    downloadExport(name)
      .catch((error: unknown) => toast.error(problemMessage(error)))
      .finally(() => setDownloading(false));
  };

  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 py-3">
      <div className="grid min-w-0 flex-1 gap-0.5">
        {parsed ? (
          <>
            <p className="text-sm font-medium">
              <span className="font-mono">{parsed.code}</span> ·{' '}
              {t('version', { version: parsed.version })}
            </p>
            <p className="text-muted-foreground text-xs">
              <time dateTime={parsed.exportedAt}>
                {t('exports.exported_at', { date: format.dateTime(parsed.exportedAt) })}
              </time>{' '}
              · <span className="font-mono break-all">{name}</span>
            </p>
          </>
        ) : (
          <p className="font-mono text-sm break-all">{name}</p>
        )}
      </div>
      <Button
        variant="outline"
        size="sm"
        pending={downloading}
        aria-label={t('exports.download_named', { name })}
        onClick={download}
      >
        {downloading ? null : <Download aria-hidden />}
        {t('exports.download')}
      </Button>
    </li>
  );
}

/**
 * The exports of uninstalled packages' records, newest first, each downloaded with the
 * signed-in user's token. For platform operators, who uninstall packages.
 */
export function ModuleExports() {
  const { t } = useTranslation('modules');
  const { t: tc } = useTranslation();
  const exports = useExports();
  // The server lists them oldest first; the one just made matters most.
  const names = [...(exports.data ?? [])].reverse();

  return (
    <Card aria-labelledby="module-exports-title">
      <CardHeader>
        <CardTitle id="module-exports-title" className="flex items-center gap-2">
          <Archive className="text-muted-foreground size-5" aria-hidden />
          {t('exports.title')}
        </CardTitle>
        <CardDescription>{t('exports.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        {exports.isPending ? (
          <div className="grid gap-3" aria-busy>
            <span className="sr-only" role="status">
              {tc('common.loading')}
            </span>
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : exports.isError ? (
          <ErrorState error={exports.error} onRetry={() => void exports.refetch()} />
        ) : names.length === 0 ? (
          <EmptyState icon={Archive} title={t('exports.empty')} hint={t('exports.empty_hint')} />
        ) : (
          <ul aria-label={t('exports.list_label')} className="divide-y">
            {names.map((name) => (
              <ExportItem key={name} name={name} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
