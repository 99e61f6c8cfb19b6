import { Link } from '@tanstack/react-router';
import {
  ChevronsUpDown,
  Languages,
  ListChecks,
  LogOut,
  ShieldCheck,
  UserRound,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useSignOut } from '@/features/auth';
import { useUpdateProfile } from '@/features/profile';
import { useMe } from '@/lib/auth/me';
import { problemMessage } from '@/lib/forms/apply-problem';
import { isLanguage, LANGUAGES } from '@/lib/i18n';

/** First letters of the first and last words with one ("Demo Admin (e2e)" → "DE"). */
export function initials(name: string) {
  const words = name.match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? [];
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** Who is signed in, and their profile, language and sign-out. */
export function UserMenu() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const updateProfile = useUpdateProfile();

  const changeLanguage = (value: string) => {
    if (!isLanguage(value) || value === i18n.language) return;
    updateProfile.mutate(
      { locale: value },
      { onError: (error) => toast.error(problemMessage(error)) },
    );
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="hover:bg-accent focus-visible:ring-ring flex items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm focus-visible:ring-2 focus-visible:outline-none"
        aria-label={t('shell.user_menu', { name: me.user.full_name })}
      >
        <span
          className="bg-primary text-primary-foreground flex size-8 shrink-0 items-center justify-center rounded-full text-xs font-semibold"
          aria-hidden
        >
          {initials(me.user.full_name)}
        </span>
        <span className="hidden min-w-0 sm:grid">
          <span className="truncate font-medium">{me.user.full_name}</span>
          <span className="text-muted-foreground truncate text-xs">{me.company.name}</span>
        </span>
        <ChevronsUpDown className="text-muted-foreground size-4" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="grid">
          <span className="text-foreground truncate text-sm">{me.user.full_name}</span>
          <span className="truncate font-normal">{me.user.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to="/profile">
            <UserRound aria-hidden />
            {t('shell.profile')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to="/profile" search={{ tab: 'security' }}>
            <ShieldCheck aria-hidden />
            {t('shell.security')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to="/jobs">
            <ListChecks aria-hidden />
            {t('shell.jobs')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuLabel className="flex items-center gap-2">
          <Languages className="size-4" aria-hidden />
          {t('common.language')}
        </DropdownMenuLabel>
        <DropdownMenuRadioGroup value={i18n.language} onValueChange={changeLanguage}>
          {LANGUAGES.map((language) => (
            <DropdownMenuRadioItem key={language} value={language}>
              {t(`languages.${language}`)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => signOut.mutate()} disabled={signOut.isPending}>
          <LogOut aria-hidden />
          {t('shell.sign_out')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
