import { StyleSheet, Text } from 'react-native';

import { colors, spacing } from './theme';

/** A message about the whole form or screen (a refused sign-in, a failed load). */
export function ErrorBanner({ message }: { message: string }) {
  return (
    <Text accessibilityRole="alert" style={styles.banner}>
      {message}
    </Text>
  );
}

const styles = StyleSheet.create({
  banner: {
    padding: spacing.md,
    borderRadius: 8,
    backgroundColor: '#fdecea',
    color: colors.danger,
    fontSize: 14,
  },
});
