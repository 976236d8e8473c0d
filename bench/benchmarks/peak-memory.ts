/**
 * Benchmark 6: peak memory (maximum resident set size, from GNU time's `%M`) of the warm path,
 * against `node -e 0` and AWS CLI v2 on the same files.
 *
 * @module
 */
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  createAwsHome,
  processEnv,
  removeAwsHome,
  syntheticCredentials,
  syntheticToken,
  writeRoleCache,
  writeToken,
} from '../lib/aws-home.js'
import { awsV2Contender, endpointEnv, floorContender, idcContender, jsSdkContender } from '../lib/contenders.js'
import { pick, type BenchContext } from '../lib/context.js'
import { measureInterleaved, type Contender } from '../lib/harness.js'
import type { RunResult } from '../lib/process.js'
import { failureNotes, med, mib, range, ratio, table, type GoalResult, type Section } from '../lib/report.js'

function underGnuTime(context: BenchContext, contender: Contender, outFile: string): Contender {
  const inner = contender.validate
  return {
    ...contender,
    spec: {
      ...contender.spec,
      command: context.tools.gnuTime as string,
      args: ['-f', '%M', '-o', outFile, contender.spec.command, ...contender.spec.args],
    },
    prepare: () => rmSync(outFile, { force: true }),
    validate: (result: RunResult) => inner?.(result),
    metric: () => Number(readFileSync(outFile, 'utf8').trim().split('\n').pop()),
  }
}

/** Runs benchmark 6. */
export async function runPeakMemory(context: BenchContext): Promise<Section> {
  const home = createAwsHome()
  try {
    writeToken(home, context.token ?? syntheticToken(60 * 60_000))
    writeRoleCache(home, syntheticCredentials(2 * 60 * 60_000))
    const env = processEnv(home, endpointEnv(context))
    const plain: Contender[] = [
      floorContender({ env }),
      idcContender(context, { env }),
      awsV2Contender(context, { env }),
    ]
    if (context.server && context.token) plain.push(jsSdkContender(context, 'sso', { env }))
    const contenders = plain.map((c) => underGnuTime(context, c, join(home.home, `rss-${c.id}.txt`)))
    const measurements = await measureInterleaved(contenders, {
      warmups: 1,
      runs: pick(context, 12, 3),
      budgetMs: context.budgetMs,
      log: context.log,
    })
    const floor = med(measurements.find((m) => m.id === 'floor'))
    const idc = med(measurements.find((m) => m.id === 'idc'))
    const aws = med(measurements.find((m) => m.id === 'aws-v2'))
    const rows = measurements.map((m) => [
      m.label,
      mib(med(m)),
      range(m.summary, (v) => mib(v)),
      String(m.summary?.n ?? 0),
      med(m) !== undefined && floor !== undefined ? ratio((med(m) as number) / floor) : '–',
      med(m) !== undefined && idc !== undefined ? ratio((med(m) as number) / idc) : '–',
    ])
    const goals: GoalResult[] = []
    const body = [
      'Maximum resident set size of the whole process (GNU `time -f %M`), same HOME and cached credentials as benchmark 1, runs interleaved.',
      '',
      table(['Program', 'Peak RSS (median)', 'Min – max', 'n', '× floor', '× idc'], rows),
      failureNotes(measurements),
    ].join('\n')
    return {
      id: 6,
      title: 'Peak memory of the warm path',
      body,
      goals,
      headlines: [
        `peak RSS: idc ${mib(idc)} = ${ratio(idc !== undefined && floor !== undefined ? idc / floor : undefined)} node -e 0 (${mib(floor)}); AWS CLI v2 ${mib(aws)} = ${ratio(aws !== undefined && idc !== undefined ? aws / idc : undefined)} idc`,
      ],
      raw: measurements,
    }
  } finally {
    removeAwsHome(home)
  }
}
