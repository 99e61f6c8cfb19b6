import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StyleSheet, Text, View } from 'react-native';

import { ErrorBanner } from '@/components/banner';
import { Button } from '@/components/button';
import { TextField } from '@/components/text-field';
import { colors, spacing } from '@/components/theme';
import { problemMessage, translateKey } from '@/lib/problem-message';

import { getApiUrl, saveApiUrl } from '../api-url';
import { type MfaChallenge, signIn, signInSchema } from '../sign-in';

type FieldErrors = { email?: string; password?: string; server?: string };

/** Email, password, and behind "Server" the API address this device uses. */
export function PasswordStep({ onChallenge }: { onChallenge: (c: MfaChallenge) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [server, setServer] = useState(getApiUrl);
  const [serverOpen, setServerOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async () => {
    setFailure(null);
    const parsed = signInSchema.safeParse({ email, password });
    const next: FieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const name = issue.path[0] as 'email' | 'password';
        next[name] ??= translateKey(issue.message);
      }
    }
    if (server.trim() !== getApiUrl() && !(await saveApiUrl(server))) {
      next.server = t('auth.server.invalid');
      setServerOpen(true);
    } else {
      setServer(getApiUrl());
    }
    setErrors(next);
    if (!parsed.success || next.server) return;

    setPending(true);
    try {
      const challenge = await signIn(parsed.data);
      if (challenge) onChallenge(challenge);
    } catch (error) {
      setFailure(problemMessage(error));
      setPending(false);
    }
  };

  return (
    <View style={styles.form}>
      <Text accessibilityRole="header" style={styles.title}>
        {t('auth.sign_in.title')}
      </Text>
      <Text style={styles.description}>{t('auth.sign_in.description')}</Text>
      {failure ? <ErrorBanner message={failure} /> : null}
      <TextField
        label={t('auth.fields.email')}
        value={email}
        onChangeText={setEmail}
        error={errors.email}
        autoCapitalize="none"
        autoComplete="email"
        autoCorrect={false}
        keyboardType="email-address"
        textContentType="username"
        inputMode="email"
      />
      <TextField
        label={t('auth.fields.password')}
        value={password}
        onChangeText={setPassword}
        error={errors.password}
        secureTextEntry
        autoComplete="current-password"
        textContentType="password"
        onSubmitEditing={() => void submit()}
      />
      <Button label={t('auth.sign_in.submit')} onPress={() => void submit()} pending={pending} />
      <View style={styles.server}>
        <Button
          variant="link"
          label={`${t('auth.server.toggle')} · ${getApiUrl()}`}
          onPress={() => setServerOpen((open) => !open)}
        />
        {serverOpen ? (
          <TextField
            label={t('auth.server.label')}
            hint={t('auth.server.hint')}
            value={server}
            onChangeText={setServer}
            error={errors.server}
            autoCapitalize="none"
            autoCorrect={false}
            keyboardType="url"
            inputMode="url"
          />
        ) : null}
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  form: { gap: spacing.md },
  title: { fontSize: 22, fontWeight: '700', color: colors.text },
  description: { fontSize: 15, color: colors.muted },
  server: { gap: spacing.sm, marginTop: spacing.sm },
});
