/**
 * `idc doctor`: explains, for a person, how a profile resolves and what will go wrong before it
 * does (see `core/doctor/diagnose-profile.ts` for the checks). A checklist on a terminal, JSON
 * (`--json`, `--output`, `--query`) for scripts. Exit codes: 0 nothing wrong, 5 warnings only,
 * 6 problems that will make something fail.
 *
 * @module
 */
import { diagnoseProfile, type DoctorReport } from '../../core/doctor/diagnose-profile.js'
import type { DoctorFinding, FindingLevel } from '../../core/doctor/findings.js'
import type { CliEnv } from '../cli-env.js'
import { defineCommand } from '../command.js'
import { DOCTOR_EXIT_CODES } from '../exit-codes.js'
import type { GlobalOptions } from '../globals.js'
import { printResult } from '../output/print.js'

/** Options of `idc doctor`. */
export interface DoctorOptions {
  json: boolean
  globals: GlobalOptions
}

/** Diagnoses the profile, prints the report and returns the exit code. */
export async function runDoctor(options: DoctorOptions, env: CliEnv): Promise<number> {
  const { globals } = options
  const report = await diagnoseProfile(env, {
    profile: globals.profile,
    region: globals.region,
    endpointUrl: globals.endpointUrl,
  })
  if (options.json || globals.output !== undefined || globals.query !== undefined) {
    await printResult(report, { env, globals: options.json ? { ...globals, output: 'json' } : globals })
  } else {
    env.stdout.write(formatDoctorReport(report))
  }
  return doctorExitCode(report.findings)
}

/** 0 when nothing is wrong, 5 for warnings only, 6 when there is a problem. */
export function doctorExitCode(findings: readonly DoctorFinding[]): number {
  if (findings.some((f) => f.level === 'problem')) return DOCTOR_EXIT_CODES.problems
  if (findings.some((f) => f.level === 'warning')) return DOCTOR_EXIT_CODES.warnings
  return DOCTOR_EXIT_CODES.ok
}

const MARKS: Record<FindingLevel, string> = { ok: '✓', info: 'i', warning: '!', problem: '✗' }

/** The terminal checklist. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines = [
    `Profile ${report.profile} (${report.profileFrom === 'default' ? 'the default' : `from ${report.profileFrom}`})`,
    '',
  ]
  if (report.values.length > 0) {
    lines.push('Values')
    const width = Math.max(...report.values.map((v) => v.key.length))
    const valueWidth = Math.max(...report.values.map((v) => v.value.length))
    for (const value of report.values) {
      const where = value.file ? `  ${value.file}:${value.line} [${value.section}]` : ''
      const override = value.overriddenBy ? `  (overridden by ${value.overriddenBy})` : ''
      lines.push(`  ${value.key.padEnd(width)}  ${value.value.padEnd(valueWidth)}${where}${override}`.trimEnd())
    }
    lines.push('')
  }
  lines.push('Checks')
  for (const finding of report.findings) {
    const where = finding.file ? ` (${finding.file}${finding.line ? `:${finding.line}` : ''})` : ''
    lines.push(`  ${MARKS[finding.level]} ${finding.message}${where}`)
    if (finding.fix && finding.level !== 'ok') lines.push(`      fix: ${finding.fix}`)
  }
  const count = (level: FindingLevel) => report.findings.filter((f) => f.level === level).length
  const problems = count('problem')
  const warnings = count('warning')
  lines.push(
    '',
    problems + warnings === 0
      ? 'No problems found.'
      : `${problems} problem${problems === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`,
  )
  return `${lines.join('\n')}\n`
}

export const command = defineCommand<DoctorOptions>({
  name: 'doctor',
  summary: 'Explain how a profile resolves and what will go wrong before it does.',
  description: [
    'Checks the profile in use (--profile, AWS_PROFILE or default) without calling AWS: every value with the file and line it comes from and the environment variable or flag that overrides it; which credential source wins and why, and settings it silently shadows; whether credentials can be had now or a sign-in is needed; lines that the AWS CLI reads differently from the SDKs and idc (inline comments, duplicate sections, `key : value`, invalid names); shared files that other users may read or that someone else owns; a credential_process program that does not exist; a legacy SSO profile that could move to an [sso-session]; endpoint overrides in effect; a missing region.',
    'Exit status: 0 when nothing is wrong, 5 when there are warnings only, 6 when something will fail.',
  ].join('\n\n'),
  examples: [
    'idc doctor',
    'idc doctor --profile dev',
    'idc doctor --profile dev --json',
    'idc doctor --query "findings[?level==\'problem\']"',
  ],
  options: {
    json: { type: 'boolean', description: 'Print the report as JSON for scripts (the same as --output json).' },
  },
  parse: (args, { globals }) => ({ globals, json: args.values.json === true }),
  run: runDoctor,
})
