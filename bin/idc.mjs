#!/usr/bin/env node
// `idc configure export-credentials` (credential_process: the warm credential path) loads a
// one-file build of the CLI (see scripts/build.mjs); every other command loads the split build.
const [group, command] = process.argv.slice(2)
await import(group === 'configure' && command === 'export-credentials' ? '../dist/warm/cli.js' : '../dist/cli.js')
