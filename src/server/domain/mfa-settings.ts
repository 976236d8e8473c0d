/**
 * The instance's authentication settings the console edits (MFA: always-on or disabled, which
 * device types; kept as one JSON server setting), and what sign-in reads from them.
 *
 * @module
 */
import type { Store } from '../store/store.js'

/** MFA settings of the instance. */
export interface MfaSettings {
  /** "Every time they sign in (always-on)": a user without a device enrols at the next sign-in. */
  required: boolean
  /** Allowed device types. */
  authenticatorApps: boolean
  securityKeys: boolean
}

const KEY = 'settings:mfa'
const DEFAULT: MfaSettings = { required: false, authenticatorApps: true, securityKeys: false }

/** The instance's MFA settings (defaults when never saved). */
export function readMfaSettings(store: Pick<Store, 'getMeta'>): MfaSettings {
  const text = store.getMeta(KEY)
  return text ? { ...DEFAULT, ...(JSON.parse(text) as Partial<MfaSettings>) } : DEFAULT
}

/** Saves the instance's MFA settings. */
export function saveMfaSettings(store: Pick<Store, 'setMeta'>, settings: MfaSettings): void {
  store.setMeta(KEY, JSON.stringify(settings))
}
