/**
 * How much any one stored field may hold. Every store write checks its fields here first, so no
 * path into the database (an AWS API, the OIDC endpoints, the pages, an org file) can make it
 * grow without bound. Where AWS documents a maximum (the service models of the AWS CLI v2:
 * identitystore, sso-admin, sts, organizations, iam), the limit is AWS's; the OIDC registration
 * fields have no documented maximum, so their limits are ours and generous for real clients.
 * Counts are JavaScript string lengths (UTF-16 code units).
 *
 * @module
 */

/** A stored field's maximum length and, for lists, item count. */
export interface FieldLimit {
  maxLength: number
  /** For list fields: the most items. */
  maxItems?: number
  /** Where the number comes from. */
  source: string
}

const IDENTITYSTORE = 'identitystore model'
const SSO_ADMIN = 'sso-admin model'
const OURS = 'idc (AWS documents no maximum)'

/** Every limit, by the field name used in validation messages. */
export const STORE_LIMITS = {
  // OIDC: RegisterClient, StartDeviceAuthorization, the authorization-code grant.
  clientName: { maxLength: 256, source: OURS },
  clientType: { maxLength: 16, source: OURS },
  scopes: { maxLength: 256, maxItems: 25, source: OURS },
  redirectUris: { maxLength: 2048, maxItems: 10, source: OURS },
  grantTypes: { maxLength: 128, maxItems: 10, source: OURS },
  issuerUrl: { maxLength: 2048, source: OURS },
  startUrl: { maxLength: 2048, source: OURS },
  redirectUri: { maxLength: 2048, source: OURS },
  codeChallenge: { maxLength: 128, source: 'RFC 7636 (a verifier is 43 to 128 characters)' },
  // The directory.
  userName: { maxLength: 128, source: IDENTITYSTORE },
  email: { maxLength: 1024, source: IDENTITYSTORE },
  givenName: { maxLength: 1024, source: IDENTITYSTORE },
  familyName: { maxLength: 1024, source: IDENTITYSTORE },
  displayName: { maxLength: 1024, source: IDENTITYSTORE },
  groupDisplayName: { maxLength: 1024, source: IDENTITYSTORE },
  groupDescription: { maxLength: 1024, source: IDENTITYSTORE },
  totpSecret: { maxLength: 128, source: OURS },
  // identitystore's other user and group attributes, as JSON text (each is at most 1024 characters
  // and each list at most one item in the model; the sum is ours).
  directoryAttributes: { maxLength: 32768, source: OURS },
  // The admin APIs' stored records (applications, tags, request statuses), as JSON text.
  adminRecord: { maxLength: 65536, source: OURS },
  // Permission sets.
  permissionSetName: { maxLength: 32, source: SSO_ADMIN },
  permissionSetDescription: { maxLength: 700, source: SSO_ADMIN },
  sessionDuration: { maxLength: 100, source: SSO_ADMIN },
  relayState: { maxLength: 240, source: SSO_ADMIN },
  inlinePolicy: { maxLength: 32768, source: SSO_ADMIN },
  managedPolicies: {
    maxLength: 2048,
    maxItems: 20,
    source: 'IAM Identity Center quota (managed policies per permission set)',
  },
  // The organisation and IAM.
  accountName: { maxLength: 50, source: 'organizations model' },
  accountEmail: { maxLength: 64, source: 'organizations model' },
  bucketName: { maxLength: 63, source: 'S3 bucket naming rules' },
  region: { maxLength: 32, source: OURS },
  iamUserName: { maxLength: 64, source: 'iam model' },
  roleName: { maxLength: 64, source: 'iam model' },
  rolePath: { maxLength: 512, source: 'iam model' },
  trustPolicy: { maxLength: 4096, source: 'IAM quota (role trust policy length, raised)' },
  iamManagedPolicies: { maxLength: 2048, maxItems: 20, source: 'IAM quota (managed policies per user or role)' },
  iamInlinePolicies: { maxLength: 10240, maxItems: 20, source: 'IAM quota (inline policy size of a role)' },
  policyName: { maxLength: 128, source: 'iam model' },
  serialNumber: { maxLength: 256, source: 'sts model' },
  // Issued credentials.
  roleSessionName: { maxLength: 64, source: 'sts model' },
  sourceIdentity: { maxLength: 64, source: 'sts model' },
  sessionPolicies: { maxLength: 65536, source: OURS },
  // AWS Sign-In (idc login): the OAuth state a CLI passes through.
  signinState: { maxLength: 256, source: OURS },
  // The administrator's console and the mail outbox (the server writes the mail; the recipient is a
  // user's email, limited above).
  consoleAdminName: { maxLength: 64, source: OURS },
  mailSubject: { maxLength: 998, source: 'RFC 5322 (line length)' },
  mailBody: { maxLength: 65536, source: OURS },
  // Sign-in throttling.
  throttleKey: { maxLength: 256, source: OURS },
} as const satisfies Record<string, FieldLimit>

/** The name of a limited field. */
export type LimitedField = keyof typeof STORE_LIMITS

/**
 * A value too long (or a list too long) to store. The API layers answer it with their protocol's
 * validation error (`ValidationException`, `InvalidRequestException`, …); the message names the
 * field and the limit in AWS's wording and never quotes the value.
 */
export class StoreLimitError extends Error {
  override readonly name = 'StoreLimitError'
  constructor(
    readonly field: LimitedField,
    readonly limit: number,
    readonly kind: 'length' | 'items',
  ) {
    super(
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${limit}`,
    )
  }
}

/** A value to check: a string, a list of strings, or nothing (absent and null always pass). */
export type LimitedValue = string | readonly string[] | null | undefined

/** Throws {@link StoreLimitError} for the first value over its field's limit. */
export function checkLimits(values: Partial<Record<LimitedField, LimitedValue>>): void {
  for (const [field, value] of Object.entries(values) as [LimitedField, LimitedValue][]) {
    if (value === null || value === undefined) continue
    const limit: FieldLimit = STORE_LIMITS[field]
    if (typeof value === 'string') {
      if (value.length > limit.maxLength) throw new StoreLimitError(field, limit.maxLength, 'length')
      continue
    }
    const maxItems = limit.maxItems ?? 1
    if (value.length > maxItems) throw new StoreLimitError(field, maxItems, 'items')
    for (const item of value) {
      if (item.length > limit.maxLength) throw new StoreLimitError(field, limit.maxLength, 'length')
    }
  }
}
