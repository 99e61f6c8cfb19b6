import Constants from 'expo-constants';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';

import { unwrap } from '@/api/problem';
import { getApiClient, getApiUrl, signOut, useSession } from '@/auth';
import { setUser } from '@/auth/session';
import { Button } from '@/components/button';
import { colors, spacing } from '@/components/theme';
import { isLanguage, type Language, LANGUAGES } from '@/i18n';
import { chooseLanguage } from '@/i18n/preference';

/** Saves the language on the account too, so emails and pushes use it. */
async function saveAccountLanguage(locale: Language) {
  const user = unwrap(await getApiClient().PATCH('/api/v1/me', { body: { locale } }));
  return user;
}

/** Who is signed in, the language, the server in use, the app's version, sign-out. */
export function ProfileScreen() {
  const { t, i18n } = useTranslation();
  const { user: me } = useSession();
  const [notice, setNotice] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const current = isLanguage(i18n.language) ? i18n.language : 'en';

  const pickLanguage = async (language: Language) => {
    setNotice(null);
    await chooseLanguage(language);
    try {
      const user = await saveAccountLanguage(language);
      if (me) await setUser({ ...me, user, locale: user.locale });
    } catch {
      setNotice(t('profile.language_not_saved'));
    }
  };

  return (
    <ScrollView style={styles.screen} contentContainerStyle={styles.content}>
      {me ? (
        <View style={styles.card}>
          <Text accessibilityRole="header" style={styles.name}>
            {me.user.full_name}
          </Text>
          <Text style={styles.value}>{me.user.email}</Text>
          <Row label={t('profile.company')} value={me.company.name} />
        </View>
      ) : null}

      <View style={styles.card}>
        <Text style={styles.label}>{t('profile.language')}</Text>
        <View accessibilityRole="radiogroup" style={styles.segments}>
          {LANGUAGES.map((language) => (
            <Pressable
              key={language}
              accessibilityRole="radio"
              accessibilityState={{ checked: language === current }}
              onPress={() => void pickLanguage(language)}
              style={[styles.segment, language === current ? styles.segmentOn : null]}
            >
              <Text
                style={[styles.segmentLabel, language === current ? styles.segmentLabelOn : null]}
              >
                {t(`languages.${language}`)}
              </Text>
            </Pressable>
          ))}
        </View>
        {notice ? <Text style={styles.notice}>{notice}</Text> : null}
      </View>

      <View style={styles.card}>
        <Row label={t('profile.server')} value={getApiUrl()} />
        <Row label={t('profile.version')} value={Constants.expoConfig?.version ?? '—'} />
      </View>

      <Button
        variant="secondary"
        label={t('profile.sign_out')}
        pending={signingOut}
        onPress={() => {
          setSigningOut(true);
          void signOut();
        }}
      />
    </ScrollView>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.row}>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.value} selectable>
        {value}
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.surface },
  content: { padding: spacing.md, gap: spacing.md },
  card: {
    backgroundColor: colors.background,
    borderRadius: 8,
    padding: spacing.md,
    gap: spacing.sm,
  },
  name: { fontSize: 20, fontWeight: '700', color: colors.text },
  row: { gap: 2 },
  label: { fontSize: 13, fontWeight: '600', color: colors.muted },
  value: { fontSize: 15, color: colors.text },
  notice: { fontSize: 13, color: colors.muted },
  segments: {
    flexDirection: 'row',
    gap: spacing.xs,
    padding: spacing.xs,
    borderRadius: 8,
    backgroundColor: colors.surface,
  },
  segment: {
    flex: 1,
    minHeight: 40,
    alignItems: 'center',
    justifyContent: 'center',
    borderRadius: 6,
  },
  segmentOn: { backgroundColor: colors.primary },
  segmentLabel: { fontSize: 15, color: colors.text },
  segmentLabelOn: { color: colors.primaryText, fontWeight: '600' },
});
