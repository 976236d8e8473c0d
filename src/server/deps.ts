/**
 * What every part of the server receives from the composition root: the store, the clock, the
 * random generator, the logger, the metrics counter and the options. Only `main.ts` builds the real
 * ones; tests build their own with {@link createTestDeps}-style helpers so time and ids are theirs.
 *
 * @module
 */
import type { Store } from './store/store.js'
import type { Ids } from './ids.js'
import type { Metrics } from './metrics.js'
import type { PasswordHasher } from './domain/secrets.js'
import type { Limits } from './limits/limits.js'
import type { MailTransport } from './mail/outbox.js'

/** Where log lines go; the request log never receives secrets. */
export interface Logger {
  /** A line for people (start-up, invitation links). */
  info(line: string): void
  /** Something an operator should notice. */
  warn(line: string): void
  /** One request-log line. */
  request(line: string): void
}

/** Options that change the server's behaviour. */
export interface ServerOptions {
  /** Revoke the whole refresh-token family when an already-used refresh token comes back. */
  strictRefreshRotation: boolean
  /**
   * `--device-url-without-code`: answer StartDeviceAuthorization with a verificationUriComplete
   * that does not carry the user code, as AWS has since September 2026, so that clients are
   * tested for showing the code on their own. Off by default (the `?user_code=` form).
   */
  deviceUrlWithoutCode?: boolean | undefined
  /**
   * Accept OIDC client ids this server never issued, as if registered now. On when the data
   * directory is temporary: CLIs cache registrations for 90 days and never re-register on
   * `InvalidClientException` (wire-protocol pitfall 10), so a restart would otherwise lock them out.
   */
  adoptUnknownClients?: boolean
}

/** The server's dependencies, built once in `main.ts` (or a test). */
export interface ServerDeps {
  store: Store
  /** Milliseconds since the epoch. */
  clock: () => number
  ids: Ids
  /** Hashes and checks user passwords (scrypt; a cheap cost in tests). */
  passwords: PasswordHasher
  logger: Logger
  options: ServerOptions
  /** The origin clients reach the server at (`http://127.0.0.1:PORT`), known after listening. */
  baseUrl: () => string
  metrics: Metrics
  /** Throttling and injected faults at the API operations; none when absent (tests, `--no-throttle` and no faults). */
  limits?: Limits | undefined
  /** Delivers mail over SMTP (`--smtp URL`); without it mail only goes to the outbox. */
  mail?: MailTransport | undefined
  /** Counts one request in `idc_requests_total`; every API handler calls it once. */
  recordRequest(operation: string, outcome: string, labels?: Record<string, string>): void
}
