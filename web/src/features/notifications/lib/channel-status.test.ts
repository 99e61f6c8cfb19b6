import { describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';

import { channelStatusText, formatUntil, statusTone, type NotificationsT } from './channel-status';

const fr: NotificationsT = i18n.getFixedT('fr', 'notifications');
const en: NotificationsT = i18n.getFixedT('en', 'notifications');
const at = (iso: string) => `[${iso}]`;
const text = (
  t: NotificationsT,
  status: string,
  reason: string | null = null,
  deliver_at?: string,
) => channelStatusText({ status, reason, deliver_at: deliver_at ?? null }, t, at);

describe('channelStatusText', () => {
  it('says a deferred delivery’s reason and when it goes', () => {
    expect(text(fr, 'deferred', 'dnd', '08:00')).toBe('Différée (ne pas déranger) jusqu’à [08:00]');
    expect(text(en, 'deferred', 'dnd', '08:00')).toBe('Deferred (do not disturb) until [08:00]');
    expect(text(en, 'deferred', 'digest', 'Mon')).toBe('Deferred (in the digest) until [Mon]');
    expect(text(fr, 'deferred', 'dnd')).toBe('Différée (ne pas déranger)');
    expect(text(fr, 'deferred')).toBe('Différée');
  });

  it('says why a channel was skipped', () => {
    expect(text(fr, 'skipped', 'category_muted')).toBe('Ignorée : catégorie masquée');
    expect(text(en, 'skipped', 'category_muted')).toBe('Skipped: category muted');
    expect(text(en, 'skipped', 'sms_urgent_only')).toBe(
      'Skipped: SMS is for urgent notifications only',
    );
    expect(text(fr, 'skipped', 'no_device')).toBe('Ignorée : aucun appareil mobile enregistré');
    expect(text(fr, 'skipped')).toBe('Ignorée');
    // A reason added to the API later still shows, as it is.
    expect(text(en, 'skipped', 'quota')).toBe('Skipped: quota');
  });

  it('names the other statuses, and shows unknown ones as they are', () => {
    expect(text(fr, 'sent')).toBe('Envoyée');
    expect(text(en, 'pending')).toBe('Waiting to be sent');
    expect(text(en, 'failed')).toBe('Failed to send');
    expect(text(en, 'bounced', 'mailbox_full')).toBe('bounced (mailbox_full)');
  });
});

describe('formatUntil', () => {
  const now = Date.parse('2026-12-06T22:30:00Z');

  it('gives the hour alone within the next day, in the user’s time zone', () => {
    expect(formatUntil('2026-12-07T07:00:00Z', now, 'fr-FR', 'Europe/Paris')).toBe('08:00');
    expect(formatUntil('2026-12-07T07:00:00Z', now, 'en-GB', 'America/New_York')).toBe('02:00');
  });

  it('adds the date further away or in the past', () => {
    expect(formatUntil('2026-12-14T07:00:00Z', now, 'en-GB', 'Europe/Paris')).toBe(
      '14 Dec 2026, 08:00',
    );
    expect(formatUntil('2026-12-06T07:00:00Z', now, 'en-GB', 'Europe/Paris')).toBe(
      '6 Dec 2026, 08:00',
    );
  });
});

describe('statusTone', () => {
  it('colours outcomes: sent green, failed red, deferred amber', () => {
    expect(['sent', 'failed', 'deferred', 'pending', 'skipped'].map(statusTone)).toEqual([
      'success',
      'destructive',
      'warning',
      'outline',
      'secondary',
    ]);
  });
});
