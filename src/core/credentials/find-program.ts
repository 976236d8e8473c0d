/**
 * Whether a `credential_process` program exists, found as a shell would: a path is checked as
 * given, a bare name in each PATH directory (with PATHEXT's extensions on Windows). Used by
 * `idc status` and `idc doctor` to say a program is missing before anything runs it.
 *
 * @module
 */
import { pathApi } from '../config/file-paths.js'
import type { Env } from '../env.js'

/** True when `program` is a path to a file, or a file in a PATH directory. */
export async function programExists(env: Env, program: string): Promise<boolean> {
  const isFile = async (candidate: string) => {
    try {
      return (await env.fs.stat(candidate)).isFile()
    } catch {
      return false
    }
  }
  const windows = env.platform === 'win32'
  if (program.includes('/') || (windows && program.includes('\\'))) return isFile(program)
  const extensions = windows ? ['', ...(env.vars.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : ['']
  for (const dir of (env.vars.PATH ?? '').split(windows ? ';' : ':').filter(Boolean)) {
    for (const extension of extensions) if (await isFile(pathApi(env).join(dir, program + extension))) return true
  }
  return false
}
