/**
 * The domain records the store keeps. Times are epoch milliseconds; secrets that only need to be
 * checked (tokens, codes, client secrets, cookies) are kept as SHA-256 hashes, while secrets the
 * server must use again (SigV4 secret keys, TOTP secrets) are kept as they are.
 *
 * @module
 */

/** The Identity Center instance (one per server). */
export interface Instance {
  /** `d-` + 10 hex digits; also the identity store id. */
  id: string
  /** `arn:aws:sso:::instance/ssoins-<16 hex>`. */
  instanceArn: string
  region: string
  startUrl: string
  /** Longest sign-in session, seconds (bounds refresh tokens). */
  sessionDurationSeconds: number
  createdAt: number
}

/** An AWS account of the organisation. */
export interface Account {
  id: string
  name: string
  email: string
  createdAt: number
}

/** A directory user. */
export interface User {
  id: string
  userName: string
  email: string | null
  givenName: string | null
  familyName: string | null
  displayName: string | null
  passwordHash: string | null
  /** The password is a one-time password an administrator generated: the next sign-in replaces it. */
  passwordChangeRequired?: boolean
  /** `disabled` when an administrator disabled the user (whatever it was before); only `active` signs in. */
  status: 'invited' | 'active' | 'disabled'
  totpSecret: string | null
  totpLastStep: number
  /** identitystore's other attributes in its shape (`NickName`, `PhoneNumbers`, `ExternalIds`, …). */
  attributes: DirectoryAttributes
  createdAt: number
  updatedAt: number | null
}

/** A user's or group's attributes beyond the columns, in identitystore's JSON shape. */
export type DirectoryAttributes = Record<string, unknown>

/** A directory group. */
export interface Group {
  id: string
  displayName: string
  description: string | null
  /** identitystore's other attributes (`ExternalIds`). */
  attributes: DirectoryAttributes
  createdAt: number
  updatedAt: number | null
}

/** A user's membership in a group. */
export interface GroupMembership {
  id: string
  groupId: string
  userId: string
  createdAt: number
}

/** A permission set. */
export interface PermissionSet {
  /** `ps-` + 16 hex digits. */
  id: string
  name: string
  description: string | null
  /** ISO 8601 duration, `PT1H` to `PT12H`. */
  sessionDuration: string
  relayState: string | null
  /** AWS-managed policy names, e.g. `AdministratorAccess`. */
  managedPolicies: string[]
  /** Inline policy JSON text. */
  inlinePolicy: string | null
  /** The 16 hex digits of the `AWSReservedSSO_<name>_<suffix>` role. */
  roleSuffix: string
  createdAt: number
}

/** Who an assignment is for. */
export type PrincipalType = 'USER' | 'GROUP'

/** User or group → account + permission set. */
export interface AccountAssignment {
  accountId: string
  permissionSetId: string
  principalType: PrincipalType
  principalId: string
  createdAt: number
}

/** An S3 bucket. */
export interface Bucket {
  name: string
  accountId: string
  region: string
  createdAt: number
}

/** An IAM user (the long-term access key path). */
export interface IamUser {
  accountId: string
  userName: string
  /** `AIDA…`. */
  userId: string
  managedPolicies: string[]
  /** Policy name → policy JSON text. */
  inlinePolicies: Record<string, string>
  createdAt: number
}

/** An IAM user's access key. */
export interface IamAccessKey {
  accessKeyId: string
  secretAccessKey: string
  accountId: string
  userName: string
  status: 'Active' | 'Inactive'
  createdAt: number
}

/** A virtual MFA device of an IAM user. */
export interface IamMfaDevice {
  serialNumber: string
  accountId: string
  userName: string
  totpSecret: string
  lastUsedStep: number
  createdAt: number
}

/** An IAM role. */
export interface IamRole {
  arn: string
  accountId: string
  roleName: string
  /** `AROA…`. */
  roleId: string
  path: string
  trustPolicy: string
  managedPolicies: string[]
  inlinePolicies: Record<string, string>
  maxSessionDurationSeconds: number
  createdAt: number
}

/** An OIDC client registration (RegisterClient). */
export interface OidcClient {
  clientId: string
  clientSecretHash: string
  clientName: string
  clientType: string
  scopes: string[]
  redirectUris: string[]
  grantTypes: string[]
  issuerUrl: string | null
  issuedAt: number
  expiresAt: number
}

/** A device authorization (StartDeviceAuthorization). */
export interface DeviceAuthorization {
  deviceCodeHash: string
  userCode: string
  clientId: string
  startUrl: string
  scopes: string[]
  status: 'pending' | 'approved' | 'denied' | 'used'
  userId: string | null
  intervalSeconds: number
  pollCount: number
  lastPollAt: number | null
  createdAt: number
  expiresAt: number
}

/** A PKCE authorization code. */
export interface AuthorizationCode {
  codeHash: string
  clientId: string
  userId: string
  redirectUri: string
  codeChallenge: string
  scopes: string[]
  used: boolean
  createdAt: number
  expiresAt: number
}

/** A sign-in session: the family every access and refresh token of one login belongs to. */
export interface TokenSession {
  id: string
  clientId: string
  userId: string
  scopes: string[]
  createdAt: number
  /** The session end (instance session duration after sign-in); refresh stops here. */
  expiresAt: number
  revokedAt: number | null
}

/** An access or refresh token. */
export interface TokenRecord {
  tokenHash: string
  kind: 'access' | 'refresh'
  sessionId: string
  createdAt: number
  expiresAt: number
  usedCount: number
  revokedAt: number | null
}

/** A browser session (cookie). */
export interface WebSession {
  idHash: string
  csrfToken: string
  /** Set once the user signed in. */
  userId: string | null
  /** Set between the password and the MFA step. */
  pendingUserId: string | null
  createdAt: number
  expiresAt: number
}

/** Failure counting for sign-in and user-code guessing. */
export interface Throttle {
  key: string
  failures: number
  windowStart: number
  blockedUntil: number
}

/** An invitation to set a password and enrol MFA. */
export interface Invitation {
  tokenHash: string
  userId: string
  createdAt: number
  expiresAt: number
  usedAt: number | null
}

/** Who a set of issued AWS credentials belongs to. */
export type CredentialPrincipal =
  | { type: 'sso_role'; accountId: string; permissionSetId: string; userId: string; sessionName: string }
  | { type: 'iam_user_session'; accountId: string; iamUserName: string; mfaAuthenticated: boolean }
  /** The account's root user, signed in with `aws login`. */
  | { type: 'root_session'; accountId: string; mfaAuthenticated: boolean }
  | {
      type: 'assumed_role'
      accountId: string
      roleArn: string
      sessionName: string
      /** The access key that called AssumeRole (role chaining, auditing). */
      sourceAccessKeyId: string
      sourceIdentity: string | null
      mfaAuthenticated: boolean
      /** Session policies passed to AssumeRole, as a JSON array of policy documents; null when none. */
      sessionPolicies: string | null
    }

/** AWS credentials the server issued (GetRoleCredentials, AssumeRole, GetSessionToken). */
export interface IssuedCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string | null
  expiresAt: number | null
  principal: CredentialPrincipal
  createdAt: number
}
