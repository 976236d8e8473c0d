/**
 * `idc sso list-accounts`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'sso list-accounts',
  summary: 'List the AWS accounts available to the signed-in user.',
  description: 'List the AWS accounts available to the signed-in user.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc sso list-accounts is not available in this build yet')
  },
})
