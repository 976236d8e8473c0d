/**
 * The pure half of `idc sso populate`: profile names from a template, collisions, and the edits
 * that make the config file hold one `[profile]` per account and role of an sso-session.
 *
 * Profiles idc writes carry a marker comment under their header (`# idc sso populate: generated
 * for sso-session NAME …`). Only marked profiles of the same session are ever updated or pruned;
 * every other section, comment and blank line stays as it is, and a rerun with nothing new
 * changes no byte (the config writer leaves a key alone when its value is already right).
 *
 * @module
 */
import type { SectionUpdate } from '../config/config-writer.js'
import { sectionText } from '../config/config-value.js'
import { parseSharedConfigFile } from '../config/parse-config-file.js'

/** One account and role the user may use. */
export interface Assignment {
  accountId: string
  accountName?: string | undefined
  roleName: string
}

/** The default name template: `{account_name}.{role_name}` (as aws-sso-util and Granted do). */
export const DEFAULT_PROFILE_TEMPLATE = '{account_name}.{role_name}'

const PLACEHOLDERS = ['account_id', 'account_name', 'role_name', 'session'] as const

const MARKER_PREFIX = 'idc sso populate: generated for sso-session '

/** The marker comment of a generated profile (without `# `). */
export function generatedMarker(sessionName: string): string {
  return `${MARKER_PREFIX}${sessionName} (a rerun updates it; --prune removes it when the role is gone)`
}

/** Checks a template: known placeholders only, and at least one of them. */
export function checkProfileTemplate(template: string): string | undefined {
  const used = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!)
  const unknown = used.find((name) => !(PLACEHOLDERS as readonly string[]).includes(name))
  if (unknown !== undefined)
    return `Unknown placeholder {${unknown}} in the profile template (use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`
  if (used.length === 0)
    return 'The profile template must use at least one placeholder, e.g. {account_name}.{role_name}'
  return undefined
}

/**
 * A name safe in a `[profile NAME]` header and on a command line: letters, digits and `._-`, every
 * other run of characters becomes one `-`, and leading/trailing `-` go.
 */
export function safeProfileName(raw: string): string {
  return raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|-+$/g, '')
}

/** Fills the template for one assignment (a missing account name falls back to the account id). */
export function formatProfileName(template: string, a: Assignment, sessionName: string): string {
  const values: Record<string, string> = {
    account_id: a.accountId,
    account_name: a.accountName || a.accountId,
    role_name: a.roleName,
    session: sessionName,
  }
  return safeProfileName(template.replace(/\{([a-z_]+)\}/g, (_, name: string) => values[name] ?? ''))
}

/**
 * Names every assignment, in the order of account id then role name so the result never depends on
 * the order the API answered in. A name already taken — by a hand-written profile or an earlier
 * assignment — gets `-ACCOUNT_ID`, then `-2`, `-3`… until it is free.
 */
export function nameAssignments(
  assignments: readonly Assignment[],
  options: { template: string; sessionName: string; reserved: ReadonlySet<string> },
): Map<string, Assignment> {
  const sorted = [...assignments].sort((x, y) => compare(x.accountId, y.accountId) || compare(x.roleName, y.roleName))
  const taken = new Set(options.reserved)
  const named = new Map<string, Assignment>()
  for (const a of sorted) {
    const base = formatProfileName(options.template, a, options.sessionName) || a.accountId
    let name = base
    if (taken.has(name)) name = `${base}-${a.accountId}`
    for (let n = 2; taken.has(name); n++) name = `${base}-${a.accountId}-${n}`
    taken.add(name)
    named.set(name, a)
  }
  return named
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0
}

/** The profiles of the config text that carry the marker of `sessionName`. */
export function findGeneratedProfiles(text: string, sessionName: string): Set<string> {
  const found = new Set<string>()
  const lines = text.split(/\r?\n/)
  const marker = `# ${MARKER_PREFIX}${sessionName} `
  for (let i = 0; i + 1 < lines.length; i++) {
    const header = /^\[\s*profile\s+([A-Za-z0-9._-]+)\s*\]/.exec(lines[i]!)
    if (header && lines[i + 1]!.startsWith(marker)) found.add(header[1]!)
  }
  return found
}

/** What populate changes. */
export interface PopulatePlan {
  updates: SectionUpdate[]
  added: string[]
  updated: string[]
  removed: string[]
  /** Generated profiles whose role is gone, kept because `--prune` was not given. */
  stale: string[]
  /** Every profile for the current assignments, by name. */
  profiles: Map<string, Assignment>
}

/** Options of {@link planPopulate}. */
export interface PlanPopulateOptions {
  /** The config file as it is now. */
  text: string
  file: string
  sessionName: string
  assignments: readonly Assignment[]
  template: string
  /** `region` to write in each profile; none when undefined. */
  region?: string | undefined
  prune: boolean
}

/** Computes the edits: new and changed generated profiles, and (with `prune`) removals. */
export function planPopulate(options: PlanPopulateOptions): PopulatePlan {
  const config = parseSharedConfigFile(options.text, { kind: 'config', file: options.file })
  const generated = findGeneratedProfiles(options.text, options.sessionName)
  // Every profile not generated for this session is someone else's: its name stays taken.
  const reserved = new Set(Object.keys(config.profiles).filter((name) => !generated.has(name)))
  const profiles = nameAssignments(options.assignments, {
    template: options.template,
    sessionName: options.sessionName,
    reserved,
  })
  const plan: PopulatePlan = { updates: [], added: [], updated: [], removed: [], stale: [], profiles }
  for (const [name, a] of profiles) {
    const set: Record<string, string> = {
      sso_session: options.sessionName,
      sso_account_id: a.accountId,
      sso_role_name: a.roleName,
      ...(options.region ? { region: options.region } : {}),
    }
    const existing = config.profiles[name]
    if (existing && Object.entries(set).every(([k, v]) => sectionText(existing, k) === v)) continue
    ;(existing ? plan.updated : plan.added).push(name)
    plan.updates.push({
      file: options.file,
      section: `profile ${name}`,
      set,
      comment: generatedMarker(options.sessionName),
    })
  }
  const live = new Set(options.assignments.map((a) => `${a.accountId}\0${a.roleName}`))
  for (const name of [...generated].sort()) {
    if (profiles.has(name)) continue
    const section = config.profiles[name]
    const key = `${sectionText(section, 'sso_account_id') ?? ''}\0${sectionText(section, 'sso_role_name') ?? ''}`
    if (live.has(key)) continue
    if (!options.prune) {
      plan.stale.push(name)
      continue
    }
    plan.removed.push(name)
    plan.updates.push({ file: options.file, section: `profile ${name}`, remove: true })
  }
  return plan
}
