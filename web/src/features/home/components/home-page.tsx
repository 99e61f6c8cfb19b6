import { Link } from '@tanstack/react-router';
import { ArrowRight, ShieldAlert, ShieldCheck, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { MenuIcon, useMenu, type MenuItem, useMenuLabel } from '@/features/shell';
import { useMe } from '@/lib/auth/me';
import { useFormat } from '@/lib/i18n/format';

/** Every page of the menu the user may open, sections flattened. */
function destinations(menu: MenuItem[]): MenuItem[] {
  return menu.flatMap((item) => (item.children.length ? destinations(item.children) : [item]));
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const label = useMenuLabel();
  const links = destinations(useMenu()).filter((item) => item.route && item.route !== '/');
  const { mfa } = me.user;
  const secured = mfa.totp || mfa.sms;

  return (
    <PageBody>
      <PageHeader
        title={t('home.welcome', { name: me.user.full_name.split(' ')[0] })}
        description={t('home.company', { company: me.company.name })}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>{t('home.quick_links')}</CardTitle>
            <CardDescription>{t('home.quick_links_hint')}</CardDescription>
          </CardHeader>
          <CardContent>
            {links.length === 0 ? (
              <p className="text-muted-foreground text-sm">{t('home.no_links')}</p>
            ) : (
              <ul className="grid gap-2 sm:grid-cols-2">
                {links.map((item) => (
                  <li key={item.id}>
                    <Link
                      to={item.route ?? '/'}
                      className="group hover:bg-accent focus-visible:ring-ring flex items-center gap-3 rounded-md border p-3 text-sm font-medium transition-colors focus-visible:ring-2 focus-visible:outline-none"
                    >
                      <MenuIcon name={item.icon} className="text-primary size-4" />
                      <span className="flex-1">{label(item)}</span>
                      <ArrowRight
                        className="text-muted-foreground size-4 transition-transform group-hover:translate-x-0.5"
                        aria-hidden
                      />
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('home.your_account')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 text-sm">
            <dl className="grid gap-3">
              <div className="grid gap-0.5">
                <dt className="text-muted-foreground">{t('auth.fields.email')}</dt>
                <dd className="truncate font-medium">{me.user.email}</dd>
              </div>
              <div className="grid gap-0.5">
                <dt className="text-muted-foreground">{t('home.last_sign_in')}</dt>
                <dd className="font-medium">{format.dateTime(me.user.last_login_at)}</dd>
              </div>
              <div className="grid gap-1">
                <dt className="text-muted-foreground">{t('home.second_factor')}</dt>
                <dd>
                  {secured ? (
                    <Badge variant="success">
                      <ShieldCheck className="size-3" aria-hidden />
                      {t('home.mfa_on')}
                    </Badge>
                  ) : (
                    <Badge variant="warning">
                      <ShieldAlert className="size-3" aria-hidden />
                      {t('home.mfa_off')}
                    </Badge>
                  )}
                </dd>
              </div>
            </dl>
            <div className="flex flex-wrap gap-2">
              <Link to="/profile" className={buttonVariants({ variant: 'outline', size: 'sm' })}>
                <UserRound aria-hidden />
                {t('shell.profile')}
              </Link>
              <Link
                to="/profile"
                search={{ tab: 'security' }}
                className={buttonVariants({ variant: secured ? 'outline' : 'default', size: 'sm' })}
              >
                <ShieldCheck aria-hidden />
                {secured ? t('shell.security') : t('home.enable_mfa')}
              </Link>
            </div>
          </CardContent>
        </Card>
      </div>
    </PageBody>
  );
}
