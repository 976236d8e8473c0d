/**
 * `idc configure get`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'configure get',
  summary: 'Get a configuration value from the config file.',
  description: 'Get a configuration value from the config file.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc configure get is not available in this build yet')
  },
})
