/**
 * `idc exec`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../core/errors.js'
import { defineCommand } from '../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'exec',
  summary: 'Run a command with the credentials of a profile in its environment.',
  description: 'Run a command with the credentials of a profile in its environment.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc exec is not available in this build yet')
  },
})
