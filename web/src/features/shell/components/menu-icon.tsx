import {
  Bell,
  Blocks,
  Building,
  Calendar,
  Circle,
  CirclePlus,
  ClipboardCheck,
  Clock,
  FileText,
  Files,
  HardDrive,
  Home,
  Key,
  Languages,
  LayoutDashboard,
  ListChecks,
  ListOrdered,
  Mail,
  MapPin,
  MessageSquare,
  ScrollText,
  Settings,
  Shield,
  ShieldAlert,
  TriangleAlert,
  Users,
  UsersRound,
  Webhook,
  Workflow,
  type LucideIcon,
} from 'lucide-react';

/**
 * The lucide icons the server's menu names (module manifests, `icon`), by their
 * lucide name. Listed rather than loaded by name so the bundle carries only these;
 * a module that names a new icon adds it here. Unknown names get a dot.
 */
const ICONS: Record<string, LucideIcon> = {
  bell: Bell,
  blocks: Blocks,
  building: Building,
  calendar: Calendar,
  'circle-plus': CirclePlus,
  'clipboard-check': ClipboardCheck,
  clock: Clock,
  'file-text': FileText,
  files: Files,
  'hard-drive': HardDrive,
  home: Home,
  key: Key,
  languages: Languages,
  'layout-dashboard': LayoutDashboard,
  'list-checks': ListChecks,
  'list-ordered': ListOrdered,
  mail: Mail,
  'map-pin': MapPin,
  'message-square': MessageSquare,
  'scroll-text': ScrollText,
  settings: Settings,
  shield: Shield,
  'shield-alert': ShieldAlert,
  'triangle-alert': TriangleAlert,
  users: Users,
  'users-round': UsersRound,
  webhook: Webhook,
  workflow: Workflow,
};

export function MenuIcon({ name, className }: { name: string; className?: string }) {
  const Icon = ICONS[name] ?? Circle;
  return <Icon className={className} aria-hidden />;
}
