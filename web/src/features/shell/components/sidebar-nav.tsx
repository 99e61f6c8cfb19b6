import { Link, useRouterState } from '@tanstack/react-router';
import { ChevronDown } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/lib/utils';

import { useMenu, type MenuItem } from '../api/get-menu';
import { MenuIcon } from './menu-icon';

/** Menu labels are i18n keys with dots in them (`menu.admin.users`): a flat namespace. */
export function useMenuLabel() {
  const { t } = useTranslation('menu');
  return (item: MenuItem) => t(item.label_key, { keySeparator: false, defaultValue: item.id });
}

const linkClass =
  'flex h-9 items-center gap-3 rounded-md px-3 text-sm text-sidebar-foreground/90 transition-colors hover:bg-sidebar-accent hover:text-white focus-visible:ring-2 focus-visible:ring-white/70 focus-visible:outline-none';

function NavLink({ item, collapsed }: { item: MenuItem; collapsed: boolean }) {
  const label = useMenuLabel()(item);
  if (!item.route) return null;
  return (
    <Link
      to={item.route}
      className={linkClass}
      activeOptions={{ exact: item.route === '/' }}
      activeProps={{
        className: 'bg-sidebar-accent font-medium text-white',
        'aria-current': 'page',
      }}
      title={collapsed ? label : undefined}
      aria-label={collapsed ? label : undefined}
    >
      <MenuIcon name={item.icon} className="size-4 shrink-0" />
      {collapsed ? null : <span className="truncate">{label}</span>}
    </Link>
  );
}

/** A section (no route): a button that folds its entries; open while one of them is active. */
function NavSection({ item, collapsed }: { item: MenuItem; collapsed: boolean }) {
  const label = useMenuLabel()(item);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const holdsActive = item.children.some((c) => c.route && pathname.startsWith(c.route));
  const [open, setOpen] = useState(true);
  const listId = `nav-${item.id}`;
  if (collapsed) {
    return (
      <li className="grid gap-1 border-t border-white/10 pt-2">
        <ul className="grid gap-1">
          {item.children.map((child) => (
            <li key={child.id}>
              <NavLink item={child} collapsed />
            </li>
          ))}
        </ul>
      </li>
    );
  }
  return (
    <li className="grid gap-1">
      <button
        type="button"
        className={cn(
          linkClass,
          'w-full text-xs font-semibold tracking-wide uppercase',
          holdsActive && 'text-white',
        )}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <MenuIcon name={item.icon} className="size-4 shrink-0" />
        <span className="flex-1 truncate text-left">{label}</span>
        <ChevronDown
          className={cn('size-4 transition-transform', !open && '-rotate-90')}
          aria-hidden
        />
      </button>
      <ul id={listId} hidden={!open} className="ml-3 grid gap-1 border-l border-white/15 pl-2">
        {item.children.map((child) => (
          <li key={child.id}>
            <NavLink item={child} collapsed={false} />
          </li>
        ))}
      </ul>
    </li>
  );
}

export function SidebarNav({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const menu = useMenu();
  return (
    <nav aria-label={t('shell.main_navigation')} className="flex-1 overflow-y-auto px-2 py-3">
      <ul className="grid gap-1">
        {menu.map((item) =>
          item.children.length > 0 ? (
            <NavSection key={item.id} item={item} collapsed={collapsed} />
          ) : (
            <li key={item.id}>
              <NavLink item={item} collapsed={collapsed} />
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
