/**
 * `idc configure sso`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'configure sso',
  summary: 'Configure a profile that uses IAM Identity Center (SSO) credentials.',
  description: 'Configure a profile that uses IAM Identity Center (SSO) credentials.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc configure sso is not available in this build yet')
  },
})
