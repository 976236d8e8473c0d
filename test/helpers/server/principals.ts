/**
 * Test helpers: principals of the organisation for the AWS API tests — an Identity Center role
 * session's credentials, as the portal issues them, and an IAM role whose trust policy names an
 * account. Only tests import this file.
 *
 * @module
 */
import { issueRoleCredentials } from '../../../src/server/domain/role-credentials.js'
import type { ServerDeps } from '../../../src/server/deps.js'
import type { TestCredentials } from './test-clients.js'

/** Identity Center role credentials of `userName` for `permissionSet` in `account` (no assignment needed). */
export function ssoRoleCredentials(
  deps: ServerDeps,
  userName: string,
  account: string,
  permissionSet: string,
): TestCredentials {
  const user = deps.store.findUserByName(userName)
  const ps = deps.store.findPermissionSetByName(permissionSet)
  if (!user || !ps) throw new Error(`no user ${userName} or permission set ${permissionSet} in the organisation`)
  const c = issueRoleCredentials(deps, user, account, ps)
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken }
}

/** An org-file role in `account`, with AdministratorAccess, whose trust policy names the account `trusted`. */
export function roleTrusting(account: string, roleName: string, trusted: string) {
  return {
    account,
    roleName,
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${trusted}:root` }, Action: 'sts:AssumeRole' }],
    },
    managedPolicies: ['AdministratorAccess'],
    maxSessionDuration: 3600,
  }
}
