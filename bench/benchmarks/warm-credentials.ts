/**
 * Benchmark 1: warm credentials. Valid role credentials are cached in ~/.aws/cli/cache, so idc and
 * AWS CLI v2 only read files; the JS SDK has no role-credential cache and always calls
 * GetRoleCredentials (here on the local idc server, the cheapest possible round trip).
 *
 * @module
 */
import {
  createAwsHome,
  processEnv,
  removeAwsHome,
  syntheticCredentials,
  syntheticToken,
  writeRoleCache,
  writeToken,
} from '../lib/aws-home.js'
import {
  awsV2Contender,
  endpointEnv,
  floorContender,
  idcContender,
  idcStartupContender,
  jsSdkContender,
} from '../lib/contenders.js'
import { pick, type BenchContext } from '../lib/context.js'
import { measureInterleaved, type Contender, type Measurement } from '../lib/harness.js'
import { failureNotes, med, ms, range, ratio, table, type GoalResult, type Section } from '../lib/report.js'

/** Renders interleaved timings with ratios against the floor and idc. */
export function timingTable(measurements: readonly Measurement[], floorId: string, idcId: string): string {
  const floor = med(measurements.find((m) => m.id === floorId))
  const idc = med(measurements.find((m) => m.id === idcId))
  const rows = measurements.map((m) => {
    const median = med(m)
    return [
      m.label,
      median === undefined ? 'failed' : ms(median),
      range(m.summary),
      String(m.summary?.n ?? 0),
      median !== undefined && floor !== undefined ? ratio(median / floor) : '–',
      median !== undefined && idc !== undefined ? (m.id === idcId ? '1.00×' : ratio(median / idc)) : '–',
    ]
  })
  return table(['Program', 'Median', 'Min – max', 'n', '× floor', '× idc'], rows)
}

/** Runs benchmark 1. */
export async function runWarmCredentials(context: BenchContext): Promise<Section> {
  const home = createAwsHome()
  try {
    // Real token when a server is up (the JS SDK needs it); the CLIs never read it on this path.
    writeToken(home, context.token ?? syntheticToken(60 * 60_000))
    writeRoleCache(home, syntheticCredentials(2 * 60 * 60_000))
    const env = processEnv(home, endpointEnv(context))
    const contenders: Contender[] = [
      floorContender({ env }),
      idcStartupContender(context, { env }),
      idcContender(context, { env }),
      awsV2Contender(context, { env }),
    ]
    if (context.server && context.token) {
      contenders.push(jsSdkContender(context, 'sso', { env }), jsSdkContender(context, 'ini', { env }))
    }
    const measurements = await measureInterleaved(contenders, {
      warmups: pick(context, 3, 1),
      runs: pick(context, 40, 6),
      budgetMs: context.budgetMs,
      log: context.log,
    })
    const floor = med(measurements.find((m) => m.id === 'floor'))
    const idc = med(measurements.find((m) => m.id === 'idc'))
    const aws = med(measurements.find((m) => m.id === 'aws-v2'))
    const vsFloor = idc !== undefined && floor !== undefined ? idc / floor : undefined
    const awsOverIdc = idc !== undefined && aws !== undefined ? aws / idc : undefined
    const goals: GoalResult[] = [
      {
        goal: 'Warm path ≤ 1.25× `node -e 0`',
        met: vsFloor === undefined ? undefined : vsFloor <= 1.25,
        detail:
          vsFloor === undefined
            ? 'idc or the floor did not run'
            : `${ratio(vsFloor)} (idc ${ms(idc)}, floor ${ms(floor)}, +${ms((idc as number) - (floor as number))})`,
      },
      {
        goal: 'Warm path ≥ 6× faster than AWS CLI v2',
        met: awsOverIdc === undefined ? undefined : awsOverIdc >= 6,
        detail:
          awsOverIdc === undefined
            ? 'idc or AWS CLI v2 did not run'
            : `${ratio(awsOverIdc)} faster (AWS CLI v2 ${ms(aws)})`,
      },
    ]
    const js = med(measurements.find((m) => m.id === 'js-sso'))
    const headlines = [
      `warm: idc ${ms(idc)} = ${ratio(vsFloor)} the floor (${ms(floor)}); AWS CLI v2 ${ms(aws)} = ${ratio(awsOverIdc)} idc` +
        (js !== undefined && idc !== undefined ? `; JS SDK fromSSO ${ms(js)} = ${ratio(js / idc)} idc` : ''),
    ]
    const noServer = context.server
      ? ''
      : `\nThe JS SDK rows are missing because the idc server could not be started (${context.serverProblem ?? 'unknown reason'}).\n`
    const body = [
      'One HOME, seeded with a valid SSO token and valid cached role credentials (`~/.aws/cli/cache/<sha1>.json`, two hours left).',
      'All programs print the same `credential_process` JSON for profile `bench`. The JS SDK caches no role credentials on disk,',
      'so its scripts make one GetRoleCredentials call to the local idc server on every run; that is its warm path.',
      '`idc --version` is not a peer: it is the start-up every other idc command pays (the entry point, the split ES-module build',
      'and the command runner) without credential work. `configure export-credentials` skips it: the entry point runs a',
      'one-file CommonJS build compiled with its V8 code cache.',
      '',
      timingTable(measurements, 'floor', 'idc'),
      failureNotes(measurements),
      noServer,
    ].join('\n')
    return {
      id: 1,
      title: 'Warm credentials (`credential_process` with cached role credentials)',
      body,
      goals,
      headlines,
      raw: measurements,
    }
  } finally {
    removeAwsHome(home)
  }
}
