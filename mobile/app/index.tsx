import { Stack } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { StyleSheet, Text, View } from 'react-native';

/** The start screen: the app's name until sign-in and the home screen arrive. */
export default function Index() {
  const { t } = useTranslation();
  return (
    <View style={styles.container}>
      <Stack.Screen options={{ title: t('app.name'), headerShown: false }} />
      <Text accessibilityRole="header" style={styles.title}>
        {t('app.name')}
      </Text>
      <Text style={styles.tagline}>{t('app.tagline')}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  container: { flex: 1, alignItems: 'center', justifyContent: 'center', padding: 24, gap: 8 },
  title: { fontSize: 32, fontWeight: '700' },
  tagline: { fontSize: 16, textAlign: 'center', opacity: 0.7 },
});
