import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pressable, StyleSheet, Switch, Text, View } from 'react-native';

import { ErrorBanner } from '@/components/banner';
import { Button } from '@/components/button';
import { TextField } from '@/components/text-field';
import { colors, spacing } from '@/components/theme';
import { problemMessage, translateKey } from '@/lib/problem-message';

import {
  challengeMethods,
  type MfaChallenge,
  type MfaMethod,
  mfaCodeSchema,
  sendMfaSms,
  verifyMfa,
} from '../sign-in';

/** The second factor: authenticator code, SMS code (with resend) or a recovery code. */
export function MfaStep({
  challenge,
  onRestart,
}: {
  challenge: MfaChallenge;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const methods = challengeMethods(challenge);
  const [method, setMethod] = useState<MfaMethod>(methods[0] ?? 'totp');
  const [code, setCode] = useState('');
  const [trustDevice, setTrustDevice] = useState(false);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sending, setSending] = useState(false);
  const smsSent = useRef(false);

  const send = async () => {
    setSending(true);
    setFailure(null);
    try {
      await sendMfaSms(challenge);
      setNotice(t('auth.mfa.sms_sent'));
    } catch (error) {
      setFailure(problemMessage(error));
    } finally {
      setSending(false);
    }
  };

  // The SMS goes out when the user picks that method, not before (3 sends per attempt).
  useEffect(() => {
    if (method === 'sms' && !smsSent.current) {
      smsSent.current = true;
      void send();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, at the first switch to SMS
  }, [method]);

  const pick = (next: MfaMethod) => {
    setMethod(next);
    setCode('');
    setCodeError(null);
    setFailure(null);
  };

  const submit = async () => {
    setFailure(null);
    const parsed = mfaCodeSchema(method).safeParse(code);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'errors.field.required';
      setCodeError(translateKey(message));
      return;
    }
    setCodeError(null);
    setPending(true);
    try {
      await verifyMfa(challenge, { method, code: parsed.data, trustDevice });
    } catch (error) {
      setFailure(problemMessage(error));
      setPending(false);
    }
  };

  const recovery = method === 'recovery';
  return (
    <View style={styles.form}>
      <Text accessibilityRole="header" style={styles.title}>
        {t('auth.mfa.title')}
      </Text>
      {methods.length > 1 ? (
        <View
          accessibilityRole="tablist"
          accessibilityLabel={t('auth.mfa.method')}
          style={styles.tabs}
        >
          {methods.map((m) => (
            <Pressable
              key={m}
              accessibilityRole="tab"
              accessibilityState={{ selected: m === method }}
              onPress={() => pick(m)}
              style={[styles.tab, m === method ? styles.tabSelected : null]}
            >
              <Text style={[styles.tabLabel, m === method ? styles.tabLabelSelected : null]}>
                {t(`auth.mfa.methods.${m}`)}
              </Text>
            </Pressable>
          ))}
        </View>
      ) : null}
      <Text style={styles.description}>{t(`auth.mfa.describe.${method}`)}</Text>
      {failure ? <ErrorBanner message={failure} /> : null}
      {notice && method === 'sms' && !failure ? <Text style={styles.notice}>{notice}</Text> : null}
      <TextField
        label={t(recovery ? 'auth.mfa.recovery_label' : 'auth.mfa.code_label')}
        value={code}
        onChangeText={setCode}
        error={codeError}
        autoCapitalize="none"
        autoCorrect={false}
        autoComplete={recovery ? 'off' : 'one-time-code'}
        textContentType={recovery ? 'none' : 'oneTimeCode'}
        keyboardType={recovery ? 'default' : 'number-pad'}
        placeholder={recovery ? 'xxxx-xxxx' : '123456'}
        maxLength={recovery ? 9 : 6}
        onSubmitEditing={() => void submit()}
      />
      {method === 'sms' ? (
        <Button
          variant="link"
          label={t('auth.mfa.resend')}
          pending={sending}
          onPress={() => void send()}
        />
      ) : null}
      <View style={styles.trust}>
        <Switch
          accessibilityLabel={t('auth.mfa.trust_device')}
          value={trustDevice}
          onValueChange={setTrustDevice}
        />
        <View style={styles.trustText}>
          <Text style={styles.trustLabel}>{t('auth.mfa.trust_device')}</Text>
          <Text style={styles.hint}>{t('auth.mfa.trust_device_hint')}</Text>
        </View>
      </View>
      <Button label={t('auth.mfa.submit')} onPress={() => void submit()} pending={pending} />
      <Button variant="secondary" label={t('auth.mfa.back')} onPress={onRestart} />
    </View>
  );
}

const styles = StyleSheet.create({
  form: { gap: spacing.md },
  title: { fontSize: 22, fontWeight: '700', color: colors.text },
  description: { fontSize: 15, color: colors.muted },
  notice: { fontSize: 14, color: colors.text },
  tabs: {
    flexDirection: 'row',
    borderRadius: 8,
    backgroundColor: colors.surface,
    padding: spacing.xs,
    gap: spacing.xs,
  },
  tab: {
    flex: 1,
    minHeight: 40,
    borderRadius: 6,
    paddingHorizontal: spacing.sm,
    alignItems: 'center',
    justifyContent: 'center',
  },
  tabSelected: { backgroundColor: colors.background },
  tabLabel: { fontSize: 14, color: colors.muted, textAlign: 'center' },
  tabLabelSelected: { color: colors.text, fontWeight: '600' },
  trust: { flexDirection: 'row', alignItems: 'center', gap: spacing.md },
  trustText: { flex: 1, gap: 2 },
  trustLabel: { fontSize: 15, color: colors.text },
  hint: { fontSize: 13, color: colors.muted },
});
