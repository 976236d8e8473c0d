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

/** The default registration scope offered by the wizards. */
export const DEFAULT_REGISTRATION_SCOPES = 'sso:account:access'

/** The AWS CLI's answer to an empty required value. */
export const REQUIRED_MESSAGE = 'A value is required'

/** Accepts any non-empty answer. */
export function validateRequired(value: string): string | undefined {
  return value ? undefined : REQUIRED_MESSAGE
}

/** Validates a start URL as the wizard does (http passes here; `sso login` rejects it later). */
export function validateStartUrl(value: string): string | undefined {
  if (value === '') return REQUIRED_MESSAGE
  try {
    const url = new URL(value)
    if (!url.hostname || !/^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) || !value.includes('://'))
      return 'Not a valid Start URL'
  } catch {
    return 'Not a valid Start URL'
  }
  return undefined
}

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
