/**
 * `idc configure sso-session`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 'configure sso-session',
  summary: 'Configure an [sso-session] section.',
  description: 'Configure an [sso-session] section.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc configure sso-session is not available in this build yet')
  },
})
