/**
 * The programs compared, each resolving the benchmark profile's credentials the way a user (or a
 * tool calling `credential_process`) would run it.
 *
 * @module
 */
import { join } from 'node:path'
import { PROFILE } from './aws-home.js'
import type { BenchContext } from './context.js'
import { expectCredentials, expectSuccess, type Contender } from './harness.js'

/** Options shared by the contender factories. */
export interface ContenderOptions {
  env: Record<string, string>
  /** Suffix for ids and labels (e.g. the config size). */
  tag?: string
  profile?: string
}

function named(base: { id: string; label: string }, tag: string | undefined): { id: string; label: string } {
  return tag ? { id: `${base.id}@${tag}`, label: `${base.label} (${tag})` } : base
}

/** `node -e 0`: starting Node and doing nothing, the floor for any Node program. */
export function floorContender(options: ContenderOptions): Contender {
  return {
    ...named({ id: 'floor', label: '`node -e 0` (floor)' }, options.tag),
    spec: { command: process.execPath, args: ['-e', '0'], env: options.env },
    validate: expectSuccess,
  }
}

/** `idc --version`: idc's own start-up (entry point and command runner) without any credential work. */
export function idcStartupContender(context: BenchContext, options: ContenderOptions): Contender {
  return {
    ...named({ id: 'idc-version', label: '`idc --version` (start-up only)' }, options.tag),
    spec: { command: process.execPath, args: [context.idcBin, '--version'], env: options.env },
    validate: expectSuccess,
  }
}

/** `idc configure export-credentials --profile bench`. */
export function idcContender(context: BenchContext, options: ContenderOptions): Contender {
  return {
    ...named({ id: 'idc', label: 'idc `configure export-credentials`' }, options.tag),
    spec: {
      command: process.execPath,
      args: [context.idcBin, 'configure', 'export-credentials', '--profile', options.profile ?? PROFILE],
      env: options.env,
    },
    validate: expectCredentials,
  }
}

/** `idc status --profile bench`: the same warm build, reporting where the credentials come from. */
export function idcStatusContender(context: BenchContext, options: ContenderOptions): Contender {
  return {
    ...named({ id: 'idc-status', label: 'idc `status`' }, options.tag),
    spec: {
      command: process.execPath,
      args: [context.idcBin, 'status', '--profile', options.profile ?? PROFILE],
      env: options.env,
    },
    validate: (result) => expectSuccess(result) ?? (/^status\s+ready/m.test(result.stdout) ? undefined : 'not ready'),
  }
}

/** AWS CLI v2 `aws configure export-credentials --profile bench`. */
export function awsV2Contender(context: BenchContext, options: ContenderOptions): Contender {
  return {
    ...named({ id: 'aws-v2', label: 'AWS CLI v2 `configure export-credentials`' }, options.tag),
    spec: {
      command: context.tools.awsV2 as string,
      args: ['configure', 'export-credentials', '--profile', options.profile ?? PROFILE],
      env: options.env,
    },
    validate: expectCredentials,
  }
}

/** A Node script calling the JS SDK v3 `fromSSO` or `fromIni` provider. */
export function jsSdkContender(context: BenchContext, mode: 'sso' | 'ini', options: ContenderOptions): Contender {
  return {
    ...named(
      { id: `js-${mode}`, label: `JS SDK v3 \`${mode === 'sso' ? 'fromSSO' : 'fromIni'}\` script` },
      options.tag,
    ),
    spec: {
      command: process.execPath,
      args: [join(context.scriptsDir, 'js-sdk-credentials.mjs'), mode, options.profile ?? PROFILE],
      env: options.env,
    },
    validate: expectCredentials,
  }
}

/** The idc server endpoint variables (every client honours AWS_ENDPOINT_URL). */
export function endpointEnv(context: BenchContext): Record<string, string> {
  return context.server ? { AWS_ENDPOINT_URL: context.server.url } : {}
}
