import { FlaskConical, RotateCcw } from 'lucide-react';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { problemMessage } from '@/lib/forms/apply-problem';

import type { HookEvent } from '../api/get-hook-events';
import { useTestHook, type PlannedAction } from '../api/test-hook';
import { peekPendingTry, takePendingTry } from '../lib/pending-try';
import { ActionOutcome } from './action-outcome';

const pretty = (value: unknown) => JSON.stringify(value ?? {}, null, 2);

type Parsed = { ok: true; context: Record<string, unknown> } | { ok: false; message: string };

function useParse() {
  const { t } = useTranslation('hooks');
  return (text: string): Parsed => {
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { ok: false, message: t('try.not_object') };
      }
      return { ok: true, context: value as Record<string, unknown> };
    } catch (error) {
      return { ok: false, message: t('try.invalid', { message: (error as Error).message }) };
    }
  };
}

/**
 * The dry run: a context (the event's sample, editable) sent to the saved hook, which
 * answers whether it matches and what each action would render, with no side effect.
 * Unsaved changes are saved first (`save` answers the hook's id, or null if refused).
 */
export function DryRunPanel({
  hookId,
  event,
  dirty,
  save,
}: {
  hookId: string | undefined;
  event: HookEvent | undefined;
  dirty: boolean;
  save: (context: string) => Promise<string | null>;
}) {
  const { t } = useTranslation('hooks');
  const parse = useParse();
  const [text, setText] = useState(() => peekPendingTry(hookId) ?? pretty(event?.sample));
  // The sample follows the event picked until the user edits it.
  const [edited, setEdited] = useState(() => peekPendingTry(hookId) !== undefined);
  const [sampleOf, setSampleOf] = useState(event?.name);
  if (event?.name !== sampleOf) {
    setSampleOf(event?.name);
    if (!edited) setText(pretty(event?.sample));
  }
  const [invalid, setInvalid] = useState<string>();
  const test = useTestHook(hookId ?? '');
  const [saving, setSaving] = useState(false);

  const run = async (context: string) => {
    const parsed = parse(context);
    if (!parsed.ok) {
      setInvalid(parsed.message);
      return;
    }
    setInvalid(undefined);
    if (!hookId || dirty) {
      setSaving(true);
      const saved = await save(context).finally(() => setSaving(false));
      // A new hook's page takes over from here (the try runs there).
      if (!saved || !hookId) return;
    }
    test.mutate(parsed.context);
  };

  // "Save and try" from the new hook's page: run the try it asked for.
  // (Checked before the save that brought us here.)
  const tryPending = useEffectEvent((context: string) => {
    const parsed = parse(context);
    if (parsed.ok) test.mutate(parsed.context);
  });
  useEffect(() => {
    const pending = takePendingTry(hookId);
    if (pending !== undefined) tryPending(pending);
  }, [hookId]);

  const result = test.data;
  const planned = (result?.actions ?? []) as PlannedAction[];
  return (
    <Card aria-labelledby="try-title">
      <CardHeader>
        <CardTitle id="try-title" className="flex items-center gap-2">
          <FlaskConical className="size-5" aria-hidden />
          {t('try.title')}
        </CardTitle>
        <CardDescription>{t('try.hint')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 lg:grid-cols-2">
        <div className="grid content-start gap-1.5">
          <Label htmlFor="try-context">{t('try.context')}</Label>
          <Textarea
            id="try-context"
            className="min-h-64 font-mono text-xs"
            spellCheck={false}
            value={text}
            aria-invalid={invalid ? true : undefined}
            aria-describedby="try-context-hint"
            onChange={(change) => {
              setText(change.target.value);
              setEdited(true);
              setInvalid(undefined);
            }}
          />
          <p id="try-context-hint" className="text-muted-foreground text-xs">
            {t('try.context_hint')}
          </p>
          {invalid ? (
            <p role="alert" className="text-destructive text-xs font-medium">
              {invalid}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2 pt-1">
            <Button type="button" pending={saving || test.isPending} onClick={() => void run(text)}>
              <FlaskConical aria-hidden />
              {!hookId || dirty ? t('try.save_and_run') : t('try.run')}
            </Button>
            <Button
              type="button"
              variant="outline"
              disabled={!event}
              onClick={() => {
                setText(pretty(event?.sample));
                setEdited(false);
                setInvalid(undefined);
              }}
            >
              <RotateCcw aria-hidden />
              {t('try.reset')}
            </Button>
          </div>
          {!hookId || dirty ? (
            <p className="text-muted-foreground text-xs">{t('try.save_first')}</p>
          ) : null}
        </div>
        <section
          aria-label={t('try.result')}
          aria-live="polite"
          className="grid content-start gap-3"
        >
          {test.isError ? (
            <p role="alert" className="text-destructive text-sm font-medium">
              {problemMessage(test.error)}
            </p>
          ) : null}
          {result ? (
            <>
              <div>
                <Badge variant={result.matched ? 'success' : 'secondary'}>
                  {result.matched ? t('try.matched') : t('try.not_matched')}
                </Badge>
              </div>
              {!result.matched ? (
                <p className="text-muted-foreground text-sm">{t('try.not_matched_hint')}</p>
              ) : planned.length === 0 ? (
                <p className="text-muted-foreground text-sm">{t('try.no_actions')}</p>
              ) : (
                planned.map((action, index) => (
                  <ActionOutcome key={index} action={action} index={index} />
                ))
              )}
            </>
          ) : null}
        </section>
      </CardContent>
    </Card>
  );
}
