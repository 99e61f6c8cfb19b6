// Native modules without a JavaScript fallback in Jest get their maintainers' mocks.
jest.mock('@react-native-community/netinfo', () =>
  jest.requireActual<object>('@react-native-community/netinfo/jest/netinfo-mock.js'),
);
