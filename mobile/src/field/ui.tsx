import type { ReactNode } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';

/** The few building blocks the field screens share. */
export function Chip({
  label,
  selected,
  onPress,
}: {
  label: string;
  selected: boolean;
  onPress: () => void;
}) {
  return (
    <Pressable
      accessibilityRole="radio"
      accessibilityState={{ selected }}
      onPress={onPress}
      style={[styles.chip, selected && styles.chipSelected]}
    >
      <Text style={selected ? styles.chipTextSelected : undefined}>{label}</Text>
    </Pressable>
  );
}

export function Button({
  label,
  onPress,
  disabled,
  kind = 'primary',
}: {
  label: string;
  onPress: () => void;
  disabled?: boolean;
  kind?: 'primary' | 'secondary';
}) {
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityState={{ disabled: !!disabled }}
      disabled={disabled}
      onPress={onPress}
      style={[styles.button, kind === 'secondary' && styles.secondary, disabled && styles.disabled]}
    >
      <Text style={kind === 'primary' ? styles.buttonText : styles.secondaryText}>{label}</Text>
    </Pressable>
  );
}

export function Field({
  label,
  error,
  children,
}: {
  label: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <View style={styles.field}>
      <Text style={styles.label}>{label}</Text>
      {children}
      {error ? (
        <Text accessibilityRole="alert" style={styles.error}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

export function Message({ children }: { children: ReactNode }) {
  return <Text style={styles.message}>{children}</Text>;
}

export const styles = StyleSheet.create({
  chip: {
    borderWidth: 1,
    borderColor: '#94a3b8',
    borderRadius: 16,
    paddingHorizontal: 12,
    paddingVertical: 6,
  },
  chipSelected: { backgroundColor: '#1d4ed8', borderColor: '#1d4ed8' },
  chipTextSelected: { color: 'white' },
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: 8 },
  button: { backgroundColor: '#1d4ed8', borderRadius: 8, padding: 12, alignItems: 'center' },
  secondary: { backgroundColor: 'transparent', borderWidth: 1, borderColor: '#1d4ed8' },
  disabled: { opacity: 0.5 },
  buttonText: { color: 'white', fontWeight: '600' },
  secondaryText: { color: '#1d4ed8', fontWeight: '600' },
  field: { gap: 6 },
  label: { fontWeight: '600' },
  error: { color: '#b91c1c' },
  input: { borderWidth: 1, borderColor: '#94a3b8', borderRadius: 8, padding: 10 },
  message: { padding: 16, textAlign: 'center', opacity: 0.7 },
  screen: { padding: 16, gap: 16 },
  row: { flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', gap: 8 },
  card: { borderWidth: 1, borderColor: '#e2e8f0', borderRadius: 8, padding: 12, gap: 4 },
  title: { fontWeight: '600', fontSize: 16 },
  muted: { opacity: 0.7 },
  thumb: { width: 64, height: 64, borderRadius: 6 },
});
