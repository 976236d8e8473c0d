/**
 * `idc configure list-profiles`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'configure list-profiles',
  summary: 'List the names of all configured profiles.',
  description: 'List the names of all configured profiles.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc configure list-profiles is not available in this build yet')
  },
})
