import { Link, Outlet } from '@tanstack/react-router';
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Logo } from '@/components/layout/logo';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';

import { SidebarNav } from './sidebar-nav';
import { UserMenu } from './user-menu';

const COLLAPSED_KEY = 'opsflux.sidebar-collapsed';

/** Folded to icons by default below 1024 px, so pages keep room at 768 px. */
function initiallyCollapsed() {
  const saved = localStorage.getItem(COLLAPSED_KEY);
  if (saved !== null) return saved === '1';
  return window.innerWidth < 1024;
}

/** Sidebar (server menu) + top bar (user menu) around the signed-in pages. */
export function AppShell() {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(initiallyCollapsed);
  const toggle = () => {
    localStorage.setItem(COLLAPSED_KEY, collapsed ? '0' : '1');
    setCollapsed(!collapsed);
  };
  return (
    <div className="flex h-full">
      <a
        href="#main"
        className="bg-background sr-only z-50 rounded-md px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t('shell.skip_to_content')}
      </a>
      <aside
        className={cn(
          'bg-sidebar text-sidebar-foreground flex shrink-0 flex-col transition-[width]',
          collapsed ? 'w-16' : 'w-60',
        )}
      >
        <div className={cn('flex h-14 items-center px-4', collapsed && 'justify-center px-0')}>
          <Link
            to="/"
            aria-label={t('shell.home')}
            className="rounded-md focus-visible:ring-2 focus-visible:ring-white/70 focus-visible:outline-none"
          >
            <Logo className="text-white" compact={collapsed} />
          </Link>
        </div>
        <SidebarNav collapsed={collapsed} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="bg-background flex h-14 shrink-0 items-center gap-2 border-b px-3">
          <Button
            variant="ghost"
            size="icon"
            onClick={toggle}
            aria-label={collapsed ? t('shell.expand_menu') : t('shell.collapse_menu')}
            aria-expanded={!collapsed}
          >
            {collapsed ? <PanelLeftOpen aria-hidden /> : <PanelLeftClose aria-hidden />}
          </Button>
          <div className="flex-1" />
          <UserMenu />
        </header>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 overflow-y-auto focus:outline-none">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
