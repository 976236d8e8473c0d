/**
 * `idc configure`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'configure',
  summary: 'Configure AWS access keys, region and output format for a profile.',
  description: 'Configure AWS access keys, region and output format for a profile.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc configure is not available in this build yet')
  },
})
