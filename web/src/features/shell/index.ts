export { AppShell } from './components/app-shell';
export { menuQueryOptions, useMenu, type MenuItem } from './api/get-menu';
export { MenuIcon } from './components/menu-icon';
export { useMenuLabel } from './components/sidebar-nav';
