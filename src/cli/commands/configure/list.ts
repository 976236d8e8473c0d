/**
 * `idc configure list`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'configure list',
  summary: 'List the configuration data and where each value comes from.',
  description: 'List the configuration data and where each value comes from.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc configure list is not available in this build yet')
  },
})
