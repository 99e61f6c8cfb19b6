import { Link } from '@tanstack/react-router';
import { Plus, Workflow } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Button, buttonVariants } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/input';
import { Switch } from '@/components/ui/switch';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { useHookEvents } from '../api/get-hook-events';
import { useHooks, type Hook } from '../api/get-hooks';
import { inputOf, useSaveHook } from '../api/save-hook';

const COLUMNS = 5;

function CreateButton() {
  const { t } = useTranslation('hooks');
  return (
    <Link to="/admin/hooks/new" className={buttonVariants()}>
      <Plus aria-hidden />
      {t('create')}
    </Link>
  );
}

/** Turns a hook on or off from the list (the whole hook is saved again, as it is). */
function ActiveSwitch({ hook }: { hook: Hook }) {
  const { t } = useTranslation('hooks');
  const save = useSaveHook(hook.id);
  const checked = save.isPending ? !hook.is_active : hook.is_active;
  return (
    <Switch
      checked={checked}
      disabled={save.isPending}
      aria-label={t('active_named', { name: hook.name })}
      onCheckedChange={(on) =>
        save.mutate(
          { ...inputOf(hook), is_active: on },
          {
            onSuccess: () =>
              toast.success(t(on ? 'activated' : 'deactivated', { name: hook.name })),
            onError: (error) => toast.error(problemMessage(error)),
          },
        )
      }
    />
  );
}

/** The company's automations: which event, on or off, in what order; filter by event. */
export function HooksPage() {
  const { t } = useTranslation('hooks');
  const { t: ta } = useTranslation('admin');
  const format = useFormat();
  const [event, setEvent] = useState('');
  const events = useHookEvents();
  const hooks = useHooks(event || undefined);
  const rows = hooks.data?.pages.flatMap((page) => page.items) ?? [];
  const modules = [...new Set((events.data ?? []).map((item) => item.module))].sort();

  return (
    <PageBody>
      <PageHeader title={t('title')} description={t('description')} actions={<CreateButton />} />
      <div className="flex flex-wrap gap-3">
        <NativeSelect
          className="w-full sm:w-72"
          aria-label={t('event_filter')}
          value={event}
          onChange={(change) => setEvent(change.target.value)}
        >
          <option value="">{t('all_events')}</option>
          {modules.map((module) => (
            <optgroup key={module} label={module}>
              {(events.data ?? [])
                .filter((item) => item.module === module)
                .map((item) => (
                  <option key={item.name} value={item.name}>
                    {item.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </NativeSelect>
      </div>
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('columns.name')}</TableHead>
              <TableHead>{t('columns.event')}</TableHead>
              <TableHead>{t('columns.active')}</TableHead>
              <TableHead className="text-right">{t('columns.priority')}</TableHead>
              <TableHead className="hidden md:table-cell">{t('columns.updated')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {hooks.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : hooks.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={hooks.error} onRetry={() => void hooks.refetch()} />
              </FullRow>
            ) : rows.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState
                  icon={Workflow}
                  title={event ? t('empty_filtered') : t('empty')}
                  hint={event ? undefined : t('empty_hint')}
                  action={event ? undefined : <CreateButton />}
                />
              </FullRow>
            ) : (
              rows.map((hook) => (
                <TableRow key={hook.id}>
                  <TableCell className="max-w-80">
                    <Link
                      to="/admin/hooks/$id"
                      params={{ id: hook.id }}
                      className="font-medium break-words hover:underline"
                    >
                      {hook.name}
                    </Link>
                    {hook.module ? (
                      <div className="text-muted-foreground text-xs">
                        {t('from_module', { module: hook.module })}
                      </div>
                    ) : null}
                  </TableCell>
                  <TableCell className="font-mono text-xs">{hook.event}</TableCell>
                  <TableCell>
                    <ActiveSwitch hook={hook} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{hook.priority}</TableCell>
                  <TableCell className="hidden md:table-cell">
                    <time dateTime={hook.updated_at} title={format.dateTime(hook.updated_at)}>
                      {format.relative(hook.updated_at)}
                    </time>
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
      {hooks.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="outline"
            pending={hooks.isFetchingNextPage}
            onClick={() => void hooks.fetchNextPage()}
          >
            {ta('list.load_more')}
          </Button>
        </div>
      ) : null}
    </PageBody>
  );
}
