// The whole hub's tests in one run: every package is a jest project, and the test kit's global setup
// starts Kafka and FerretDB once for all of them. Timeouts are global options, so they live here.
module.exports = {
  testTimeout: 60000,
  projects: ['<rootDir>/shared', '<rootDir>/infra', '<rootDir>/services/*', '<rootDir>/gateway'],
};
