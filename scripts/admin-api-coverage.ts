// Admin API coverage: reads the operation lists of identitystore, sso-admin and organizations from
// the AWS CLI v2's bundled service models, calls every operation against a fresh `idc server
// --demo` with a minimal input built from the model, and counts an operation as implemented when
// the answer is anything but UnknownOperationException. The minimal inputs carry placeholder ids
// that fail validation, so the calls change nothing.
//
// The calls go through the real AWS CLI v2 (`--client cli`, one process per call: minutes on a
// busy machine) or, by default when python3 has it, through botocore in one python3 process
// loading the same v2 models (seconds).
//
//   node --import tsx scripts/admin-api-coverage.ts          print the table
//   node --import tsx scripts/admin-api-coverage.ts --write  also write it into docs/server.md
//   node --import tsx scripts/admin-api-coverage.ts --check  exit 1 when coverage is below what docs/server.md claims
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import type { ServerInfo } from '../src/server/banner.js'
import { startServerProcess } from '../test/helpers/server-process.js'
import { findAwsV2, REPO_ROOT } from '../test/helpers/tools.js'

const run = promisify(execFile)
const DOCS = join(REPO_ROOT, 'docs', 'server.md')
const START = '<!-- admin-api-coverage:start -->'
const END = '<!-- admin-api-coverage:end -->'

/** The services measured, and for organizations the operations Identity Center tools call. */
export const SERVICES = [
  { name: 'identitystore', scope: undefined },
  { name: 'sso-admin', scope: undefined },
  {
    name: 'organizations',
    scope: [
      'DescribeOrganization',
      'DescribeAccount',
      'ListAccounts',
      'ListRoots',
      'ListOrganizationalUnitsForParent',
      'ListAccountsForParent',
      'ListChildren',
      'ListParents',
    ],
  },
] as const

interface Shape {
  type: string
  members?: Record<string, { shape: string }>
  required?: string[]
  member?: { shape: string }
  enum?: string[]
  min?: number
  union?: boolean
}

/** A botocore service model (the parts this script reads). */
export interface ServiceModel {
  operations: Record<string, { name: string; input?: { shape: string } }>
  shapes: Record<string, Shape>
}

/** One service's result. */
export interface ServiceCoverage {
  service: string
  /** Operations measured (all of the model's, or the scope's). */
  total: number
  implemented: string[]
  missing: string[]
}

/** The model of `service` in the AWS CLI v2 next to `awsBin`. */
export function readModel(awsBin: string, service: string): ServiceModel {
  const dir = join(dirname(awsBin), 'awscli', 'botocore', 'data', service)
  const version = readdirSync(dir).sort().reverse()[0] as string
  return JSON.parse(readFileSync(join(dir, version, 'service-2.json'), 'utf8')) as ServiceModel
}

/** botocore's `xform_name(name, '-')`: `ListGroupMembershipsForMember` → `list-group-memberships-for-member`. */
export function cliName(operation: string): string {
  return operation
    .replace(/(.)([A-Z][a-z]+)/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
}

/** A value of `shapeName` with only its required members, each as small as the model allows. */
export function minimalValue(model: ServiceModel, shapeName: string, depth = 0): unknown {
  const shape = model.shapes[shapeName] as Shape
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {}
      const members = Object.entries(shape.members ?? {})
      const chosen = shape.union ? members.slice(0, 1) : members.filter(([name]) => shape.required?.includes(name))
      for (const [name, member] of chosen) out[name] = minimalValue(model, member.shape, depth + 1)
      return out
    }
    case 'list':
      return depth > 5
        ? []
        : Array.from({ length: Math.max(shape.min ?? 0, 1) }, () =>
            minimalValue(model, shape.member?.shape as string, depth + 1),
          )
    case 'map':
      return {}
    case 'string':
      return shape.enum?.[0] ?? 'x'.repeat(Math.max(shape.min ?? 0, 1))
    case 'integer':
    case 'long':
      return Math.max(shape.min ?? 1, 1)
    case 'boolean':
      return true
    case 'timestamp':
      return 0
    default:
      return {}
  }
}

/** The error code in an AWS CLI error message, `An error occurred (Code) when calling …`. */
export function errorCode(stderr: string): string | undefined {
  return /An error occurred \(([^)]+)\)/.exec(stderr)?.[1]
}

async function pool<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++
        results[i] = await fn(items[i] as T)
      }
    }),
  )
  return results
}

/** One call to make: the service, the operation and its input. */
interface Call {
  service: string
  operation: string
  input: unknown
}

/** What a call got: success, an AWS error code, or no AWS answer at all (`problem`). */
interface Outcome {
  ok?: boolean
  code?: string
  problem?: string
}

/** How the calls are made. */
export type CoverageClient = 'cli' | 'botocore'

// botocore reading the AWS CLI v2's models first (`search_paths`), one client per service. A
// hand-written loop because no tool sends a list of calls through botocore and reports each code.
const BOTOCORE_RUNNER = `
import json, sys, botocore, botocore.session, botocore.config, botocore.exceptions
data_dir, endpoint, region, key, secret = sys.argv[1:6]
session = botocore.session.get_session()
session.get_component('data_loader').search_paths.insert(0, data_dir)
config = botocore.config.Config(retries={'max_attempts': 1}, read_timeout=60, parameter_validation=False)
clients = {}
for line in sys.stdin:
    call = json.loads(line)
    service = call['service']
    if service not in clients:
        clients[service] = session.create_client(service, region_name=region, endpoint_url=endpoint,
            aws_access_key_id=key, aws_secret_access_key=secret, config=config)
    try:
        getattr(clients[service], botocore.xform_name(call['operation']))(**call['input'])
        out = {'ok': True}
    except botocore.exceptions.ClientError as e:
        out = {'code': e.response.get('Error', {}).get('Code', '')}
    except Exception as e:
        out = {'problem': type(e).__name__ + ': ' + str(e)}
    print(json.dumps(out), flush=True)
`

/** True when python3 can import botocore. */
export async function hasBotocore(): Promise<boolean> {
  try {
    await run('python3', ['-c', 'import botocore'])
    return true
  } catch {
    return false
  }
}

function callWithBotocore(awsBin: string, server: ServerInfo, calls: readonly Call[]): Promise<Outcome[]> {
  const dataDir = join(dirname(awsBin), 'awscli', 'botocore', 'data')
  const args = [
    '-c',
    BOTOCORE_RUNNER,
    dataDir,
    server.endpoint,
    server.region,
    server.adminAccessKeyId,
    server.adminSecretAccessKey,
  ]
  return new Promise((resolve, reject) => {
    const child = spawn('python3', args, { stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const lines = out.trim().split('\n').filter(Boolean)
      if (code !== 0 || lines.length !== calls.length) reject(new Error(`botocore runner failed (${code}): ${err}`))
      else resolve(lines.map((l) => JSON.parse(l) as Outcome))
    })
    child.stdin.end(calls.map((c) => JSON.stringify(c)).join('\n') + '\n')
  })
}

async function callWithCli(awsBin: string, server: ServerInfo, calls: readonly Call[]): Promise<Outcome[]> {
  const home = mkdtempSync(join(tmpdir(), 'idc-coverage-home-'))
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' }
  Object.assign(env, {
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_ACCESS_KEY_ID: server.adminAccessKeyId,
    AWS_SECRET_ACCESS_KEY: server.adminSecretAccessKey,
    AWS_REGION: server.region,
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  })
  try {
    return await pool(calls, 4, async (call): Promise<Outcome> => {
      const args = [
        call.service,
        cliName(call.operation),
        '--cli-input-json',
        JSON.stringify(call.input),
        '--no-paginate',
      ]
      try {
        await run(awsBin, args, { env, timeout: 120_000 })
        return { ok: true }
      } catch (error) {
        const stderr = String((error as { stderr?: unknown }).stderr ?? '')
        const code = errorCode(stderr)
        return code === undefined ? { problem: stderr.trim().split('\n').pop() ?? 'no output' } : { code }
      }
    })
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

/** Calls every operation against a fresh demo server. */
export async function measureCoverage(awsBin: string, client: CoverageClient): Promise<ServiceCoverage[]> {
  const server = await startServerProcess({ demo: true })
  try {
    const plan = SERVICES.map(({ name, scope }) => {
      const model = readModel(awsBin, name)
      const operations = [...(scope ?? Object.keys(model.operations))].sort()
      return { name, operations, model }
    })
    const calls: Call[] = plan.flatMap(({ name, operations, model }) =>
      operations.map((operation) => {
        const shape = model.operations[operation]?.input?.shape
        return { service: name, operation, input: shape ? minimalValue(model, shape) : {} }
      }),
    )
    const outcomes =
      client === 'botocore' ? await callWithBotocore(awsBin, server, calls) : await callWithCli(awsBin, server, calls)
    const problems = calls.map((c, i) => ({ ...c, ...outcomes[i] })).filter((o) => o.problem !== undefined)
    if (problems.length > 0)
      throw new Error(
        `Calls that got no AWS answer:\n${problems.map((p) => `  ${p.service} ${p.operation}: ${p.problem}`).join('\n')}`,
      )
    let i = 0
    return plan.map(({ name, operations }) => {
      const implemented: string[] = []
      const missing: string[] = []
      for (const operation of operations) {
        const outcome = outcomes[i++] as Outcome
        if (outcome.ok || outcome.code !== 'UnknownOperationException') implemented.push(operation)
        else missing.push(operation)
      }
      return { service: name, total: operations.length, implemented, missing }
    })
  } finally {
    await server.stop()
  }
}

/** The Markdown table written between the markers in docs/server.md. */
export function formatCoverage(results: readonly ServiceCoverage[]): string {
  const rows = results.map((r) => {
    const scope = SERVICES.find((s) => s.name === r.service)?.scope
    const label = scope ? `${r.service} (the operations Identity Center tools call)` : r.service
    const missing = r.missing.length ? r.missing.join(', ') : '—'
    return `| ${label} | ${r.implemented.length} / ${r.total} | ${missing} |`
  })
  return ['| Service | Implemented | Missing |', '|---|---|---|', ...rows].join('\n')
}

/** The counts docs/server.md claims, by service. */
export function parseClaims(markdown: string): Map<string, { implemented: number; missing: string[] }> {
  const claims = new Map<string, { implemented: number; missing: string[] }>()
  const start = markdown.indexOf(START)
  const end = markdown.indexOf(END)
  if (start < 0 || end < start) return claims
  for (const line of markdown.slice(start, end).split('\n')) {
    const m = /^\| ([\w-]+)[^|]* \| (\d+) \/ \d+ \| (.*) \|$/.exec(line)
    if (!m) continue
    const missing = m[3] === '—' ? [] : (m[3] as string).split(', ')
    claims.set(m[1] as string, { implemented: Number(m[2]), missing })
  }
  return claims
}

/** What falls short of the claims: fewer implemented, or an operation missing that was not. */
export function shortfalls(
  results: readonly ServiceCoverage[],
  claims: ReadonlyMap<string, { implemented: number; missing: string[] }>,
): string[] {
  const out: string[] = []
  for (const r of results) {
    const claim = claims.get(r.service)
    if (!claim) {
      out.push(`${r.service}: docs/server.md has no coverage row`)
      continue
    }
    if (r.implemented.length < claim.implemented)
      out.push(`${r.service}: ${r.implemented.length} implemented, docs/server.md claims ${claim.implemented}`)
    const lost = r.missing.filter((op) => !claim.missing.includes(op))
    if (lost.length) out.push(`${r.service}: no longer implemented: ${lost.join(', ')}`)
  }
  return out
}

async function main(argv: string[]): Promise<number> {
  const aws = findAwsV2()
  if (!aws.path) throw new Error(aws.missing)
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js')))
    await run(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')])
  const cliFlag = argv.indexOf('--client')
  const client: CoverageClient =
    cliFlag >= 0 ? (argv[cliFlag + 1] === 'cli' ? 'cli' : 'botocore') : (await hasBotocore()) ? 'botocore' : 'cli'
  const results = await measureCoverage(aws.path, client)
  const table = formatCoverage(results)
  process.stdout.write(`${table}\n`)
  const docs = readFileSync(DOCS, 'utf8')
  if (argv.includes('--check')) {
    const problems = shortfalls(results, parseClaims(docs))
    for (const p of problems) process.stderr.write(`${p}\n`)
    return problems.length ? 1 : 0
  }
  if (argv.includes('--write')) {
    const start = docs.indexOf(START)
    const end = docs.indexOf(END)
    if (start < 0 || end < start) throw new Error(`docs/server.md lacks the markers ${START} … ${END}`)
    writeFileSync(DOCS, `${docs.slice(0, start + START.length)}\n${table}\n${docs.slice(end)}`)
  }
  return 0
}

if (import.meta.filename === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2))
}
