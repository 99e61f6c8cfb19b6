import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Text, View } from 'react-native';

import { LoadingScreen } from '@/components/loading-screen';
import { ReportForm } from '@/reports/report-form';
import {
  blankIncident,
  incidentInput,
  incidentPayload,
  type IncidentValues,
} from '@/reports/rules';
import { useStored, useSync } from '@/sync/context';
import { listSites } from '@/sync/mirror';
import { addItem, editItem, findItem } from '@/sync/outbox';

import { styles } from './ui';

/**
 * Report an incident: saved on the device first, then queued (`Send`) or kept as a
 * draft. `draftId` reopens a draft, or a report the server refused, to finish it.
 */
export function ReportScreen({ draftId }: { draftId?: string }) {
  const { t } = useTranslation(['field', 'translation']);
  const { store, clock, poke } = useSync();
  const sites = useStored(listSites);
  const existing = useStored((s) => (draftId ? findItem(s, draftId) : Promise.resolve(null)));
  const [done, setDone] = useState<{ text: string; form: number }>({ text: '', form: 0 });

  if (sites.status === 'loading' || existing.status === 'loading') {
    return <LoadingScreen />;
  }
  const item = existing.data?.kind === 'incident' ? existing.data : null;
  const defaults = item ? incidentInput(item) : blankIncident(new Date());

  const save = async (values: IncidentValues, draft: boolean) => {
    const state = draft ? 'draft' : 'waiting';
    const report = {
      payload: incidentPayload(values),
      accuracy: values.coordinates?.accuracy ?? null,
      photos: values.photos,
    };
    if (item && done.form === 0) {
      await editItem(store, item.id, report, clock, state);
    } else {
      await addItem(store, { kind: 'incident', ...report }, clock, state);
    }
    if (!draft) poke();
    // A new, blank form for the next report.
    setDone((was) => ({
      text: t(draft ? 'report.saved_draft' : 'report.queued'),
      form: was.form + 1,
    }));
  };

  return (
    <View style={{ flex: 1 }}>
      {done.text ? (
        <Text accessibilityRole="alert" style={[styles.message, { opacity: 1 }]}>
          {done.text}
        </Text>
      ) : null}
      <ReportForm
        key={done.form}
        defaultValues={done.form === 0 ? defaults : blankIncident(new Date())}
        sites={sites.data ?? []}
        onSave={save}
      />
    </View>
  );
}
