import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';
import type { Grants, Scope } from '@/lib/auth/permissions';
import { cn } from '@/lib/utils';

import type { PermissionDef } from '../api/get-permission-catalogue';
import { byModule, SCOPES, wildcardCovering, withGrant } from '../lib/grants';

const CHOICES: readonly (Scope | null)[] = [null, ...SCOPES];

/**
 * Modules × permissions, one scope per cell (none / own / company / all). Grants the
 * catalogue does not list (wildcards such as `hse.*`) are kept as they are and shown.
 */
export function PermissionMatrix({
  catalogue,
  value,
  onChange,
  disabled = false,
}: {
  catalogue: readonly PermissionDef[];
  value: Grants;
  onChange: (next: Grants) => void;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation('admin');
  const known = new Set(catalogue.map((permission) => permission.code));
  const extra = Object.entries(value).filter(([code]) => !known.has(code));
  const label = (permission: PermissionDef) =>
    i18n.language === 'en' ? permission.label_en : permission.label_fr;

  return (
    <div className="grid gap-3">
      {extra.length > 0 ? (
        <p className="text-muted-foreground flex flex-wrap items-center gap-2 text-sm">
          {t('matrix.wildcards')}
          {extra.map(([code, scope]) => (
            <Badge key={code} variant="secondary" className="font-mono">
              {code} · {t(`scope.${scope}`)}
            </Badge>
          ))}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-md border">
        <table className="w-full text-sm">
          <thead className="bg-muted/50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                {t('matrix.permission')}
              </th>
              {CHOICES.map((choice) => (
                <th key={choice ?? 'none'} scope="col" className="w-28 px-2 py-2 font-medium">
                  {t(`scope.${choice ?? 'none'}`)}
                </th>
              ))}
            </tr>
          </thead>
          {byModule(catalogue).map(([module, permissions]) => (
            <tbody key={module}>
              <tr>
                <th
                  colSpan={CHOICES.length + 1}
                  scope="colgroup"
                  className="bg-muted/30 px-3 py-1.5 text-left text-xs font-semibold tracking-wide uppercase"
                >
                  {module}
                </th>
              </tr>
              {permissions.map((permission) => {
                const held = value[permission.code] ?? null;
                const via = held ? undefined : wildcardCovering(value, permission.code);
                return (
                  <tr key={permission.code} className="border-t">
                    <th scope="row" className="px-3 py-1.5 text-left font-normal">
                      <span className="block">{label(permission)}</span>
                      <span className="text-muted-foreground font-mono text-xs">
                        {permission.code}
                        {via ? ` · ${t('matrix.via', { grant: via })}` : ''}
                      </span>
                    </th>
                    {CHOICES.map((choice) => (
                      <td key={choice ?? 'none'} className="px-2 py-1.5 text-center">
                        <input
                          type="radio"
                          name={`grant-${permission.code}`}
                          className={cn('accent-primary size-4', disabled && 'opacity-50')}
                          checked={held === choice}
                          disabled={disabled}
                          aria-label={`${label(permission)} — ${t(`scope.${choice ?? 'none'}`)}`}
                          onChange={() => onChange(withGrant(value, permission.code, choice))}
                        />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
    </div>
  );
}
