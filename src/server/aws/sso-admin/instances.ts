/**
 * sso-admin instances: the one Identity Center instance of this server, `ListInstances`, and the
 * `InstanceArn` check every other sso-admin operation starts with.
 *
 * @module
 */
import type { Instance } from '../../store/store.js'
import type { AwsContext } from '../context.js'
import {
  compact,
  epochSeconds,
  notFound,
  paginate,
  requiredString,
  validationException,
  type JsonBody,
  type JsonOperation,
} from '../json-api.js'

const INSTANCE_ARN = /^arn:aws:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/

/** The instance named by the request's `InstanceArn` (ValidationException, ResourceNotFoundException). */
export function instanceOf(ctx: AwsContext, body: JsonBody): Instance {
  const arn = requiredString(body, 'InstanceArn', 1224)
  if (!INSTANCE_ARN.test(arn)) {
    throw validationException(
      `1 validation error detected: Value '${arn}' at 'instanceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}`,
    )
  }
  const instance = ctx.deps.store.getInstance()
  if (!instance || instance.instanceArn !== arn) throw notFound(`Instance ${arn} does not exist`)
  return instance
}

/** `ListInstances`. */
export function createInstanceOperations(ctx: AwsContext): Record<string, JsonOperation> {
  return {
    ListInstances(body) {
      const instance = ctx.deps.store.getInstance()
      const all = instance
        ? [
            {
              InstanceArn: instance.instanceArn,
              IdentityStoreId: instance.id,
              OwnerAccountId: ctx.callers.adminAccountId(),
              Name: 'idc',
              CreatedDate: epochSeconds(instance.createdAt),
              Status: 'ACTIVE',
            },
          ]
        : []
      const { page, nextToken } = paginate(body, all)
      return compact({ Instances: page, NextToken: nextToken })
    },
  }
}
