/**
 * `idc doctor`'s checks of the shared files themselves: who may read them (anything looser than
 * 0600, or an owner other than the home directory's, since they may hold keys), and the lines
 * the AWS CLI reads differently from the SDKs and idc (`divergences.ts`).
 *
 * @module
 */
import { BOTOCORE_DIVERGENCES, detectBotocoreDivergences } from '../config/divergences.js'
import { getHomeDir } from '../config/file-paths.js'
import type { ConfigFileKind } from '../config/parse-config-file.js'
import type { Env } from '../env.js'
import type { DoctorFinding } from './findings.js'

/** A shared file as doctor found it. */
export interface DoctorFile {
  kind: ConfigFileKind
  path: string
  exists: boolean
  /** Permission bits, e.g. `0600`. */
  mode?: string | undefined
  /** The file's text, for the other checks. */
  text?: string | undefined
}

/** Reads a shared file and checks its mode and owner. */
export async function checkSharedFile(
  env: Env,
  kind: ConfigFileKind,
  path: string,
): Promise<{ file: DoctorFile; findings: DoctorFinding[] }> {
  const findings: DoctorFinding[] = []
  let stats
  try {
    stats = await env.fs.stat(path)
  } catch {
    return { file: { kind, path, exists: false }, findings }
  }
  const mode = `0${(stats.mode & 0o777).toString(8)}`
  const file: DoctorFile = { kind, path, exists: true, mode, text: await env.fs.readFile(path, 'utf8') }
  const what = kind === 'config' ? 'The config file' : 'The credentials file'
  if (env.platform !== 'win32' && (stats.mode & 0o077) !== 0) {
    findings.push({
      level: 'warning',
      check: 'file-mode',
      message: `${what} has mode ${mode}: other users may read it (it can hold keys and the SDKs expect 0600)`,
      file: path,
      fix: `chmod 600 ${path}`,
    })
  }
  const home = await env.fs.stat(getHomeDir(env)).catch(() => undefined)
  if (env.platform !== 'win32' && home !== undefined && stats.uid !== home.uid) {
    findings.push({
      level: 'warning',
      check: 'file-owner',
      message: `${what} belongs to user id ${stats.uid}, not to the owner of your home directory (${home.uid})`,
      file: path,
      fix: `chown ${home.uid} ${path}`,
    })
  }
  return { file, findings }
}

/** The lines of a file that the AWS CLI (botocore) reads differently from idc and the SDKs. */
export function checkDivergences(file: DoctorFile): DoctorFinding[] {
  if (file.text === undefined) return []
  return detectBotocoreDivergences(file.text, { kind: file.kind }).map((finding) => {
    const known = BOTOCORE_DIVERGENCES.find((d) => d.id === finding.id)
    return {
      level: 'warning' as const,
      check: `divergence:${finding.id}`,
      message: `The AWS CLI reads \`${finding.text.trim()}\` differently (${known?.construct ?? finding.id}): for idc and the SDKs ${known?.sdk ?? '?'}; for the AWS CLI ${known?.botocore ?? '?'}`,
      file: file.path,
      line: finding.line,
    }
  })
}
