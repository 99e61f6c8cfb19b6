import { Link, Outlet } from '@tanstack/react-router';
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Logo } from '@/components/layout/logo';
import { Button } from '@/components/ui/button';
import { NotificationBell, useNotificationStream } from '@/features/notifications';
import { TaskWatcherProvider } from '@/lib/tasks/task-watcher-provider';
import { cn } from '@/lib/utils';

import { SidebarNav } from './sidebar-nav';
import { UserMenu } from './user-menu';

const COLLAPSED_KEY = 'opsflux.sidebar-collapsed';
/** Below Tailwind's `lg`, an open sidebar would squeeze pages: it opens over them instead. */
const NARROW = '(max-width: 1023.98px)';

/** Whether the window is narrow, following resizes; `onChange` runs after each change. */
function useNarrow(onChange: () => void) {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const query = window.matchMedia(NARROW);
    const change = () => {
      setNarrow(query.matches);
      onChange();
    };
    query.addEventListener('change', change);
    return () => query.removeEventListener('change', change);
  }, [onChange]);
  return narrow;
}

/**
 * Sidebar (server menu) + top bar (notifications bell, user menu) around the signed-in
 * pages. Wide windows keep the sidebar open or folded to icons as the user chose; narrow
 * ones fold it to icons and open it over the page, until a link, Escape or a click
 * beside it.
 */
export function AppShell() {
  const { t } = useTranslation();
  // The tab's one live stream of notifications, while signed in.
  useNotificationStream();
  const [folded, setFolded] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const [overlay, setOverlay] = useState(false);
  const close = useCallback(() => setOverlay(false), []);
  const narrow = useNarrow(close);
  const collapsed = narrow ? !overlay : folded;
  const floating = narrow && overlay;

  useEffect(() => {
    if (!floating) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [floating, close]);

  const toggle = () => {
    if (narrow) {
      setOverlay(!overlay);
      return;
    }
    localStorage.setItem(COLLAPSED_KEY, folded ? '0' : '1');
    setFolded(!folded);
  };
  const toggleLabel = collapsed ? t('shell.expand_menu') : t('shell.collapse_menu');

  return (
    // Tasks started on a page (an export) are followed here, across pages, until they end.
    <TaskWatcherProvider>
      <div className="flex h-full">
        <a
          href="#main"
          className="bg-background sr-only z-50 rounded-md px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          {t('shell.skip_to_content')}
        </a>
        {floating ? (
          <>
            {/* Keeps the page where the folded sidebar left it. */}
            <div className="w-16 shrink-0" aria-hidden />
            <div className="fixed inset-0 z-30 bg-black/40" onClick={close} aria-hidden />
          </>
        ) : null}
        <aside
          className={cn(
            'bg-sidebar text-sidebar-foreground flex shrink-0 flex-col',
            // Animated when it pushes the page; over the page (or folding back) it is not.
            !narrow && 'transition-[width]',
            collapsed ? 'w-16' : 'w-60',
            floating && 'fixed inset-y-0 left-0 z-40 shadow-xl',
          )}
          // A link followed from the floating sidebar closes it.
          onClick={(event) => {
            if (floating && (event.target as Element).closest('a')) close();
          }}
        >
          <div className={cn('flex h-14 items-center px-4', collapsed && 'justify-center px-0')}>
            <Link
              to="/"
              aria-label={t('shell.home')}
              className="rounded-md focus-visible:ring-2 focus-visible:ring-white/70 focus-visible:outline-none"
            >
              <Logo className="text-white" compact={collapsed} />
            </Link>
            {floating ? (
              <Button
                variant="ghost"
                size="icon"
                className="hover:bg-sidebar-accent ml-auto text-white hover:text-white"
                onClick={close}
                aria-label={t('shell.collapse_menu')}
              >
                <PanelLeftClose aria-hidden />
              </Button>
            ) : null}
          </div>
          <SidebarNav collapsed={collapsed} />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="bg-background flex h-14 shrink-0 items-center gap-2 border-b px-3">
            <Button
              variant="ghost"
              size="icon"
              onClick={toggle}
              aria-label={toggleLabel}
              aria-expanded={!collapsed}
            >
              {collapsed ? <PanelLeftOpen aria-hidden /> : <PanelLeftClose aria-hidden />}
            </Button>
            <div className="flex-1" />
            <NotificationBell />
            <UserMenu />
          </header>
          <main
            id="main"
            tabIndex={-1}
            className="min-w-0 flex-1 overflow-y-auto focus:outline-none"
          >
            <Outlet />
          </main>
        </div>
      </div>
    </TaskWatcherProvider>
  );
}
