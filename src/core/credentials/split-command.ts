/**
 * Splits a `credential_process` command line into words the way Python's `shlex.split` does in
 * POSIX mode (what botocore uses): whitespace separates words, single quotes are literal, double
 * quotes allow `\"` and `\\`, a backslash outside quotes escapes any character. No shell runs.
 *
 * @module
 */

/** Splits `command` into program and arguments; throws on an unclosed quote or a trailing backslash. */
export function splitCommand(command: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: "'" | '"' | undefined
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string
    if (quote === "'") {
      if (c === "'") quote = undefined
      else word += c
      continue
    }
    if (quote === '"') {
      if (c === '"') quote = undefined
      else if (c === '\\' && (command[i + 1] === '"' || command[i + 1] === '\\')) word += command[++i]
      else word += c
      continue
    }
    if (c === "'" || c === '"') {
      quote = c
      inWord = true
    } else if (c === '\\') {
      if (i + 1 >= command.length) throw new Error('No escaped character')
      word += command[++i]
      inWord = true
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += c
      inWord = true
    }
  }
  if (quote) throw new Error('No closing quotation')
  if (inWord) words.push(word)
  return words
}
