/**
 * Which profiles `aws login` refuses (since AWS CLI 2.32.32, `aws-login.md` §1.2): those that
 * already get credentials another way, checked on the merged profile (config and credentials
 * files) in the CLI's order, before any network call.
 *
 * @module
 */
import type { ConfigSection } from '../config/parse-config-file.js'
import { ConfigError } from '../errors.js'

const CONFLICTS: readonly (readonly [readonly string[], string])[] = [
  [['web_identity_token_file'], 'Web Identity'],
  [['sso_role_name', 'sso_account_id'], 'SSO'],
  [['aws_access_key_id'], 'Access Key'],
  [['role_arn'], 'Assume Role'],
  [['credential_process'], 'Credential Process'],
]

/** The credential style that keeps `aws login` from using the profile, if any. */
export function conflictingCredentialStyle(profile: ConfigSection | undefined): string | undefined {
  if (!profile) return undefined
  return CONFLICTS.find(([keys]) => keys.some((key) => key in profile))?.[1]
}

/** Throws the CLI's configuration error when the profile already has other credentials. */
export function assertProfileAcceptsLogin(profileName: string, profile: ConfigSection | undefined): void {
  const style = conflictingCredentialStyle(profile)
  if (style === undefined) return
  const quoted = `'${profileName}'`
  throw new ConfigError(
    `An error occurred (Configuration): Profile '${profileName}' is already configured with ${style} credentials.\n\n` +
      `You may run 'idc login --profile new-profile-name' to create a new profile with the specified name. ` +
      `Otherwise you must first manually remove the existing credentials from ${quoted}.`,
  )
}
