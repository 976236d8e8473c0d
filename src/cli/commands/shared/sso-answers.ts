/**
 * The SSO questions `idc configure sso` and `idc configure sso-session` share: their checks, the
 * values offered for completion, and the error when there is no terminal to ask on.
 *
 * @module
 */
import { sectionText } from '../../../core/config/config-value.js'
import type { SharedConfig } from '../../../core/config/parse-config-file.js'
import { UsageError } from '../../../core/errors.js'
import { parseRegistrationScopes } from '../../../core/sso/sso-config.js'
import { parseStartUrl } from '../../../core/sso/start-url.js'

/** The default registration scope offered by the wizards. */
export const DEFAULT_REGISTRATION_SCOPES = 'sso:account:access'

/** The AWS CLI's answer to an empty required value. */
export const REQUIRED_MESSAGE = 'A value is required'

/** Accepts any non-empty answer. */
export function validateRequired(value: string): string | undefined {
  return value ? undefined : REQUIRED_MESSAGE
}

/**
 * Validates a start URL as the wizard does (botocore's `is_valid_endpoint_url`): any scheme, and a
 * host as Python's `urlsplit` finds it made of DNS labels (letters, digits, hyphens). An empty
 * answer without a current value fails the same way. http passes here; sign-in rejects it later.
 */
export function validateStartUrl(value: string): string | undefined {
  const { hostname } = parseStartUrl(value)
  const host = hostname?.replace(/\.$/, '')
  const valid =
    !/[\t\r\n]/.test(value) &&
    host !== undefined &&
    hostname!.length <= 255 &&
    /^((?!-)[A-Z\d-]{1,63}(?<!-)\.)*((?!-)[A-Z\d-]{1,63}(?<!-))$/i.test(host)
  return valid ? undefined : 'Not a valid Start URL'
}

/**
 * The regions the AWS CLI 2.36.12 offers for completion at `SSO region` (botocore's endpoint data:
 * where the SSO OIDC service runs in the `aws` partition).
 */
export const SSO_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]

/** Validates `sso_registration_scopes`: comma-separated, no whitespace inside an item. */
export function validateScopes(value: string): string | undefined {
  if (value.split(',').some((item) => /\s/.test(item.trim()))) return 'Scope values must be separated by commas'
  return undefined
}

/** Start URLs already in the config, for completion. */
export function knownStartUrls(config: SharedConfig): string[] {
  const urls = new Set<string>()
  for (const section of [...Object.values(config.profiles), ...Object.values(config.ssoSessions)]) {
    const url = sectionText(section, 'sso_start_url')
    if (url) urls.add(url)
  }
  return [...urls]
}

/** Registration scopes already in the config (and the default), for completion. */
export function knownScopes(config: SharedConfig): string[] {
  const scopes = new Set<string>([DEFAULT_REGISTRATION_SCOPES])
  for (const section of Object.values(config.ssoSessions)) {
    for (const scope of parseRegistrationScopes(sectionText(section, 'sso_registration_scopes')) ?? [])
      scopes.add(scope)
  }
  return [...scopes]
}

/** The usage error of a wizard run without a terminal and without all of its flags. */
export function needsTerminalError(commandName: string, missing: readonly string[]): UsageError {
  return new UsageError(
    `idc ${commandName} needs a terminal to ask its questions; without one, give the answers as flags. Missing: ${missing.join(', ')}`,
  )
}
