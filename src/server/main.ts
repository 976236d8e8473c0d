/**
 * Starts the local Identity Center on a real socket: opens (or creates) the data directory's
 * database, applies `--demo` and `--org`, builds the app and listens. The only server file that
 * touches the process, the clock, the file system for logs, and sockets.
 *
 * @module
 */
import { createServer } from 'node:http'
import { createWriteStream, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { formatBanner, formatReadyFile, type ServerInfo } from './banner.js'
import type { Logger, ServerDeps } from './deps.js'
import { DEMO_ORG } from './domain/demo-org.js'
import { createInvitation } from './domain/invitations.js'
import { applyOrg, ensureAdminCredentials, ensureInstance } from './domain/org.js'
import { parseOrgFile } from './domain/org-file.js'
import { generateOrg } from './domain/generated-org.js'
import { createLimits, resolveLimitsConfig, type LimitsSources } from './limits/limits.js'
import { createPasswordHasher } from './domain/secrets.js'
import { createRandomIds, randomHex } from './ids.js'
import { createMetrics } from './metrics.js'
import { createNodeListener } from './node-listener.js'
import { openDataDir } from './data-dir.js'
import type { SmtpTransport } from './mail/smtp.js'
import { parseSmtpUrl } from './mail/smtp-url.js'
import { isLoopbackHost } from '../core/net/loopback.js'

/** Options of `idc server`. */
export interface StartServerOptions {
  port: number
  host: string
  /** Where the database lives; a fresh temporary directory when absent. */
  dataDir?: string | undefined
  orgFile?: string | undefined
  demo: boolean
  strictRefreshRotation: boolean
  /** `--device-url-without-code` (`ServerOptions.deviceUrlWithoutCode`). */
  deviceUrlWithoutCode?: boolean | undefined
  /** `--generate-org N`: apply a generated organisation of N accounts (`domain/generated-org.ts`). */
  generateOrg?: number | undefined
  /** `--no-throttle`, `--throttle` and `--fault` (`limits/limits.ts`). */
  noThrottle?: boolean | undefined
  throttle?: readonly string[] | undefined
  faults?: readonly string[] | undefined
  /** `--smtp URL`: also deliver the outbox's mail there (over the org file's `mail.smtp`). */
  smtp?: string | undefined
  /** Request log destination; stderr when absent. */
  logFile?: string | undefined
  readyFile?: string | undefined
  /** Where people-facing lines go (the banner goes to stdout through the caller). */
  stderr: { write(chunk: string): unknown }
}

/** A running server. */
export interface RunningServer {
  info: ServerInfo
  /** The banner to print. */
  banner: string
  /** Stops listening, closes connections and the database. */
  close(): Promise<void>
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir ?? mkdtempSync(join(tmpdir(), 'idc-server-')))
  const store = openDataDir(dataDir, (line) => options.stderr.write(`WARNING: ${line}\n`))
  const logStream = options.logFile ? createWriteStream(options.logFile, { flags: 'a', mode: 0o600 }) : undefined
  const requestSink = logStream ?? options.stderr
  // Request lines are batched and written every 50 ms: under load one write per request (stderr to
  // a pipe is synchronous on Linux) would cost more than the request itself.
  let pending: string[] = []
  let flushTimer: NodeJS.Timeout | undefined
  const flush = () => {
    flushTimer = undefined
    if (pending.length === 0) return
    const text = pending.join('')
    pending = []
    requestSink.write(text)
  }
  const logger: Logger = {
    info: (line) => {
      flush()
      options.stderr.write(`${line}\n`)
    },
    warn: (line) => {
      flush()
      options.stderr.write(`WARNING: ${line}\n`)
    },
    request: (line) => {
      pending.push(`${new Date().toISOString()} ${line}\n`)
      flushTimer ??= setTimeout(flush, 50)
    },
  }
  let endpoint = ''
  const metrics = createMetrics()
  const ids = createRandomIds()
  const deps: ServerDeps = {
    store,
    clock: () => Date.now(),
    ids,
    passwords: createPasswordHasher({ ids }),
    logger,
    options: {
      strictRefreshRotation: options.strictRefreshRotation,
      deviceUrlWithoutCode: options.deviceUrlWithoutCode === true,
      adoptUnknownClients: options.dataDir === undefined,
    },
    baseUrl: () => endpoint,
    metrics,
    recordRequest: (operation, outcome, labels) => metrics.recordRequest(operation, outcome, labels),
  }
  const invited: string[] = []
  let orgLimits: LimitsSources['org']
  let orgSmtp: string | undefined
  let smtp: SmtpTransport | undefined
  try {
    if (options.demo) invited.push(...applyOrg(deps, DEMO_ORG).invitedUserIds)
    if (options.generateOrg !== undefined)
      invited.push(...applyOrg(deps, generateOrg(options.generateOrg)).invitedUserIds)
    if (options.orgFile) {
      const spec = parseOrgFile(readFileSync(options.orgFile, 'utf8'), options.orgFile)
      orgLimits = spec.limits
      orgSmtp = spec.mail?.smtp
      invited.push(...applyOrg(deps, spec).invitedUserIds)
    }
    const limits = resolveLimitsConfig({
      noThrottle: options.noThrottle,
      throttle: options.throttle,
      faults: options.faults,
      org: orgLimits,
    })
    if (limits.throttle || Object.keys(limits.faults).length > 0) {
      deps.limits = createLimits(limits, {
        clock: deps.clock,
        ids,
        sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
      })
    }
    const smtpUrl = options.smtp ?? orgSmtp
    if (smtpUrl) {
      const settings = parseSmtpUrl(smtpUrl)
      // nodemailer loads only when mail is delivered.
      const { createSmtpTransport } = await import('./mail/smtp.js')
      deps.mail = smtp = createSmtpTransport(settings)
    }
    if (!store.getInstance()) ensureInstance(deps, { id: `d-${randomHex(deps.ids, 10)}`, region: 'us-east-1' })
  } catch (error) {
    store.close()
    throw error
  }
  const admin = ensureAdminCredentials(deps)
  const server = createServer(createNodeListener(deps, { hostname: options.host }))
  server.keepAliveTimeout = 5000
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(options.port, options.host, () => ok())
  })
  const address = server.address() as AddressInfo
  // Bound to every interface: clients on this machine still reach it (and sign cookies) on loopback.
  const reachable = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address
  const host = address.family === 'IPv6' ? `[${reachable}]` : reachable
  endpoint = `http://${host}:${address.port}`
  const instance = store.getInstance()!
  const info: ServerInfo = {
    endpoint,
    startUrl: instance.startUrl,
    region: instance.region,
    portalUrl: `${endpoint}/start`,
    adminAccessKeyId: admin.accessKeyId,
    adminSecretAccessKey: admin.secretAccessKey,
    dataDir,
    pid: process.pid,
    smtp: smtp?.display,
  }
  // Said once at start-up rather than at the first invitation: a wrong port or password shows now.
  smtp?.verify().catch((error: unknown) => {
    logger.warn(
      `Cannot use the SMTP server ${smtp.display}: ${(error as Error).message}. Mail is kept in the outbox (${endpoint}/admin/outbox) and each new mail is still offered to the SMTP server.`,
    )
  })
  // New invited users get a link; so do invited users whose earlier link expired or was lost.
  const now = deps.clock()
  for (const user of store.listUsers()) {
    if (user.status === 'invited' && (invited.includes(user.id) || !store.hasLiveInvitation(user.id, now)))
      createInvitation(deps, user.id)
  }
  store.purgeExpired(now)
  const purge = setInterval(() => store.purgeExpired(deps.clock()), 10 * 60_000)
  purge.unref()
  if (options.readyFile) {
    // Written whole and renamed, so a test polling for the file never reads half of it.
    const tmp = `${options.readyFile}.${process.pid}.tmp`
    writeFileSync(tmp, formatReadyFile(info), { mode: 0o600 })
    renameSync(tmp, options.readyFile)
  }
  const warnHost = isLoopbackHost(options.host) ? undefined : options.host
  let closing: Promise<void> | undefined
  return {
    info,
    banner: formatBanner(info, { demo: options.demo, warnHost, temporaryData: options.dataDir === undefined }),
    close() {
      closing ??= new Promise<void>((ok) => {
        clearInterval(purge)
        server.close(() => ok())
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 2000).unref()
      }).then(async () => {
        await smtp?.close()
        if (flushTimer) clearTimeout(flushTimer)
        flush()
        store.close()
        logStream?.end()
      })
      return closing
    },
  }
}
