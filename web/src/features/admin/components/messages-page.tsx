import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import type { Schemas } from '@/lib/api/client';
import { usePermissions } from '@/lib/auth/permissions';

import { useEmail } from '../api/get-email';
import { useEmails } from '../api/get-emails';
import { usePushMessages } from '../api/get-push-messages';
import { useSmsMessage } from '../api/get-sms-message';
import { useSmsMessages } from '../api/get-sms-messages';
import { useResendEmail } from '../api/resend-email';
import { useResendPushMessage } from '../api/resend-push-message';
import { useResendSmsMessage } from '../api/resend-sms-message';
import { AttemptsLog } from './attempts-log';
import { EmailTemplatesPanel } from './email-templates-panel';
import { MessageQueue } from './message-queue';

const STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export const MESSAGE_TABS = ['emails', 'sms', 'push', 'templates'] as const;
export type MessageTab = (typeof MESSAGE_TABS)[number];

/** Outgoing emails, SMS and push notifications, and the email templates. */
export function MessagesPage({
  tab,
  onTabChange,
}: {
  tab: MessageTab;
  onTabChange: (tab: MessageTab) => void;
}) {
  const { t } = useTranslation('admin');
  const { can } = usePermissions();
  const allowed = MESSAGE_TABS.filter((name) =>
    name === 'sms' || name === 'push' ? can('messages.view.message') : can('emails.view.email'),
  );
  // The route opens on emails; someone who may only see SMS and push lands there instead.
  const shown = allowed.includes(tab) ? tab : (allowed[0] ?? tab);
  return (
    <PageBody>
      <PageHeader title={t('queue.title')} description={t('queue.description')} />
      <Tabs value={shown} onValueChange={(value) => onTabChange(value as MessageTab)}>
        <TabsList>
          {allowed.map((name) => (
            <TabsTrigger key={name} value={name}>
              {t(`queue.tabs.${name}`)}
            </TabsTrigger>
          ))}
        </TabsList>
        <TabsContent value="emails">
          <EmailQueue />
        </TabsContent>
        <TabsContent value="sms">
          <SmsQueue />
        </TabsContent>
        <TabsContent value="push">
          <PushQueue />
        </TabsContent>
        <TabsContent value="templates">
          <EmailTemplatesPanel />
        </TabsContent>
      </Tabs>
    </PageBody>
  );
}

function EmailTries({ id }: { id: string }) {
  const email = useEmail(id);
  return <AttemptsLog attempts={email.data?.attempts_log} />;
}

function EmailQueue() {
  const { t } = useTranslation('admin');
  const { can } = usePermissions();
  const [status, setStatus] = useState('');
  const list = useEmails(status ? { status: status as Schemas['Status'] } : {});
  const resend = useResendEmail();
  return (
    <MessageQueue
      list={list}
      statuses={STATUSES}
      status={status}
      onStatus={setStatus}
      columns={[
        {
          head: t('queue.to'),
          cell: (email) => <span className="break-words">{email.to.join(', ')}</span>,
        },
        {
          head: t('queue.subject'),
          cell: (email) => (
            <>
              <span className="line-clamp-2">{email.subject}</span>
              {email.template ? (
                <span className="text-muted-foreground font-mono text-xs">{email.template}</span>
              ) : null}
            </>
          ),
        },
      ]}
      tries={(email) => <EmailTries id={email.id} />}
      resend={can('emails.manage.email') ? resend : undefined}
    />
  );
}

function SmsTries({ id }: { id: string }) {
  const sms = useSmsMessage(id);
  return <AttemptsLog attempts={sms.data?.attempts_log} />;
}

function SmsQueue() {
  const { t } = useTranslation('admin');
  const { can } = usePermissions();
  const [status, setStatus] = useState('');
  const list = useSmsMessages(status ? { status } : {});
  const resend = useResendSmsMessage();
  return (
    <MessageQueue
      list={list}
      statuses={STATUSES}
      status={status}
      onStatus={setStatus}
      columns={[
        { head: t('queue.to'), cell: (sms) => <span className="font-mono text-xs">{sms.to}</span> },
        { head: t('queue.body'), cell: (sms) => <span className="line-clamp-2">{sms.body}</span> },
      ]}
      tries={(sms) => <SmsTries id={sms.id} />}
      resend={can('messages.manage.message') ? resend : undefined}
    />
  );
}

function PushQueue() {
  const { t } = useTranslation('admin');
  const { can } = usePermissions();
  const [status, setStatus] = useState('');
  const list = usePushMessages(status ? { status } : {});
  const resend = useResendPushMessage();
  return (
    <MessageQueue
      list={list}
      statuses={STATUSES}
      status={status}
      onStatus={setStatus}
      columns={[
        {
          head: t('queue.subject'),
          cell: (push) => (
            <>
              <span className="font-medium">{push.title}</span>
              <span className="text-muted-foreground line-clamp-2 text-xs">{push.body}</span>
            </>
          ),
        },
      ]}
      // The list already carries each push message's tries.
      tries={(push) => <AttemptsLog attempts={push.attempts_log} />}
      resend={can('messages.manage.message') ? resend : undefined}
    />
  );
}
