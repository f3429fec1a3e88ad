#!/usr/bin/env node
// The `feedloom` command; the code lives in dist/cli.js, built on install (npm run build).
import '../dist/cli.js';
