import { Check, Circle, Info } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { passwordChecks } from '@/lib/forms/password-policy';
import { cn } from '@/lib/utils';

/** The password policy as a checklist that updates while the user types. */
export function PasswordChecklist({ password, email }: { password: string; email?: string }) {
  const { t } = useTranslation();
  return (
    <ul className="grid gap-1" aria-live="polite">
      {passwordChecks(password, email).map(({ rule, ok }) => {
        const Icon = ok === null ? Info : ok ? Check : Circle;
        return (
          <li
            key={rule}
            className={cn(
              'flex items-center gap-1.5',
              ok === true && 'text-emerald-700',
              ok === false && 'text-muted-foreground',
            )}
          >
            <Icon className="size-3.5 shrink-0" aria-hidden />
            <span>{t(`password.rules.${rule}`, { min: 12, max: 128 })}</span>
            <span className="sr-only">
              {ok === true ? t('password.rule_met') : ok === false ? t('password.rule_unmet') : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
