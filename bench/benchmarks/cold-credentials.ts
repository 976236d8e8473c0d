/**
 * Benchmark 2: cold credentials. A valid SSO token (well outside any refresh window) and no cached
 * role credentials: every run reads the token, calls GetRoleCredentials on the idc server and, for
 * idc and AWS CLI v2, writes the role-credential cache (deleted again before the next run).
 *
 * @module
 */
import { clearRoleCache, createAwsHome, processEnv, removeAwsHome, writeToken } from '../lib/aws-home.js'
import { awsV2Contender, endpointEnv, floorContender, idcContender, jsSdkContender } from '../lib/contenders.js'
import { pick, type BenchContext } from '../lib/context.js'
import { measureInterleaved, type Contender } from '../lib/harness.js'
import { failureNotes, med, ms, ratio, type Section } from '../lib/report.js'
import { timingTable } from './warm-credentials.js'

/** Runs benchmark 2. */
export async function runColdCredentials(context: BenchContext): Promise<Section> {
  if (!context.server || !context.token) {
    return {
      id: 2,
      title: 'Cold credentials (token cached, no role credentials)',
      body: `Not measured: it needs the idc server and a token from it (${context.serverProblem ?? 'no token'}).\n`,
      goals: [],
      headlines: ['cold: not measured'],
      raw: null,
    }
  }
  const home = createAwsHome()
  try {
    writeToken(home, context.token)
    const env = processEnv(home, endpointEnv(context))
    const cold = (c: Contender): Contender => ({ ...c, prepare: () => clearRoleCache(home) })
    const contenders: Contender[] = [
      floorContender({ env }),
      cold(idcContender(context, { env })),
      cold(awsV2Contender(context, { env })),
      jsSdkContender(context, 'sso', { env }),
    ]
    const measurements = await measureInterleaved(contenders, {
      warmups: pick(context, 2, 1),
      runs: pick(context, 20, 4),
      budgetMs: context.budgetMs,
      log: context.log,
    })
    const idc = med(measurements.find((m) => m.id === 'idc'))
    const aws = med(measurements.find((m) => m.id === 'aws-v2'))
    const js = med(measurements.find((m) => m.id === 'js-sso'))
    const body = [
      'One HOME with a valid token (more than 15 minutes left, so nobody refreshes) and an empty `~/.aws/cli/cache`;',
      'the role-credential cache file is deleted (untimed) before every idc and AWS CLI v2 run. `AWS_ENDPOINT_URL` points every',
      'client at `idc server --demo` on loopback, so the network part is a sub-millisecond local round trip, far below real AWS.',
      '',
      timingTable(measurements, 'floor', 'idc'),
      failureNotes(measurements),
    ].join('\n')
    return {
      id: 2,
      title: 'Cold credentials (token cached, no role credentials)',
      body,
      goals: [],
      headlines: [
        `cold: idc ${ms(idc)}; AWS CLI v2 ${ms(aws)} = ${ratio(aws !== undefined && idc !== undefined ? aws / idc : undefined)} idc; JS SDK ${ms(js)} = ${ratio(js !== undefined && idc !== undefined ? js / idc : undefined)} idc`,
      ],
      raw: measurements,
    }
  } finally {
    removeAwsHome(home)
  }
}
