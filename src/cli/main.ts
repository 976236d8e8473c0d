/**
 * The `idc` command's entry point: build the real environment, run, set the exit code.
 *
 * @module
 */
import { createNodeCliEnv } from './node-cli-env.js'
import { runCli } from './run-cli.js'

// The AWS SDK warns on stderr about Node 20 support on first use; that would break the AWS CLI's
// exact terminal output. Set before any SDK loads; an explicit user setting wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
void runCli(process.argv.slice(2), createNodeCliEnv()).then((code) => {
  process.exitCode = code
})
