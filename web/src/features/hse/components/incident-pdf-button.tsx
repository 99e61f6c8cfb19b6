import { FileDown } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { problemMessage } from '@/lib/forms/apply-problem';

import { downloadIncidentPdf } from '../api/download-incident-pdf';
import type { Incident } from '../lib/incident';

/** Saves the incident's report as `<number>.pdf`; spins while it comes, toasts a failure. */
export function IncidentPdfButton({ incident }: { incident: Incident }) {
  const { t } = useTranslation('hse');
  const [pending, setPending] = useState(false);
  const download = async () => {
    setPending(true);
    try {
      await downloadIncidentPdf(incident);
    } catch (error) {
      toast.error(problemMessage(error));
    } finally {
      setPending(false);
    }
  };
  return (
    <Button
      variant="outline"
      pending={pending}
      aria-label={t('detail.pdf_label', { number: incident.number })}
      title={t('detail.pdf_label', { number: incident.number })}
      onClick={() => void download()}
    >
      {pending ? null : <FileDown aria-hidden />}
      {t('detail.pdf')}
    </Button>
  );
}
