/**
 * Reading one value of a parsed config section. Values are strings, except sub-property blocks
 * (`s3 =` followed by indented lines), which parse as objects; callers read settings through these
 * functions so that a block, a missing key and (for `configText`) an empty value all read as
 * "not set".
 *
 * @module
 */
import type { ConfigSection } from './parse-config-file.js'

/** A value as a string, empty strings included; `undefined` for missing keys and sub-property blocks. */
export function configString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** A value as a non-empty string; `undefined` for missing keys, empty values and sub-property blocks. */
export function configText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** `configText` of `section[key]`, for a section that may itself be missing. */
export function sectionText(section: ConfigSection | undefined, key: string): string | undefined {
  return configText(section?.[key])
}
