/**
 * What `idc doctor` reports: findings at four levels, and the profile's values with where each
 * came from.
 *
 * @module
 */

/**
 * - `ok`: checked and fine
 * - `info`: worth knowing, nothing wrong (an endpoint override in effect)
 * - `warning`: works today but will surprise someone (a loose file mode, a line the AWS CLI reads
 *   differently, a sign-in that is needed)
 * - `problem`: something will fail (a file that does not parse, a missing program)
 */
export type FindingLevel = 'ok' | 'info' | 'warning' | 'problem'

/** One line of the checklist. */
export interface DoctorFinding {
  level: FindingLevel
  /** A stable identifier of the check, for scripts (`file-mode`, `divergence:inline-comment`, …). */
  check: string
  message: string
  file?: string | undefined
  line?: number | undefined
  /** A command or edit that fixes it. */
  fix?: string | undefined
}

/** One value of the profile (or its sso-session or services section) and its origin. */
export interface DoctorValue {
  key: string
  /** As written; secrets are masked. */
  value: string
  /** The section it is written in, e.g. `profile dev` or `sso-session corp`. */
  section?: string | undefined
  file?: string | undefined
  line?: number | undefined
  /** The environment variable or flag that replaces it, e.g. `AWS_REGION=eu-west-1`. */
  overriddenBy?: string | undefined
}
