/**
 * S3 ListBuckets in the rest-xml protocol (wire-protocol §8): `GET /` (JS adds `?x-id=ListBuckets`),
 * `ListAllMyBucketsResult` for the caller's account when its policies allow `s3:ListAllMyBuckets`,
 * otherwise an `AccessDenied` `<Error>` (§2.4).
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Bucket } from '../store/store.js'
import { callerAllows, type Caller } from './callers.js'
import type { AwsContext } from './context.js'
import { AwsError } from './errors.js'
import { element, escapeXml } from './xml.js'

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/'

/** The XML body of an S3 error. */
export function formatS3Error(error: AwsError, requestId: string, hostId: string): string {
  const extra = Object.entries(error.extra)
    .map(([k, v]) => element(k, v))
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${element('Code', error.code)}${element('Message', error.message)}${extra}${element('RequestId', requestId)}${element('HostId', hostId)}</Error>`
}

/** A stable 64-hex canonical user id for an account (S3 `Owner/ID`). */
export function canonicalUserId(accountId: string): string {
  return createHash('sha256').update(`s3-owner:${accountId}`).digest('hex')
}

function creationDate(ms: number): string {
  return new Date(ms).toISOString()
}

/** Parameters of ListBuckets (all optional). */
export interface ListBucketsQuery {
  prefix: string | undefined
  maxBuckets: number | undefined
  continuationToken: string | undefined
  bucketRegion: string | undefined
}

/** Reads the ListBuckets query parameters; `x-id` is ignored. */
export function parseListBucketsQuery(query: URLSearchParams): ListBucketsQuery {
  const max = query.get('max-buckets')
  let maxBuckets: number | undefined
  if (max !== null) {
    maxBuckets = Number(max)
    if (!Number.isInteger(maxBuckets) || maxBuckets < 1 || maxBuckets > 10000) {
      throw new AwsError('InvalidArgument', 'Argument max-buckets must be an integer between 1 and 10000.', 400, {
        ArgumentName: 'max-buckets',
        ArgumentValue: max,
      })
    }
  }
  return {
    prefix: query.get('prefix') ?? undefined,
    maxBuckets,
    continuationToken: query.get('continuation-token') ?? undefined,
    bucketRegion: query.get('bucket-region') ?? undefined,
  }
}

/** ListBuckets for `caller`: policy check, then the account's buckets as XML. */
export function listBuckets(ctx: AwsContext, caller: Caller, query: ListBucketsQuery): string {
  if (
    !callerAllows(caller, {
      action: 's3:ListAllMyBuckets',
      resource: '*',
      context: { 'aws:PrincipalArn': caller.roleArn ?? caller.arn },
    })
  ) {
    throw new AwsError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action`,
      403,
    )
  }
  let buckets: Bucket[] = ctx.deps.store
    .listBuckets(caller.accountId)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  if (query.prefix) buckets = buckets.filter((b) => b.name.startsWith(query.prefix as string))
  if (query.bucketRegion) buckets = buckets.filter((b) => b.region === query.bucketRegion)
  if (query.continuationToken) {
    const after = Buffer.from(query.continuationToken, 'base64url').toString('utf8')
    buckets = buckets.filter((b) => b.name > after)
  }
  let next: string | undefined
  if (query.maxBuckets !== undefined && buckets.length > query.maxBuckets) {
    buckets = buckets.slice(0, query.maxBuckets)
    next = Buffer.from((buckets[buckets.length - 1] as Bucket).name).toString('base64url')
  }
  const items = buckets
    .map(
      (b) =>
        `<Bucket>${element('Name', b.name)}${element('CreationDate', creationDate(b.createdAt))}${element('BucketRegion', b.region)}<BucketArn>arn:aws:s3:::${escapeXml(b.name)}</BucketArn></Bucket>`,
    )
    .join('')
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="${S3_NS}">` +
    `<Owner>${element('ID', canonicalUserId(caller.accountId))}</Owner>` +
    (items ? `<Buckets>${items}</Buckets>` : '<Buckets/>') +
    (next ? element('ContinuationToken', next) : '') +
    (query.prefix !== undefined ? element('Prefix', query.prefix) : '') +
    '</ListAllMyBucketsResult>'
  )
}
