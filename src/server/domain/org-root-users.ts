/**
 * The org file's root users (`accounts[].rootUser`): an account's owner, who signs in to the
 * console and `aws login` by email and password, with an optional virtual MFA device.
 *
 * @module
 */
import type { Store } from '../store/store.js'
import type { PasswordHasher } from './secrets.js'

/** An account's root user in the org file. */
export interface OrgRootUserSpec {
  email: string
  consolePassword: string
  mfaDevice?: { serialNumber?: string; totpSecret: string }
}

/** Root-user password hashes by account id, for the passwords that changed (scrypt is slow: outside the transaction). */
export function hashRootPasswords(
  store: Store,
  passwords: PasswordHasher,
  accounts: readonly { id: string; rootUser?: OrgRootUserSpec }[],
): Map<string, string> {
  const hashes = new Map<string, string>()
  for (const a of accounts) {
    if (!a.rootUser) continue
    const current = store.getRootUser(a.id)
    // An unchanged password keeps its hash and date: a restart must not end root's login sessions.
    if (current && passwords.verify(a.rootUser.consolePassword, current.passwordHash)) continue
    hashes.set(a.id, passwords.hash(a.rootUser.consolePassword))
  }
  return hashes
}

/** Saves an account's root user (inside the org's transaction, after the account). */
export function applyRootUser(
  store: Store,
  account: { id: string; rootUser?: OrgRootUserSpec },
  hashes: Map<string, string>,
  now: number,
): void {
  const spec = account.rootUser
  if (!spec) return
  const current = store.getRootUser(account.id)
  const newHash = hashes.get(account.id)
  const device = spec.mfaDevice
  store.saveRootUser({
    accountId: account.id,
    email: spec.email,
    passwordHash: newHash ?? current?.passwordHash ?? '',
    changedAt: newHash !== undefined || !current ? now : current.changedAt,
    mfaDevice: device
      ? {
          serialNumber: device.serialNumber ?? `arn:aws:iam::${account.id}:mfa/root-account-mfa-device`,
          totpSecret: device.totpSecret,
        }
      : null,
  })
}
