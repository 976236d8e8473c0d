/**
 * Reads an `--org` file (YAML, or JSON, which is YAML too) into an {@link OrgSpec}, checking every
 * field. Errors name the file, line, column and field path, e.g.
 * `org.yaml:12:7: accounts[1].id: must be 12 digits`. The format is documented in docs/org-file.md.
 *
 * @module
 */
import { LineCounter, isMap, isSeq, parseDocument, type Document } from 'yaml'
import { MANAGED_POLICIES } from './managed-policies.js'
import { parseIsoDuration, type OrgSpec } from './org.js'
import { checkOrgLimits, type LimitsSources } from '../limits/limits.js'
import { parseSmtpUrl, SmtpUrlError } from '../mail/smtp-url.js'

/** The org file's server settings beyond the organisation: throttling and mail delivery. */
export interface OrgServerSettings {
  limits?: LimitsSources['org']
  /** `mail.smtp`: as `idc server --smtp`, which wins over it. */
  mail?: { smtp?: string }
}

/** An invalid org file; `message` names the line and field. */
export class OrgFileError extends Error {
  override readonly name = 'OrgFileError'
}

type Path = (string | number)[]
type Check = (value: unknown, path: Path) => void

function pathText(path: Path): string {
  return (
    path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') ||
    '(top level)'
  )
}

const SCHEMA_KEYS: Record<string, readonly string[]> = {
  root: [
    'instance',
    'accounts',
    'permissionSets',
    'users',
    'groups',
    'assignments',
    'iam',
    'limits',
    'mail',
    'consoleAdmins',
  ],
  mail: ['smtp'],
  consoleAdmin: ['userName', 'password'],
  instance: ['id', 'region', 'startUrl', 'sessionDuration'],
  account: ['id', 'name', 'email', 'buckets', 'rootUser'],
  rootUser: ['email', 'consolePassword', 'mfaDevice'],
  bucket: ['name', 'region', 'createdAt'],
  permissionSet: ['name', 'description', 'sessionDuration', 'managedPolicies', 'inlinePolicy', 'relayState'],
  user: ['userName', 'email', 'givenName', 'familyName', 'displayName', 'password', 'mfa'],
  mfa: ['totpSecret'],
  group: ['name', 'description', 'members'],
  assignment: ['account', 'permissionSet', 'user', 'group'],
  iam: ['users', 'roles'],
  iamUser: ['account', 'userName', 'consolePassword', 'accessKeys', 'mfaDevices', 'managedPolicies', 'inlinePolicies'],
  accessKey: ['accessKeyId', 'secretAccessKey'],
  mfaDevice: ['serialNumber', 'name', 'totpSecret'],
  iamRole: ['account', 'roleName', 'path', 'trustPolicy', 'managedPolicies', 'inlinePolicies', 'maxSessionDuration'],
}

/** Parses and validates an org file's text. */
export function parseOrgFile(text: string, fileName: string): OrgSpec & OrgServerSettings {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!
    const pos = lineCounter.linePos(e.pos[0])
    throw new OrgFileError(`${fileName}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}`)
  }
  const fail = (path: Path, problem: string): never => {
    const pos = locate(doc, lineCounter, path)
    throw new OrgFileError(`${fileName}:${pos}: ${pathText(path)}: ${problem}`)
  }
  const value: unknown = doc.toJS()
  validate(value ?? {}, fail)
  return (value ?? {}) as OrgSpec
}

function locate(doc: Document, lc: LineCounter, path: Path): string {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range
    if (range) {
      const p = lc.linePos(range[0])
      return `${p.line}:${p.col}`
    }
    if (n > 0) {
      // A missing key: point at the map that should hold it.
      const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true)
      if ((isMap(parent) || isSeq(parent)) && parent.range) {
        const p = lc.linePos(parent.range[0])
        return `${p.line}:${p.col}`
      }
    }
  }
  return '1:1'
}

function validate(root: unknown, fail: (path: Path, problem: string) => never): void {
  const obj = (v: unknown, path: Path, keys: readonly string[]): Record<string, unknown> => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) fail(path, 'must be a mapping')
    for (const k of Object.keys(v as object))
      if (!keys.includes(k)) fail([...path, k], `unknown field (expected one of: ${keys.join(', ')})`)
    return v as Record<string, unknown>
  }
  const list = (v: unknown, path: Path, each: Check): void => {
    if (v === undefined) return
    if (!Array.isArray(v)) fail(path, 'must be a list')
    ;(v as unknown[]).forEach((item, i) => each(item, [...path, i]))
  }
  const str = (
    o: Record<string, unknown>,
    key: string,
    path: Path,
    opts: { required?: boolean; pattern?: RegExp; what?: string } = {},
  ): void => {
    const v = o[key]
    if (v === undefined || v === null) {
      if (opts.required) fail([...path, key], 'is required')
      return
    }
    if (typeof v !== 'string' || v === '') fail([...path, key], 'must be a non-empty string')
    if (opts.pattern && !opts.pattern.test(v as string)) fail([...path, key], opts.what ?? `must match ${opts.pattern}`)
  }
  // AWS's range is PT1H-PT12H. A permission set in the file may go down to PT1M, shorter than AWS
  // allows, so tests of long-running work can cross a real credential expiry; the sso-admin API
  // and the console still refuse anything under PT1H.
  const duration = (o: Record<string, unknown>, key: string, path: Path, shortest = 'PT1H'): void => {
    str(o, key, path)
    if (o[key] === undefined) return
    const s = parseIsoDuration(o[key] as string)
    if (s === undefined || s < parseIsoDuration(shortest)! || s > 43200)
      fail([...path, key], `must be an ISO 8601 duration from ${shortest} to PT12H`)
  }
  const policies = (o: Record<string, unknown>, key: string, path: Path): void => {
    list(o[key], [...path, key], (v, p) => {
      if (typeof v !== 'string' || !(v in MANAGED_POLICIES))
        fail(p, `must be an AWS-managed policy name (${Object.keys(MANAGED_POLICIES).join(', ')})`)
    })
  }
  const policyDoc = (v: unknown, path: Path): void => {
    const doc = typeof v === 'string' ? safeJson(v) : v
    if (!doc || typeof doc !== 'object' || !('Statement' in (doc as object)))
      fail(path, 'must be a policy document with a Statement')
  }
  const inline = (o: Record<string, unknown>, key: string, path: Path): void => {
    const v = o[key]
    if (v === undefined) return
    if (!v || typeof v !== 'object' || Array.isArray(v))
      fail([...path, key], 'must map policy names to policy documents')
    for (const [name, d] of Object.entries(v as object)) policyDoc(d, [...path, key, name])
  }
  const TOTP = /^[A-Z2-7]{16,}=*$/
  const r = obj(root, [], SCHEMA_KEYS.root!)
  if (r.limits !== undefined) {
    const problem = checkOrgLimits(r.limits)
    if (problem) fail(['limits', ...problem.path], problem.message)
  }
  if (r.mail !== undefined) {
    const m = obj(r.mail, ['mail'], SCHEMA_KEYS.mail!)
    str(m, 'smtp', ['mail'])
    if (typeof m.smtp === 'string')
      try {
        parseSmtpUrl(m.smtp)
      } catch (error) {
        if (!(error instanceof SmtpUrlError)) throw error
        fail(['mail', 'smtp'], error.message)
      }
  }
  if (r.instance !== undefined) {
    const i = obj(r.instance, ['instance'], SCHEMA_KEYS.instance!)
    str(i, 'id', ['instance'], {
      required: true,
      pattern: /^d-[0-9a-f]{10}$/,
      what: 'must be d- followed by 10 lower-case hex digits',
    })
    str(i, 'region', ['instance'], {
      required: true,
      pattern: /^[a-z]{2}(-[a-z]+)+-\d$/,
      what: 'must be an AWS region such as us-east-1',
    })
    str(i, 'startUrl', ['instance'], { pattern: /^https:\/\//, what: 'must be an https URL' })
    duration(i, 'sessionDuration', ['instance'])
  }
  list(r.accounts, ['accounts'], (v, p) => {
    const a = obj(v, p, SCHEMA_KEYS.account!)
    str(a, 'id', p, { required: true, pattern: /^\d{12}$/, what: 'must be 12 digits (quote it in YAML)' })
    str(a, 'name', p, { required: true })
    str(a, 'email', p, { required: true, pattern: /^[^@\s]+@[^@\s]+$/, what: 'must be an e-mail address' })
    list(a.buckets, [...p, 'buckets'], (b, bp) => {
      if (typeof b === 'string') return
      const bo = obj(b, bp, SCHEMA_KEYS.bucket!)
      str(bo, 'name', bp, {
        required: true,
        pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        what: 'must be a valid S3 bucket name',
      })
      str(bo, 'region', bp)
      str(bo, 'createdAt', bp)
      if (bo.createdAt !== undefined && Number.isNaN(Date.parse(bo.createdAt as string)))
        fail([...bp, 'createdAt'], 'must be an ISO 8601 date')
    })
    if (a.rootUser !== undefined) {
      const rp = [...p, 'rootUser']
      const ru = obj(a.rootUser, rp, SCHEMA_KEYS.rootUser!)
      str(ru, 'email', rp, { required: true, pattern: /^[^@\s]+@[^@\s]+$/, what: 'must be an e-mail address' })
      str(ru, 'consolePassword', rp, { required: true })
      if (ru.mfaDevice !== undefined) {
        const dp = [...rp, 'mfaDevice']
        const d = obj(ru.mfaDevice, dp, SCHEMA_KEYS.mfa!.concat('serialNumber'))
        str(d, 'serialNumber', dp, {
          pattern: /^arn:aws:iam::\d{12}:mfa\/[\w+=,.@/-]+$/,
          what: 'must be an MFA device ARN',
        })
        str(d, 'totpSecret', dp, { required: true, pattern: TOTP, what: 'must be a base32 secret' })
      }
    }
  })
  list(r.permissionSets, ['permissionSets'], (v, p) => {
    const ps = obj(v, p, SCHEMA_KEYS.permissionSet!)
    str(ps, 'name', p, {
      required: true,
      pattern: /^[\w+=,.@-]{1,32}$/,
      what: 'must be 1-32 characters of letters, digits and +=,.@_-',
    })
    str(ps, 'description', p)
    str(ps, 'relayState', p)
    duration(ps, 'sessionDuration', p, 'PT1M')
    policies(ps, 'managedPolicies', p)
    if (ps.inlinePolicy !== undefined) policyDoc(ps.inlinePolicy, [...p, 'inlinePolicy'])
  })
  list(r.users, ['users'], (v, p) => {
    const u = obj(v, p, SCHEMA_KEYS.user!)
    str(u, 'userName', p, { required: true, pattern: /^[\w+=,.@-]{1,128}$/, what: 'must be a valid user name' })
    for (const k of ['email', 'givenName', 'familyName', 'displayName', 'password']) str(u, k, p)
    if (u.mfa !== undefined)
      str(obj(u.mfa, [...p, 'mfa'], SCHEMA_KEYS.mfa!), 'totpSecret', [...p, 'mfa'], {
        required: true,
        pattern: TOTP,
        what: 'must be a base32 secret',
      })
  })
  list(r.groups, ['groups'], (v, p) => {
    const g = obj(v, p, SCHEMA_KEYS.group!)
    str(g, 'name', p, { required: true })
    str(g, 'description', p)
    list(g.members, [...p, 'members'], (m, mp) => {
      if (typeof m !== 'string') fail(mp, 'must be a user name')
    })
  })
  list(r.assignments, ['assignments'], (v, p) => {
    const a = obj(v, p, SCHEMA_KEYS.assignment!)
    str(a, 'account', p, { required: true })
    str(a, 'permissionSet', p, { required: true })
    str(a, 'user', p)
    str(a, 'group', p)
    if ((a.user === undefined) === (a.group === undefined)) fail(p, 'must name exactly one of user or group')
  })
  list(r.consoleAdmins, ['consoleAdmins'], (v, p) => {
    const a = obj(v, p, SCHEMA_KEYS.consoleAdmin!)
    str(a, 'userName', p, { required: true, pattern: /^[\w+=,.@-]{1,64}$/, what: 'must be a valid user name' })
    str(a, 'password', p, { required: true })
  })
  if (r.iam !== undefined) {
    const iam = obj(r.iam, ['iam'], SCHEMA_KEYS.iam!)
    list(iam.users, ['iam', 'users'], (v, p) => {
      const u = obj(v, p, SCHEMA_KEYS.iamUser!)
      str(u, 'account', p, { required: true })
      str(u, 'userName', p, { required: true })
      str(u, 'consolePassword', p)
      list(u.accessKeys, [...p, 'accessKeys'], (k, kp) => {
        const ko = obj(k, kp, SCHEMA_KEYS.accessKey!)
        str(ko, 'accessKeyId', kp, {
          required: true,
          pattern: /^AKIA[A-Z0-9]{16}$/,
          what: 'must be AKIA followed by 16 upper-case letters or digits',
        })
        str(ko, 'secretAccessKey', kp, { required: true })
      })
      list(u.mfaDevices, [...p, 'mfaDevices'], (d, dp) => {
        const dobj = obj(d, dp, SCHEMA_KEYS.mfaDevice!)
        str(dobj, 'serialNumber', dp, {
          pattern: /^arn:aws:iam::\d{12}:mfa\/[\w+=,.@/-]+$/,
          what: 'must be an MFA device ARN',
        })
        str(dobj, 'name', dp)
        str(dobj, 'totpSecret', dp, { required: true, pattern: TOTP, what: 'must be a base32 secret' })
      })
      policies(u, 'managedPolicies', p)
      inline(u, 'inlinePolicies', p)
    })
    list(iam.roles, ['iam', 'roles'], (v, p) => {
      const ro = obj(v, p, SCHEMA_KEYS.iamRole!)
      str(ro, 'account', p, { required: true })
      str(ro, 'roleName', p, { required: true, pattern: /^[\w+=,.@-]{1,64}$/, what: 'must be a valid role name' })
      str(ro, 'path', p, { pattern: /^\/([\w+=,.@-]+\/)*$/, what: 'must start and end with /' })
      if (ro.trustPolicy === undefined) fail([...p, 'trustPolicy'], 'is required')
      policyDoc(ro.trustPolicy, [...p, 'trustPolicy'])
      policies(ro, 'managedPolicies', p)
      inline(ro, 'inlinePolicies', p)
      const m = ro.maxSessionDuration
      if (m !== undefined && (typeof m !== 'number' || !Number.isInteger(m) || m < 3600 || m > 43200))
        fail([...p, 'maxSessionDuration'], 'must be whole seconds from 3600 to 43200')
    })
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
