/**
 * The version line shown by `idc --version`.
 *
 * @module
 */
import type { CliEnv } from './cli-env.js'

/** The package version, injected by the build (falls back to `dev` when run from sources). */
declare const __IDC_VERSION__: string | undefined
/** idc's version. */
export const IDC_VERSION: string = typeof __IDC_VERSION__ === 'string' ? __IDC_VERSION__ : '0.0.0-dev'

/** `idc/0.1.0 node/v20.20.2 linux/x64`, in the shape of `aws --version`. */
export function versionLine(env: Pick<CliEnv, 'platform' | 'runtime'>): string {
  return `idc/${IDC_VERSION} node/${env.runtime.nodeVersion} ${env.platform}/${env.runtime.arch}`
}
