/**
 * `idc server`: runs the local IAM Identity Center on loopback until Ctrl-C. The server code loads
 * only here, lazily, so no other command pays for it — nor needs its one native package,
 * better-sqlite3, an optional dependency: without it only this command stops, with a message
 * saying how to install it.
 *
 * @module
 */
import { IdcError, UsageError } from '../../core/errors.js'
import { isLoopbackHost } from '../../core/net/loopback.js'
import type { CliEnv, ServerModule } from '../cli-env.js'
import { defineCommand } from '../command.js'

/** Options of `idc server`. */
export interface ServerCommandOptions {
  port: number
  host: string
  dataDir: string | undefined
  orgFile: string | undefined
  demo: boolean
  strictRefreshRotation: boolean
  deviceUrlWithoutCode?: boolean | undefined
  generateOrg?: number | undefined
  noThrottle?: boolean | undefined
  throttle?: string[] | undefined
  faults?: string[] | undefined
  smtp?: string | undefined
  logFile: string | undefined
  readyFile: string | undefined
}

/**
 * Whether an error says better-sqlite3 cannot be used: the package is not installed (Node's
 * ERR_MODULE_NOT_FOUND naming it), or it is installed but its native part did not build.
 */
function isSqliteMissing(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException | undefined
  const message = String(e?.message ?? '')
  return (
    ((e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') && message.includes("'better-sqlite3'")) ||
    message.includes('better_sqlite3.node')
  )
}

function sqliteMissingError(cause: unknown): IdcError {
  return new IdcError(
    'general',
    'idc server needs the package better-sqlite3 (an optional dependency of idc, for its SQLite store), which is not installed or did not build here. Install it with: npm install better-sqlite3',
    { cause },
  )
}

function parseAccountCount(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 10_000)
    throw new UsageError(`argument --generate-org: must be a number of accounts from 1 to 10000: '${text}'`)
  return Number(text)
}

/** Starts the server, prints the banner and serves until SIGINT or SIGTERM. */
export async function runServer(options: ServerCommandOptions, env: CliEnv): Promise<number> {
  let startServer: ServerModule['startServer']
  try {
    ;({ startServer } = await env.loadServer())
  } catch (error) {
    throw isSqliteMissing(error) ? sqliteMissingError(error) : error
  }
  let server: Awaited<ReturnType<typeof startServer>>
  try {
    server = await startServer({ ...options, stderr: env.stderr })
  } catch (error) {
    if (isSqliteMissing(error)) throw sqliteMissingError(error)
    const e = error as NodeJS.ErrnoException
    if (e.name === 'LimitSpecError') throw new UsageError(e.message)
    if (e.name === 'SmtpUrlError') throw new UsageError(`argument --smtp: ${e.message}`)
    if (e.name === 'OrgFileError') throw new IdcError('config', `Invalid organisation file: ${e.message}`, { cause: e })
    if (e.code === 'EADDRINUSE')
      throw new IdcError('general', `Cannot listen on ${options.host}:${options.port}: the port is in use`, {
        cause: e,
      })
    if (e.code === 'ENOENT' && options.orgFile)
      throw new IdcError('config', `Cannot read the organisation file: ${options.orgFile}`, { cause: e })
    throw error
  }
  if (!isLoopbackHost(options.host)) {
    env.stderr.write(
      `WARNING: idc server is listening on ${options.host}, not loopback. Demo passwords and issued credentials are reachable from the network.\n`,
    )
  }
  env.stdout.write(server.banner)
  await new Promise<void>((done) => {
    const removers: (() => void)[] = []
    const stop = () => {
      for (const remove of removers) remove()
      env.stderr.write('Stopping idc server...\n')
      done()
    }
    removers.push(env.onSignal('SIGINT', stop), env.onSignal('SIGTERM', stop))
  })
  await server.close()
  return 0
}

export const command = defineCommand<ServerCommandOptions>({
  name: 'server',
  summary: 'Run the local IAM Identity Center on loopback.',
  description: [
    'Runs a local IAM Identity Center that the AWS CLI v2 and v1, botocore and the JavaScript SDK use',
    'without knowing the difference: set AWS_ENDPOINT_URL to the printed endpoint. One port serves',
    'the OIDC and portal APIs, STS, S3 and the admin APIs, and the sign-in pages and access portal.',
    '',
    'State is kept in SQLite under --data (a fresh temporary directory by default) and survives',
    'restarts: registrations, tokens and issued credentials stay valid until they expire.',
    '--demo creates the fixed demo organisation (users alice and bob); --org applies an organisation',
    'file (docs/org-file.md); --generate-org N adds N generated accounts. All are idempotent.',
    '',
    'The portal and admin APIs throttle each caller as AWS does (token buckets, on by default);',
    '--throttle OPERATION=RATE[/BURST] changes a limit, --no-throttle turns throttling off, and',
    '--fault OPERATION=5xx:0.1,expired:0.05,latency:200,skew:300 injects faults (docs/server.md).',
    '',
    "Invitation and password-reset mails are kept in the outbox (the console's /admin/outbox, and",
    'GET /_idc/outbox for tests on this machine). With --smtp URL each one is also delivered to that',
    'SMTP server (a mail catcher such as Mailpit), or mail.smtp in the org file:',
    'smtp://HOST:PORT (STARTTLS when offered) or smtps://HOST:PORT, with USER:PASSWORD@ to sign in,',
    '?from=ADDRESS for the sender and ?skip_verify=true for a self-signed certificate. A failed',
    'delivery is logged and marked in the outbox; it never fails the action that sent the mail.',
  ].join('\n'),
  examples: [
    'idc server --demo',
    'idc server --demo --port 0 --ready-file /tmp/idc.json',
    'idc server --data ~/.idc-server --org org.yaml',
    'idc server --generate-org 1000 --fault ListAccountRoles=5xx:0.05,latency:50',
    'idc server --demo --no-throttle',
    'idc server --demo --smtp smtp://127.0.0.1:1025',
  ],
  options: {
    port: {
      type: 'string',
      placeholder: '<port>',
      description: 'Port to listen on (default 8080; 0 picks a free port).',
    },
    host: {
      type: 'string',
      placeholder: '<address>',
      description: 'Address to bind (default 127.0.0.1). Anything but loopback prints a warning.',
    },
    data: {
      type: 'string',
      placeholder: '<dir>',
      description: 'Directory for the database (default: a new temporary directory).',
    },
    org: { type: 'string', placeholder: '<file>', description: 'Organisation file (YAML or JSON) to apply.' },
    demo: { type: 'boolean', description: 'Create the demo organisation.' },
    'generate-org': {
      type: 'string',
      placeholder: '<accounts>',
      description: 'Add a generated organisation of this many accounts (user dev, docs/org-file.md).',
    },
    throttle: {
      type: 'string',
      multiple: true,
      placeholder: '<operation=rate[/burst]>',
      description: 'Change one rate limit (calls a second per caller); OPERATION may be service:* or *.',
    },
    'no-throttle': { type: 'boolean', description: 'Turn throttling off (benchmarks, load tests).' },
    fault: {
      type: 'string',
      multiple: true,
      placeholder: '<operation=kind:value,...>',
      description: 'Inject faults: 5xx:FRACTION, expired:FRACTION, latency:MS, skew:SECONDS.',
    },
    'strict-refresh-rotation': {
      type: 'boolean',
      description: 'Revoke the whole session when a used refresh token is presented again.',
    },
    'device-url-without-code': {
      type: 'boolean',
      description:
        "Answer device authorizations with a complete URL that does not hold the user code (AWS's form since September 2026).",
    },
    smtp: {
      type: 'string',
      placeholder: '<url>',
      description:
        'Also deliver invitation and password-reset mails to this SMTP server: smtp[s]://[USER:PASSWORD@]HOST[:PORT][?from=ADDRESS&skip_verify=true].',
    },
    'log-file': {
      type: 'string',
      placeholder: '<file>',
      description: 'Append the request log to this file instead of stderr.',
    },
    'ready-file': {
      type: 'string',
      placeholder: '<file>',
      description: 'Write JSON with the endpoint, start URL, region and admin credentials here once listening.',
    },
  },
  parse: (args) => {
    const v = args.values
    const portText = (v.port as string | undefined) ?? '8080'
    const port = Number(portText)
    if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`argument --port: invalid port: '${portText}'`)
    return {
      port,
      host: (v.host as string | undefined) ?? '127.0.0.1',
      dataDir: v.data as string | undefined,
      orgFile: v.org as string | undefined,
      demo: v.demo === true,
      strictRefreshRotation: v['strict-refresh-rotation'] === true,
      deviceUrlWithoutCode: v['device-url-without-code'] === true,
      generateOrg: parseAccountCount(v['generate-org'] as string | undefined),
      noThrottle: v['no-throttle'] === true,
      throttle: (v.throttle as string[] | undefined) ?? [],
      faults: (v.fault as string[] | undefined) ?? [],
      smtp: v.smtp as string | undefined,
      logFile: v['log-file'] as string | undefined,
      readyFile: v['ready-file'] as string | undefined,
    }
  },
  run: runServer,
})
