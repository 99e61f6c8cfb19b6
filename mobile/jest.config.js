/** @type {import('jest').Config} */
module.exports = {
  preset: 'jest-expo',
  // `make test` runs jest on one worker beside the Rust suites on two cores: the first screen a
  // file renders loads expo-router's module graph, which can take several seconds there.
  testTimeout: 30_000,
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    // packages/shared: the sources the web app uses too.
    '^@opsflux/shared/(.*)$': '<rootDir>/../packages/shared/src/$1',
  },
  // A shared file's imports (zod, the Babel runtime its transform adds) come from here.
  modulePaths: ['<rootDir>/node_modules'],
  // __tests__/routes.tsx lists the app's routes for the tests; it is not one.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/__tests__/routes\\.tsx$'],
};
