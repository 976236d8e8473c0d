/**
 * `idc sts get-caller-identity`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'sts get-caller-identity',
  summary: 'Show the account, user id and ARN of the credentials in use.',
  description: 'Show the account, user id and ARN of the credentials in use.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc sts get-caller-identity is not available in this build yet')
  },
})
