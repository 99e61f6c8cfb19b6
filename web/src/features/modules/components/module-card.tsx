import { Link } from '@tanstack/react-router';
import { ArrowRight, CircleAlert, Power, PowerOff } from 'lucide-react';
import { useState } from 'react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader } from '@/components/ui/card';
import { usePermissions } from '@/lib/auth/permissions';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import type { Module } from '../api/get-modules';
import { useSwitchModule } from '../api/switch-module';
import { labelOf } from '../lib/labels';
import { UninstallPackageDialog } from './uninstall-package-dialog';
import { UpgradePackageDialog } from './upgrade-package-dialog';

/** One fact of a module: a term and what it holds. */
function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-3">
      <dt className="text-muted-foreground text-xs font-medium sm:pt-0.5">{term}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

/** What a module needs: core services, then modules with their version ranges. */
function Dependencies({ module }: { module: Module }) {
  const { t } = useTranslation('modules');
  const services = module.dependencies.core_services ?? [];
  const modules = Object.entries(module.dependencies.modules ?? {});
  if (services.length === 0 && modules.length === 0) {
    return <span className="text-muted-foreground">{t('facts.no_dependencies')}</span>;
  }
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label={t('facts.dependencies')}>
      {modules.map(([code, range]) => (
        <li key={code}>
          <Badge variant="secondary" className="font-mono">
            {code} {range}
          </Badge>
        </li>
      ))}
      {services.map((service) => (
        <li key={service}>
          <Badge variant="outline">{service}</Badge>
        </li>
      ))}
    </ul>
  );
}

/**
 * A module as the company sees it: what it is, what it needs and what needs it, and
 * the switch. Turning it off asks first (its data is kept); a refusal (a module it
 * needs is off, or one that needs it is on) is shown on the card, naming that module.
 * A package is also upgraded or uninstalled here, by those who install packages.
 */
export function ModuleCard({ module }: { module: Module }) {
  const { t, i18n } = useTranslation('modules');
  const format = useFormat();
  const { can } = usePermissions();
  const managesPackage = module.kind === 'package' && can('modules.install.package', 'all');
  const switcher = useSwitchModule();
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const name = labelOf(module.name, i18n.language);
  const description = labelOf(module.description, i18n.language);
  const headingId = `module-${module.code}`;
  const blockedBy = module.enabled ? module.required_by : [];

  const run = (on: boolean) => {
    setRefusal(null);
    switcher.mutate(
      { code: module.code, on },
      {
        onSuccess: () => {
          setConfirming(false);
          toast.success(t(on ? 'enabled_toast' : 'disabled_toast', { name }));
        },
        onError: (error) => {
          setConfirming(false);
          setRefusal(problemMessage(error));
        },
      },
    );
  };

  return (
    <Card aria-labelledby={headingId} className="flex flex-col">
      <CardHeader className="gap-2">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="grid min-w-0 gap-0.5">
            <h3 id={headingId} className="text-base leading-tight font-semibold">
              {name}
            </h3>
            <p className="text-muted-foreground font-mono text-xs">
              {module.code} · {t('version', { version: module.version })}
            </p>
          </div>
          <div className="flex flex-wrap gap-1.5">
            <Badge variant="outline">{t(`kind.${module.kind}`)}</Badge>
            <Badge variant={module.enabled ? 'success' : 'secondary'}>
              {t(module.enabled ? 'status.on' : 'status.off')}
            </Badge>
          </div>
        </div>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid flex-1 content-start gap-3">
        <dl className="grid gap-2.5">
          <Fact term={t('facts.dependencies')}>
            <Dependencies module={module} />
          </Fact>
          {module.required_by.length > 0 ? (
            <Fact term={t('facts.required_by')}>
              <span className="font-mono text-xs">{module.required_by.join(', ')}</span>
            </Fact>
          ) : null}
          {module.kind === 'package' ? (
            <Fact term={t('facts.signed_by')}>
              {module.signed_by ?? (
                <span className="text-muted-foreground">{t('facts.unsigned')}</span>
              )}
            </Fact>
          ) : null}
          {module.author ? <Fact term={t('facts.author')}>{module.author}</Fact> : null}
          {module.license ? <Fact term={t('facts.license')}>{module.license}</Fact> : null}
          {module.installed_at ? (
            <Fact term={t('facts.installed_at')}>
              <time dateTime={module.installed_at}>{format.dateTime(module.installed_at)}</time>
            </Fact>
          ) : null}
          {module.record_types.length > 0 ? (
            <Fact term={t('facts.record_types')}>
              <ul className="flex flex-wrap gap-x-3 gap-y-1">
                {module.record_types.map((recordType) => {
                  const label = labelOf(recordType.label_plural, i18n.language);
                  return (
                    <li key={recordType.code}>
                      {module.enabled ? (
                        <Link
                          to="/m/$module/$recordType"
                          params={{ module: module.code, recordType: recordType.code }}
                          className="text-primary inline-flex items-center gap-1 font-medium hover:underline"
                          aria-label={t('open_records', { label })}
                        >
                          {label}
                          <ArrowRight className="size-3.5" aria-hidden />
                        </Link>
                      ) : (
                        label
                      )}
                    </li>
                  );
                })}
              </ul>
            </Fact>
          ) : null}
        </dl>
        {refusal ? (
          <div
            role="alert"
            className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
          >
            <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            <div className="grid min-w-0 gap-0.5">
              <p className="font-medium">{t('switch_failed', { name })}</p>
              <p className="break-words">{refusal}</p>
            </div>
          </div>
        ) : null}
      </CardContent>
      <CardFooter className="flex-wrap gap-3 border-t pt-4">
        {managesPackage ? (
          <div className="flex flex-wrap gap-2">
            <UpgradePackageDialog module={module} />
            <UninstallPackageDialog module={module} />
          </div>
        ) : null}
        <div className="ml-auto flex flex-wrap items-center justify-end gap-3">
          {blockedBy.length > 0 ? (
            <p className="text-muted-foreground text-xs">
              {t('required_by_hint', { modules: blockedBy.join(', ') })}
            </p>
          ) : null}
          {module.enabled ? (
            <ConfirmDialog
              open={confirming}
              onOpenChange={setConfirming}
              trigger={
                <Button
                  variant="outline"
                  size="sm"
                  disabled={blockedBy.length > 0}
                  aria-label={t('disable_named', { name })}
                >
                  <PowerOff aria-hidden />
                  {t('disable')}
                </Button>
              }
              title={t('disable_title', { name })}
              description={t('disable_hint')}
              confirmLabel={t('disable')}
              pending={switcher.isPending}
              onConfirm={() => run(false)}
            />
          ) : (
            <Button
              size="sm"
              pending={switcher.isPending}
              aria-label={t('enable_named', { name })}
              onClick={() => run(true)}
            >
              <Power aria-hidden />
              {t('enable')}
            </Button>
          )}
        </div>
      </CardFooter>
    </Card>
  );
}
