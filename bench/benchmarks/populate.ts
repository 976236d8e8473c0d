/**
 * Benchmark 9: `idc sso populate` over 1,000 accounts against a server that throttles as AWS does
 * (`idc server --demo --generate-org 1000`, default limits: 20 calls a second per user and portal
 * operation). Measured once (it takes about a minute by design — the limit, not idc, sets the pace):
 * wall time, profiles written, and the ListAccounts / ListAccountRoles calls the server answered
 * and throttled.
 *
 * @module
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { createAwsHome, DEMO, processEnv, removeAwsHome, SESSION, writeToken } from '../lib/aws-home.js'
import type { BenchContext } from '../lib/context.js'
import { parsePrometheus, startIdcServer } from '../lib/idc-server.js'
import { describeFailure, runProcess } from '../lib/process.js'
import { ms, table, type Section } from '../lib/report.js'
import { obtainToken } from '../lib/sign-in.js'

const ACCOUNTS = 1000
/** The generated organisation gives its user `dev` one role per account and one more in every fourth. */
const EXPECTED_PROFILES = ACCOUNTS + Math.ceil(ACCOUNTS / 4)

async function counts(url: string): Promise<Record<string, number>> {
  const samples = parsePrometheus(await (await fetch(`${url}/_idc/metrics`)).text())
  const out: Record<string, number> = {}
  for (const s of samples) {
    if (s.name !== 'idc_requests_total') continue
    const key = `${s.labels.operation} ${s.labels.outcome}`
    out[key] = (out[key] ?? 0) + s.value
  }
  return out
}

/** Runs benchmark 9. */
export async function runPopulate(context: BenchContext): Promise<Section> {
  const title = `idc sso populate, ${ACCOUNTS.toLocaleString('en')} accounts, server throttling on`
  const server = await startIdcServer({
    idcBin: context.idcBin,
    throttle: true,
    extraArgs: ['--generate-org', String(ACCOUNTS)],
    timeoutMs: 120_000,
  })
  const home = createAwsHome(
    [`[sso-session ${SESSION}]`, `sso_start_url = ${DEMO.startUrl}`, `sso_region = ${DEMO.region}`, ''].join('\n'),
  )
  try {
    writeToken(home, await obtainToken(server.url, { username: 'dev', password: 'Dev-pass-123456' }))
    const env = processEnv(home, { AWS_ENDPOINT_URL: server.url })
    const start = performance.now()
    const result = await runProcess(
      { command: process.execPath, args: [context.idcBin, 'sso', 'populate', '--sso-session', SESSION], env },
      600_000,
    )
    const wallMs = performance.now() - start
    const profiles = (readFileSync(home.configPath, 'utf8').match(/^# idc sso populate: generated/gm) ?? []).length
    const c = await counts(server.url)
    const row = (op: string) => [op, String(c[`${op} success`] ?? 0), String(c[`${op} TooManyRequestsException`] ?? 0)]
    context.log(`  populate: ${ms(wallMs)}, ${profiles} profiles, exit ${result.code}`)
    const ok = result.code === 0 && profiles === EXPECTED_PROFILES
    const body = [
      `\`idc server --demo --generate-org ${ACCOUNTS}\` with its default limits; one sign-in as \`dev\` (device flow over HTTP),`,
      "`idc sso populate --sso-session bench` once. Calls are the server's `idc_requests_total` counters.",
      '',
      table(
        ['Wall time', 'Profiles written', 'Exit status'],
        [[ms(wallMs), `${profiles}/${EXPECTED_PROFILES}`, String(result.code)]],
      ),
      '',
      table(['Operation', 'Answered', 'Throttled (429)'], [row('ListAccounts'), row('ListAccountRoles')]),
      result.code === 0 ? '' : `\nFailure: \`${describeFailure(result)}\`\n`,
    ].join('\n')
    const detail = `${profiles}/${EXPECTED_PROFILES} profiles in ${ms(wallMs)}, ${c['ListAccountRoles TooManyRequestsException'] ?? 0} throttled`
    return {
      id: 9,
      title,
      body,
      goals: [
        { goal: `populate ${ACCOUNTS} accounts under AWS-like throttling: every profile, no error`, met: ok, detail },
      ],
      headlines: [`populate: ${detail}`],
      raw: { wallMs, profiles, counts: c, code: result.code },
    }
  } finally {
    removeAwsHome(home)
    await server.stop()
  }
}
