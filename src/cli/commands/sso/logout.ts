/**
 * `idc sso logout`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'sso logout',
  summary: 'Sign out of every cached IAM Identity Center session.',
  description: 'Sign out of every cached IAM Identity Center session.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc sso logout is not available in this build yet')
  },
})
