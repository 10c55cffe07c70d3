// The whole hub's tests in one run: every package is a jest project, and the test kit's global setup
// starts Kafka and FerretDB once for all of them. Timeouts and workers are global options, so they live here.
const os = require('node:os');

module.exports = {
  testTimeout: 60000,
  // Test files mostly wait for Kafka and the database: two run side by side even on two cores (jest's default, one
  // fewer than the cores, would run one at a time there).
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  projects: ['<rootDir>/shared', '<rootDir>/infra', '<rootDir>/services/*', '<rootDir>/gateway'],
};
