import { useTranslation } from 'react-i18next';
import { ActivityIndicator, StyleSheet, View } from 'react-native';

import { colors } from './theme';

/** While the session is read from the device (a few milliseconds). */
export function LoadingScreen() {
  const { t } = useTranslation();
  return (
    <View style={styles.screen}>
      <ActivityIndicator accessibilityLabel={t('common.loading')} color={colors.primary} />
    </View>
  );
}

const styles = StyleSheet.create({
  screen: {
    flex: 1,
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: colors.background,
  },
});
