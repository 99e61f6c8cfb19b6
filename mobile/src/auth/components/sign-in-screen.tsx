import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KeyboardAvoidingView, Platform, ScrollView, StyleSheet, Text, View } from 'react-native';
import { SafeAreaView } from 'react-native-safe-area-context';

import { colors, spacing } from '@/components/theme';

import type { MfaChallenge } from '../sign-in';
import { MfaStep } from './mfa-step';
import { PasswordStep } from './password-step';

/** Sign-in: email and password (and the server's address), then the second factor if asked. */
export function SignInScreen() {
  const { t } = useTranslation();
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  return (
    <SafeAreaView style={styles.safe}>
      <KeyboardAvoidingView
        style={styles.safe}
        behavior={Platform.OS === 'ios' ? 'padding' : undefined}
      >
        <ScrollView contentContainerStyle={styles.content} keyboardShouldPersistTaps="handled">
          <View style={styles.brand}>
            <Text style={styles.name}>{t('app.name')}</Text>
            <Text style={styles.tagline}>{t('app.tagline')}</Text>
          </View>
          {challenge ? (
            <MfaStep challenge={challenge} onRestart={() => setChallenge(null)} />
          ) : (
            <PasswordStep onChallenge={setChallenge} />
          )}
        </ScrollView>
      </KeyboardAvoidingView>
    </SafeAreaView>
  );
}

const styles = StyleSheet.create({
  safe: { flex: 1, backgroundColor: colors.background },
  content: {
    flexGrow: 1,
    justifyContent: 'center',
    padding: spacing.lg,
    gap: spacing.lg,
    width: '100%',
    maxWidth: 480,
    alignSelf: 'center',
  },
  brand: { gap: spacing.xs },
  name: { fontSize: 28, fontWeight: '700', color: colors.primary },
  tagline: { fontSize: 15, color: colors.muted },
});
