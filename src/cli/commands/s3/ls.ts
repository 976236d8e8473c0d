/**
 * `idc s3 ls`: not built yet (placeholder so the command tree is complete).
 *
 * @module
 */
import { IdcError } from '../../../core/errors.js'
import { defineCommand } from '../../command.js'

export const command = defineCommand<Record<string, never>>({
  name: 's3 ls',
  summary: 'List S3 buckets.',
  description: 'List S3 buckets.',
  parse: () => ({}),
  run: async () => {
    throw new IdcError('general', 'idc s3 ls is not available in this build yet')
  },
})
