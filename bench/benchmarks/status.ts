/**
 * Benchmark 7: `idc status`, which shell prompts run before every prompt. It reads the config, the
 * role-credential cache and the SSO token cache (no network), from the same warm CommonJS build
 * as `configure export-credentials`. Measured side by side with `node -e 0`.
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
  PROFILE,
} from '../lib/aws-home.js'
import { floorContender, idcContender } from '../lib/contenders.js'
import { pick, type BenchContext } from '../lib/context.js'
import { expectSuccess, measureInterleaved, type Contender } from '../lib/harness.js'
import { med, ms, ratio, type GoalResult, type Section } from '../lib/report.js'
import { timingTable } from './warm-credentials.js'

/** The goal: the status median within this factor of `node -e 0`. */
const GOAL = 1.3

/** Runs benchmark 7. */
export async function runStatus(context: BenchContext): Promise<Section> {
  const home = createAwsHome()
  try {
    writeToken(home, syntheticToken(60 * 60_000))
    writeRoleCache(home, syntheticCredentials(2 * 60 * 60_000))
    const env = processEnv(home)
    const status = (id: string, label: string, extra: string[]): Contender => ({
      id,
      label,
      spec: { command: process.execPath, args: [context.idcBin, 'status', '--profile', PROFILE, ...extra], env },
      validate: (result) =>
        expectSuccess(result) ?? (result.stdout.includes('ready') || extra.length > 0 ? undefined : 'not ready'),
    })
    const contenders: Contender[] = [
      floorContender({ env }),
      status('idc-status', 'idc `status`', []),
      status('idc-status-prompt', 'idc `status --prompt`', ['--prompt']),
      // For reference: the warm credential path, from the same build, on the same files.
      idcContender(context, { env }),
    ]
    const measurements = await measureInterleaved(contenders, {
      warmups: pick(context, 3, 1),
      runs: pick(context, 40, 6),
      budgetMs: context.budgetMs,
      log: context.log,
    })
    const floor = med(measurements.find((m) => m.id === 'floor'))
    const idc = med(measurements.find((m) => m.id === 'idc-status'))
    const vsFloor = idc !== undefined && floor !== undefined ? idc / floor : undefined
    const goals: GoalResult[] = [
      {
        goal: `\`idc status\` ≤ ${GOAL}× \`node -e 0\``,
        met: vsFloor === undefined ? undefined : vsFloor <= GOAL,
        detail:
          vsFloor === undefined
            ? 'idc or the floor did not run'
            : `${ratio(vsFloor)} (idc ${ms(idc)}, floor ${ms(floor)}, +${ms((idc as number) - (floor as number))})`,
      },
    ]
    const body = [
      'One HOME with a valid SSO token and valid cached role credentials; `idc status --profile bench` reports them',
      '(source, identity, both expiry times) and `--prompt` prints the one-line prompt segment. Both run from the warm',
      'CommonJS build with its V8 code cache, as `configure export-credentials` does (its row is there for reference).',
      '',
      timingTable(measurements, 'floor', 'idc-status'),
    ].join('\n')
    return {
      id: 7,
      title: '`idc status` (shell prompts)',
      body,
      goals,
      headlines: [`status: idc ${ms(idc)} = ${ratio(vsFloor)} the floor (${ms(floor)})`],
      raw: measurements,
    }
  } finally {
    removeAwsHome(home)
  }
}
