import { InboxScreen } from '@/notifications/inbox-screen';

export default InboxScreen;
