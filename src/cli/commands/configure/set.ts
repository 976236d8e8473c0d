/**
 * `idc configure set`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'configure set',
  summary: 'Set a configuration value in the config or credentials file.',
  description: 'Set a configuration value in the config or credentials file.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc configure set is not available in this build yet')
  },
})
