#!/usr/bin/env node
// Committed, so npm links `hub` at install time, before the build has made dist/.
require('../dist/cli/main.js');
