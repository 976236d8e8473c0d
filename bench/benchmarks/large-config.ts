/**
 * Benchmark 4: large config. ~/.aws/config holds 1,000 or 5,000 generated profiles (one
 * sso-session per 10 profiles); the profile resolved is the last one, with valid cached role
 * credentials, so the difference from benchmark 1 is the cost of reading the big file.
 *
 * @module
 */
import { statSync } from 'node:fs'
import {
  createAwsHome,
  generateLargeConfig,
  processEnv,
  removeAwsHome,
  syntheticCredentials,
  syntheticToken,
  writeRoleCache,
  writeToken,
  type AwsHome,
} from '../lib/aws-home.js'
import {
  awsV2Contender,
  endpointEnv,
  floorContender,
  idcContender,
  idcStatusContender,
  jsSdkContender,
} from '../lib/contenders.js'
import { pick, type BenchContext } from '../lib/context.js'
import { measureInterleaved, type Contender } from '../lib/harness.js'
import { failureNotes, med, ms, range, ratio, table, type GoalResult, type Section } from '../lib/report.js'

const SIZES = [1000, 5000] as const
const PROFILES_PER_SESSION = 10
/** The goal (issue #14): with 5,000 profiles, both warm commands within this factor of `node -e 0`. */
const GOAL = 1.5

/** Runs benchmark 4. */
export async function runLargeConfig(context: BenchContext): Promise<Section> {
  const homes: Array<{ size: number; home: AwsHome }> = []
  try {
    const contenders: Contender[] = []
    for (const size of SIZES) {
      const home = createAwsHome(generateLargeConfig({ profiles: size, profilesPerSession: PROFILES_PER_SESSION }))
      homes.push({ size, home })
      writeToken(home, context.token ?? syntheticToken(60 * 60_000))
      writeRoleCache(home, syntheticCredentials(2 * 60 * 60_000))
      const env = processEnv(home, endpointEnv(context))
      const tag = `${size.toLocaleString('en')} profiles`
      if (size === SIZES[0]) contenders.push(floorContender({ env }))
      contenders.push(
        idcContender(context, { env, tag }),
        idcStatusContender(context, { env, tag }),
        awsV2Contender(context, { env, tag }),
      )
      if (context.server && context.token) contenders.push(jsSdkContender(context, 'sso', { env, tag }))
    }
    const measurements = await measureInterleaved(contenders, {
      warmups: pick(context, 2, 1),
      runs: pick(context, 20, 4),
      budgetMs: context.budgetMs,
      log: context.log,
    })
    const floor = med(measurements.find((m) => m.id === 'floor'))
    const rows: string[][] = []
    const headlines: string[] = []
    for (const { size, home } of homes) {
      const tag = `${size.toLocaleString('en')} profiles`
      const get = (id: string) => measurements.find((m) => m.id === `${id}@${tag}`)
      const idc = med(get('idc'))
      for (const id of ['idc', 'idc-status', 'aws-v2', 'js-sso']) {
        const m = get(id)
        if (!m) continue
        const median = med(m)
        rows.push([
          m.label,
          median === undefined ? 'failed' : ms(median),
          range(m.summary),
          String(m.summary?.n ?? 0),
          median !== undefined && floor !== undefined ? ratio(median / floor) : '–',
          median !== undefined && idc !== undefined ? ratio(median / idc) : '–',
        ])
      }
      const aws = med(get('aws-v2'))
      const js = med(get('js-sso'))
      headlines.push(
        `large config ${tag} (${(statSync(home.configPath).size / 1024).toFixed(0)} KiB): idc ${ms(idc)}, AWS CLI v2 ${ms(aws)} = ${ratio(aws !== undefined && idc !== undefined ? aws / idc : undefined)} idc` +
          (js !== undefined && idc !== undefined ? `, JS SDK ${ms(js)} = ${ratio(js / idc)} idc` : ''),
      )
    }
    const largest = `${SIZES[SIZES.length - 1]!.toLocaleString('en')} profiles`
    const goals: GoalResult[] = ['idc', 'idc-status'].map((id) => {
      const median = med(measurements.find((m) => m.id === `${id}@${largest}`))
      const command = id === 'idc' ? '`configure export-credentials`' : '`status`'
      const vsFloor = median !== undefined && floor !== undefined ? median / floor : undefined
      return {
        goal: `${largest}: idc ${command} ≤ ${GOAL}× \`node -e 0\``,
        met: vsFloor === undefined ? undefined : vsFloor <= GOAL,
        detail:
          vsFloor === undefined
            ? 'idc or the floor did not run'
            : `${ratio(vsFloor)} (idc ${ms(median)}, floor ${ms(floor)}, +${ms((median as number) - (floor as number))})`,
      }
    })
    const floorRow = measurements.find((m) => m.id === 'floor')
    if (floorRow)
      rows.unshift([
        floorRow.label,
        ms(med(floorRow)),
        range(floorRow.summary),
        String(floorRow.summary?.n ?? 0),
        '1.00×',
        '–',
      ])
    const sizes = homes.map(
      ({ size, home }) =>
        `${size.toLocaleString('en')} profiles = ${(statSync(home.configPath).size / 1024).toFixed(0)} KiB, ${Math.ceil(size / PROFILES_PER_SESSION)} sso-sessions`,
    )
    const body = [
      `Generated configs (${sizes.join('; ')}) in the shape tools like aws-sso-util write: one \`[profile]\` per account and role,`,
      'each with `sso_session`, `sso_account_id`, `sso_role_name`, `region` and `output`. The profile resolved is the last in the file,',
      'with valid cached role credentials (idc, AWS CLI v2) and a valid token (the JS SDK, which then calls GetRoleCredentials on the local server).',
      '`idc status --profile bench` reads the same files (its rows: the goal covers both warm commands).',
      'All contenders of both sizes ran interleaved in one series; "× idc" compares with idc on the same file.',
      '',
      table(['Program (config size)', 'Median', 'Min – max', 'n', '× floor', '× idc'], rows),
      failureNotes(measurements),
    ].join('\n')
    return { id: 4, title: 'Large config (1,000 and 5,000 profiles)', body, goals, headlines, raw: measurements }
  } finally {
    for (const { home } of homes) removeAwsHome(home)
  }
}
