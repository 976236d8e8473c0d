/**
 * Where each value of a shared file is written: file, line and section, for `idc doctor`. The
 * parser (`parse-config-file.ts`) keeps no line numbers, so this walks the lines again with the
 * same section rules (`classifySection`, `stripComment`); the last definition of a key wins, as
 * in the parser.
 *
 * @module
 */
import {
  classifySection,
  stripComment,
  trimWhitespace,
  type ConfigFileKind,
  type SharedConfig,
} from '../config/parse-config-file.js'

/** Where one value is written. */
export interface ValueLocation {
  file: string
  /** 1-based line number. */
  line: number
  /** The section header as written, e.g. `profile dev`. */
  section: string
}

/** Section key (`profiles:dev`, `ssoSessions:corp`, `services:local`), then property name, to its location. */
export type ValueLocations = Map<string, Map<string, ValueLocation>>

/** The key of a section in {@link ValueLocations}. */
export function sectionKey(target: keyof SharedConfig, name: string): string {
  return `${target}:${name}`
}

/** Finds the line of every top-level property of a file's sections. Never throws. */
export function locateValues(text: string, file: string, kind: ConfigFileKind): ValueLocations {
  const locations: ValueLocations = new Map()
  let current: { key: string; header: string } | undefined
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    const first = line.charCodeAt(0)
    if (first === 91 /* [ */) {
      const inner = stripComment(line, false)
      const classified = inner.endsWith(']') ? classifySection(inner.slice(1, -1), kind) : undefined
      current = classified && {
        key: sectionKey(classified.target, classified.name),
        header: trimWhitespace(inner.slice(1, -1)),
      }
      return
    }
    if (current === undefined || Number.isNaN(first) || first === 32 || first === 9 || first === 35 || first === 59) {
      return
    }
    const prepared = stripComment(line, true)
    const equals = prepared.indexOf('=')
    if (equals <= 0) return
    const name = trimWhitespace(prepared.slice(0, equals)).toLowerCase()
    const section = locations.get(current.key) ?? new Map<string, ValueLocation>()
    section.set(name, { file, line: index + 1, section: current.header })
    locations.set(current.key, section)
  })
  return locations
}
