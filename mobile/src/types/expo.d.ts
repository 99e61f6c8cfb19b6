// Expo's global types (asset modules, `process.env.EXPO_PUBLIC_*`). `expo start` writes the
// same reference to ./expo-env.d.ts (git-ignored); this copy lets `tsc` run without it.
/// <reference types="expo/types" />
