import { ActivityIndicator, Pressable, StyleSheet, Text } from 'react-native';

import { colors, spacing } from './theme';

type Props = {
  label: string;
  onPress: () => void;
  variant?: 'primary' | 'secondary' | 'link';
  pending?: boolean;
  disabled?: boolean;
  testID?: string;
};

/** A button with a visible label (its accessible name) and a busy state. */
export function Button({ label, onPress, variant = 'primary', pending, disabled, testID }: Props) {
  const inactive = Boolean(disabled || pending);
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityState={{ disabled: inactive, busy: Boolean(pending) }}
      disabled={inactive}
      onPress={onPress}
      testID={testID}
      style={({ pressed }) => [
        styles.base,
        styles[variant],
        (pressed || inactive) && variant !== 'link' ? styles.dimmed : null,
      ]}
    >
      {pending ? (
        <ActivityIndicator color={variant === 'primary' ? colors.primaryText : colors.primary} />
      ) : (
        <Text style={[styles.label, labelStyles[variant]]}>{label}</Text>
      )}
    </Pressable>
  );
}

const styles = StyleSheet.create({
  base: {
    minHeight: 48,
    borderRadius: 8,
    paddingHorizontal: spacing.md,
    alignItems: 'center',
    justifyContent: 'center',
  },
  primary: { backgroundColor: colors.primary },
  secondary: { borderWidth: 1, borderColor: colors.border, backgroundColor: colors.background },
  link: { minHeight: 40, paddingHorizontal: 0, alignItems: 'flex-start' },
  dimmed: { opacity: 0.6 },
  label: { fontSize: 16, fontWeight: '600' },
});

const labelStyles = StyleSheet.create({
  primary: { color: colors.primaryText },
  secondary: { color: colors.text },
  link: { color: colors.primary },
});
