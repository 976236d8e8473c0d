/**
 * Reads the shared config and credentials files as text, refusing what cannot be round-tripped.
 * Node's `readFile(path, 'utf8')` silently turns bytes that are not UTF-8 into U+FFFD, so an edit
 * would write the replacement characters back for good; botocore refuses such a file with
 * `Unable to parse config file: <path>` (exit 255), and so does idc, for reading and for writing
 * alike, leaving the file byte for byte as it was.
 *
 * @module
 */
import type { Env } from '../env.js'
import { ConfigParseError, fileErrorFrom } from '../errors.js'
import type { ConfigFileKind } from './parse-config-file.js'

// `fatal` rejects invalid sequences instead of replacing them; `ignoreBOM` keeps a byte-order
// mark in the text, so a file that has one is written back with it.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Decodes a shared file's bytes; throws {@link ConfigParseError} naming `file` when they are not UTF-8. */
export function decodeSharedFile(bytes: Uint8Array, file: string): string {
  try {
    return STRICT_UTF8.decode(bytes)
  } catch (error) {
    throw Object.assign(new ConfigParseError(file), { cause: error })
  }
}

/**
 * Reads a shared file as text; undefined when it does not exist, or when a directory stands where
 * it should be (botocore reads only regular files, so the AWS CLI treats that as no file; writing
 * then fails naming the file). Other read failures (no permission) are configuration errors
 * naming the file.
 */
export async function readSharedFileText(env: Env, file: string, kind: ConfigFileKind): Promise<string | undefined> {
  let bytes: Uint8Array
  try {
    bytes = await env.fs.readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined
    throw fileErrorFrom(error, file, 'read', { kind: 'config', noun: `${kind} file` })
  }
  return decodeSharedFile(bytes, file)
}
