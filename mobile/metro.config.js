// Metro: Expo's defaults, plus packages/shared (TypeScript sources the web app uses too).
// `@opsflux/shared/*` resolves through tsconfig.json's `paths`; Metro must also watch the
// folder, and a shared file's imports (zod) resolve from this app's node_modules.
const path = require('node:path');

const { getDefaultConfig } = require('expo/metro-config');

const config = getDefaultConfig(__dirname);
const shared = path.resolve(__dirname, '../packages/shared');

config.watchFolders = [...(config.watchFolders ?? []), shared];
config.resolver.nodeModulesPaths = [
  ...(config.resolver.nodeModulesPaths ?? []),
  path.resolve(__dirname, 'node_modules'),
];

module.exports = config;
