/**
 * Tags on sso-admin resources (the instance, permission sets, applications, trusted token
 * issuers): TagResource, UntagResource, ListTagsForResource, and the `Tags` of the Create calls.
 *
 * @module
 */
import type { AwsContext } from '../context.js'
import { AwsError } from '../errors.js'
import {
  compact,
  notFound,
  paginate,
  requiredString,
  validationException,
  type JsonBody,
  type JsonOperation,
} from '../json-api.js'
import { instanceOf } from './instances.js'
import { KIND } from './records.js'

const MAX_TAGS = 50

/** Checks a `Tags` list: at most 50 `{Key, Value}` with AWS's lengths. */
function tagsOf(value: unknown): { Key: string; Value: string }[] {
  if (!Array.isArray(value) || value.length > MAX_TAGS)
    throw validationException(
      `1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TAGS}`,
    )
  return (value as JsonBody[]).map((t) => ({ Key: requiredString(t, 'Key', 128), Value: String(t?.Value ?? '') }))
}

/** Stores a new record of an instance (`kind`, id `arn`) with the request's `Tags`, in one transaction. */
export function createTaggedRecord(
  ctx: AwsContext,
  kind: string,
  arn: string,
  instanceId: string,
  data: JsonBody,
  tags: unknown,
): void {
  const { store } = ctx.deps
  store.transaction(() => {
    store.putAdminRecord({ kind, id: arn, parentId: instanceId, data, createdAt: ctx.deps.clock() })
    putTags(ctx, arn, tags)
  })
}

/** Stores the `Tags` of a request on `arn` (Create… calls and TagResource). */
export function putTags(ctx: AwsContext, arn: string, value: unknown): void {
  if (value === undefined || value === null) return
  const { store } = ctx.deps
  const tags = tagsOf(value)
  const existing = new Set(store.listAdminRecords(KIND.tag, arn).map((r) => r.data.Key))
  const added = tags.filter((t) => !existing.has(t.Key)).length
  if (existing.size + added > MAX_TAGS)
    throw new AwsError('ServiceQuotaExceededException', `A resource can have at most ${MAX_TAGS} tags`)
  for (const tag of tags)
    store.putAdminRecord({
      kind: KIND.tag,
      id: `${arn}\n${tag.Key}`,
      parentId: arn,
      data: tag,
      createdAt: ctx.deps.clock(),
    })
}

/** True when `arn` names a resource of this instance that can carry tags. */
function resourceExists(ctx: AwsContext, arn: string): boolean {
  const { store } = ctx.deps
  const instance = store.getInstance()
  if (!instance) return false
  if (arn === instance.instanceArn) return true
  const ps = /^arn:aws:sso:::permissionSet\/ssoins-[a-zA-Z0-9-.]{16}\/(ps-[a-zA-Z0-9-./]{16})$/.exec(arn)?.[1]
  if (ps) return arn.includes(instance.instanceArn.split('/')[1] as string) && store.getPermissionSet(ps) !== undefined
  return (
    store.getAdminRecord(KIND.application, arn) !== undefined ||
    store.getAdminRecord(KIND.trustedTokenIssuer, arn) !== undefined
  )
}

function resourceOf(ctx: AwsContext, body: JsonBody): string {
  if (body.InstanceArn !== undefined) instanceOf(ctx, body)
  const arn = requiredString(body, 'ResourceArn', 2048)
  if (!arn.startsWith('arn:aws:sso:'))
    throw validationException(
      `1 validation error detected: Value '${arn}' at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws:sso::...`,
    )
  if (!resourceExists(ctx, arn)) throw notFound(`Resource ${arn} does not exist`)
  return arn
}

/** TagResource, UntagResource, ListTagsForResource. */
export function createTagOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  return {
    TagResource(body) {
      const arn = resourceOf(ctx, body)
      if (body.Tags === undefined || body.Tags === null)
        throw validationException(
          "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null",
        )
      putTags(ctx, arn, body.Tags)
      return {}
    },
    UntagResource(body) {
      const arn = resourceOf(ctx, body)
      const keys = body.TagKeys
      if (!Array.isArray(keys) || keys.length < 1 || keys.length > MAX_TAGS)
        throw validationException(
          "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length between 1 and 50",
        )
      for (const key of keys) store.deleteAdminRecord(KIND.tag, `${arn}\n${String(key)}`)
      return {}
    },
    ListTagsForResource(body) {
      const arn = resourceOf(ctx, body)
      const { page, nextToken } = paginate(
        body,
        store.listAdminRecords(KIND.tag, arn).map((r) => r.data),
      )
      return compact({ Tags: page, NextToken: nextToken })
    },
  }
}
