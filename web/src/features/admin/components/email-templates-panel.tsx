import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorState } from '@/components/data/list-states';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { NativeSelect } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import type { Schemas } from '@/lib/api/client';
import { LANGUAGES } from '@/lib/i18n';

import { useEmailPreview } from '../api/preview-email-template';
import { useEmailTemplates } from '../api/get-email-templates';

/** Each email template rendered with its sample data, French and English side by side. */
export function EmailTemplatesPanel() {
  const { t } = useTranslation('admin');
  const templates = useEmailTemplates();
  const [picked, setPicked] = useState('');
  if (templates.isPending) return <Skeleton className="h-40 w-full" />;
  if (templates.isError) {
    return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  }
  const name = picked || templates.data[0]?.name || '';
  const current = templates.data.find((template) => template.name === name);
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <NativeSelect
          className="w-72"
          aria-label={t('queue.template')}
          value={name}
          onChange={(event) => setPicked(event.target.value)}
        >
          {templates.data.map((template) => (
            <option key={template.name} value={template.name}>
              {template.name}
            </option>
          ))}
        </NativeSelect>
        {current ? <p className="text-muted-foreground text-sm">{current.description}</p> : null}
      </div>
      {name ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {LANGUAGES.map((locale) => (
            <TemplatePreview key={locale} name={name} locale={locale} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function TemplatePreview({ name, locale }: { name: string; locale: Schemas['Locale'] }) {
  const { t } = useTranslation();
  const preview = useEmailPreview(name, locale);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{t(`languages.${locale}`)}</CardTitle>
        {preview.data ? <p className="text-sm font-medium">{preview.data.subject}</p> : null}
      </CardHeader>
      <CardContent>
        {preview.isPending ? (
          <Skeleton className="h-64 w-full" />
        ) : preview.isError ? (
          <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
        ) : (
          // Sandboxed: the template's HTML runs no script and reaches nothing of the app.
          <iframe
            title={`${name} (${locale})`}
            sandbox=""
            srcDoc={preview.data.html}
            className="h-96 w-full rounded-md border bg-white"
          />
        )}
      </CardContent>
    </Card>
  );
}
