export { NotificationBell } from './components/notification-bell';
export { NotificationPreferencesCard } from './components/notification-preferences-card';
export { NotificationsPage } from './components/notifications-page';
export { useNotificationStream } from './hooks/use-notification-stream';
export {
  notificationSearch,
  NOTIFICATION_VIEWS,
  type NotificationSearch,
  type NotificationView,
} from './filters';
