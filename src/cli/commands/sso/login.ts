/**
 * `idc sso login`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'sso login',
  summary: 'Sign in to IAM Identity Center and cache an access token.',
  description: 'Sign in to IAM Identity Center and cache an access token.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc sso login is not available in this build yet')
  },
})
