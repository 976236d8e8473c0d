/**
 * The command tree. Each entry names a command and loads its module on demand, so that running
 * one command loads only that command's code (the warm credential path depends on it).
 *
 * @module
 */
import type { CommandSpec } from '../command.js'

/** A command in the tree; `load` is absent for groups that only hold subcommands. */
export interface CommandEntry {
  /** The words after `idc`. */
  name: string
  summary: string
  load?: () => Promise<{ command: CommandSpec<any> }>
}

/** Every command idc has, parents before children. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'version', summary: 'Print the version of idc.', load: () => import('./version.js') },
]
