// One jest setup for every package: ts-jest on sources, workspace imports mapped to sources
// (no build needed to test), and the infrastructure started once per run by the test kit.
const path = require('node:path');

module.exports = function preset(packageDir) {
  return {
    displayName: require(path.join(packageDir, 'package.json')).name,
    rootDir: packageDir,
    testEnvironment: 'node',
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(packageDir, 'tsconfig.json') }],
    },
    moduleNameMapper: {
      '^@hub/shared/(.*)$': path.join(__dirname, 'shared/src/$1'),
      '^@hub/gateway$': path.join(__dirname, 'gateway/src/index.ts'),
      '^@hub/gateway/(.*)$': path.join(__dirname, 'gateway/src/$1'),
      '^@hub/organisations$': path.join(__dirname, 'services/organisations/src/index.ts'),
      '^@hub/offerings$': path.join(__dirname, 'services/offerings/src/index.ts'),
      '^@hub/matchmaking$': path.join(__dirname, 'services/matchmaking/src/index.ts'),
      '^@hub/migration$': path.join(__dirname, 'services/migration/src/index.ts'),
      '^@hub/jobs$': path.join(__dirname, 'services/jobs/src/index.ts'),
      '^@hub/identity/(.*)$': path.join(__dirname, 'services/identity/src/$1'),
      '^@hub/infra$': path.join(__dirname, 'infra/src/index.ts'),
      '^@hub/infra/(.*)$': path.join(__dirname, 'infra/src/$1'),
    },
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    globalSetup: path.join(__dirname, 'infra/src/testkit/global-setup.ts'),
    globalTeardown: path.join(__dirname, 'infra/src/testkit/global-teardown.ts'),
    testTimeout: 60000,
  };
};
