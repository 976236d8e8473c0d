/**
 * `idc sso list-account-roles`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'sso list-account-roles',
  summary: 'List the roles available in an account.',
  description: 'List the roles available in an account.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc sso list-account-roles is not available in this build yet')
  },
})
