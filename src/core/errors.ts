/**
 * The typed errors of idc. Each carries a `kind` that the CLI maps to the AWS CLI's exit codes in
 * one place (`src/cli/exit-codes.ts`); the library itself never exits.
 *
 * @module
 */

/**
 * What went wrong, in the AWS CLI's categories:
 * - `usage`: bad flags or parameters (AWS CLI exit 252)
 * - `config`: configuration problems, no region, no credentials (253)
 * - `service`: the service answered with an error (254)
 * - `general`: anything else, including botocore-style provider errors (255)
 * - `cancelled`: the user pressed Ctrl-C (130)
 * - `failed`: a command that reports its failure in one line and exits 1, as some AWS CLI
 *   commands do themselves instead of raising (`configure mfa-login`)
 */
export type ErrorKind = 'usage' | 'config' | 'service' | 'general' | 'cancelled' | 'failed'

/** Options for {@link IdcError}. */
export interface IdcErrorOptions {
  /** The underlying error. */
  cause?: unknown
  /** A command the user can run to fix things, printed after the message. */
  hint?: string
}

/** The base class of every error idc raises on purpose. */
export class IdcError extends Error {
  override readonly name: string = 'IdcError'
  readonly kind: ErrorKind
  readonly hint: string | undefined

  constructor(kind: ErrorKind, message: string, options: IdcErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.kind = kind
    this.hint = options.hint
  }
}

/** Wrong command-line usage; the CLI prints usage before the message. */
export class UsageError extends IdcError {
  override readonly name = 'UsageError'
  constructor(message: string, options?: IdcErrorOptions) {
    super('usage', message, options)
  }
}

/**
 * A problem with the user's configuration (exit 253). Where the AWS CLI words it
 * `An error occurred (Configuration): …`, that prefix is part of the message itself.
 */
export class ConfigError extends IdcError {
  override readonly name = 'ConfigError'
  constructor(message: string, options?: IdcErrorOptions) {
    super('config', message, options)
  }
}

/**
 * A shared config or credentials file that cannot be parsed, with the AWS CLI's message and exit
 * code (255); names the file, and the line when one is to blame (not for a file that is not
 * valid UTF-8, where the AWS CLI names none either).
 */
export class ConfigParseError extends IdcError {
  override readonly name = 'ConfigParseError'
  readonly file: string
  readonly line: number | undefined
  constructor(file: string, line?: number, detail?: string) {
    super('general', `Unable to parse config file: ${file}${line === undefined ? '' : `, line ${line}: ${detail}`}`)
    this.file = file
    this.line = line
  }
}

/**
 * A file operation failed. The message always names the file (Node's own errors for a directory
 * where a file should be say only `EISDIR: illegal operation on a directory, read`); `code` keeps
 * the system error code (`EISDIR`, `EACCES`…) for callers that branch on it.
 */
export class FileError extends IdcError {
  override readonly name: string = 'FileError'
  readonly file: string
  readonly code: string | undefined
  constructor(file: string, message: string, options: IdcErrorOptions & { code?: string; kind?: ErrorKind } = {}) {
    super(options.kind ?? 'general', message, options)
    this.file = file
    this.code = options.code ?? (options.cause as NodeJS.ErrnoException | undefined)?.code
  }
}

/** Describes a failed file operation in words, naming the file: `Unable to write file /x: it is a directory`. */
export function fileErrorFrom(
  error: unknown,
  file: string,
  action: 'read' | 'write' | 'lock',
  options: { kind?: ErrorKind; noun?: string } = {},
): FileError {
  if (error instanceof FileError) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const reason = code === undefined ? String((error as Error | undefined)?.message ?? error) : describeErrno(code)
  const noun = options.noun ?? 'file'
  return new FileError(file, `Unable to ${action} ${noun} ${file}: ${reason}`, {
    cause: error,
    code,
    kind: options.kind,
  })
}

function describeErrno(code: string): string {
  switch (code) {
    case 'EISDIR':
      return 'it is a directory'
    case 'ENOTDIR':
      return 'a part of its path is not a directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ENOENT':
      return 'no such file or directory'
    case 'EROFS':
      return 'the file system is read-only'
    case 'ENOSPC':
      return 'no space left on the device'
    case 'ELOOP':
      return 'too many levels of symbolic links'
    default:
      return `system error ${code}`
  }
}

/** Another process held a file's lock for longer than the caller would wait (`code` is `ELOCKED`). */
export class FileLockedError extends FileError {
  override readonly name = 'FileLockedError'
  constructor(file: string, holder: string) {
    super(file, `Timed out waiting for the lock on ${file}, held by ${holder}`, { code: 'ELOCKED' })
  }
}

/** Credentials could not be resolved; `tryNextLink` lets a provider chain move on. */
export class CredentialsError extends IdcError {
  override readonly name = 'CredentialsError'
  readonly tryNextLink: boolean
  constructor(message: string, options: IdcErrorOptions & { tryNextLink?: boolean; kind?: ErrorKind } = {}) {
    super(options.kind ?? 'general', message, options)
    this.tryNextLink = options.tryNextLink ?? false
  }
}

/**
 * An AWS service answered with an error code. `details` holds the error response's fields as the
 * AWS CLI shows them (`Code`, `Message` and the members the service's model declares for that
 * error, in the CLI's order): `--cli-error-format json` prints them, and the default format lists
 * the ones besides the code and message under "Additional error details:".
 */
export class ServiceError extends IdcError {
  override readonly name = 'ServiceError'
  readonly code: string
  readonly operation: string
  readonly statusCode: number | undefined
  readonly details: Readonly<Record<string, unknown>>
  constructor(
    code: string,
    operation: string,
    message: string,
    options: IdcErrorOptions & { statusCode?: number; details?: Record<string, unknown>; maxRetries?: number } = {},
  ) {
    // botocore names the retries when it gave up after the last attempt it may make.
    const retries = options.maxRetries === undefined ? '' : ` (reached max retries: ${options.maxRetries})`
    super(
      'service',
      `An error occurred (${code}) when calling the ${operation} operation${retries}: ${message}`,
      options,
    )
    this.code = code
    this.operation = operation
    this.statusCode = options.statusCode
    this.details = options.details ?? { Code: code, Message: message }
  }
}

/**
 * A request never got an answer: the endpoint could not be reached, timed out, closed the
 * connection or failed TLS validation. Worded as the AWS CLI words it (exit 255); `code` keeps
 * Node's system error code (`ECONNREFUSED`…).
 */
export class NetworkError extends IdcError {
  override readonly name = 'NetworkError'
  readonly code: string | undefined
  constructor(message: string, options: IdcErrorOptions & { code?: string } = {}) {
    super('general', message, options)
    this.code = options.code || undefined
  }
}

/** The user cancelled (Ctrl-C at a prompt). */
export class CancelledError extends IdcError {
  override readonly name = 'CancelledError'
  constructor(message = 'Cancelled') {
    super('cancelled', message)
  }
}

/** True for any error idc raised on purpose, even across module copies. */
export function isIdcError(value: unknown): value is IdcError {
  return value instanceof Error && typeof (value as Partial<IdcError>).kind === 'string' && 'hint' in value
}
