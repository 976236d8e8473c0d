/**
 * The `idc` command's entry point: build the real environment, run, set the exit code.
 *
 * @module
 */
import { createNodeCliEnv } from './node-cli-env.js'
import { runCli } from './run-cli.js'

process.exitCode = await runCli(process.argv.slice(2), createNodeCliEnv())
