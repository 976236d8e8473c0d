/**
 * `idc server`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../core/errors.js'
import { defineCommand } from '../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'server',
  summary: 'Run the local IAM Identity Center on loopback.',
  description: 'Run the local IAM Identity Center on loopback.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc server is not available in this build yet')
  },
})
