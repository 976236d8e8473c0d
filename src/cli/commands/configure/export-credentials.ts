/**
 * `idc configure export-credentials`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'configure export-credentials',
  summary: 'Print resolved credentials as JSON or shell variables.',
  description: 'Print resolved credentials as JSON or shell variables.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc configure export-credentials is not available in this build yet')
  },
})
