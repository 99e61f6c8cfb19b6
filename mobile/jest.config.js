/** @type {import('jest').Config} */
module.exports = {
  preset: 'jest-expo',
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  // __tests__/routes.tsx lists the app's routes for the tests; it is not one.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/__tests__/routes\\.tsx$'],
};
