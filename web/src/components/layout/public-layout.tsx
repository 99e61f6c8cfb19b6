import { Languages } from 'lucide-react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { Logo } from '@/components/layout/logo';
import { isLanguage, LANGUAGES, setLanguage } from '@/lib/i18n';

/** The frame of the pages before sign-in: logo, one card, language choice. */
export function PublicLayout({ children }: { children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="flex min-h-full flex-col items-center justify-center gap-6 px-4 py-10">
      <Logo className="text-foreground" />
      <main className="w-full max-w-md">{children}</main>
      <label className="text-muted-foreground flex items-center gap-2 text-sm">
        <Languages className="size-4" aria-hidden />
        <span className="sr-only">{t('common.language')}</span>
        <select
          className="hover:border-input focus-visible:ring-ring rounded-md border border-transparent bg-transparent px-1 py-0.5 focus-visible:ring-2 focus-visible:outline-none"
          value={i18n.language}
          onChange={(event) => {
            if (isLanguage(event.target.value)) void setLanguage(event.target.value);
          }}
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {t(`languages.${language}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
