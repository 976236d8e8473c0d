/**
 * The instance itself: DescribeInstance, UpdateInstance (its name), CreateInstance and
 * DeleteInstance (refused: a server is exactly one instance), attributes for access control, and
 * the regions it is replicated to (the primary region, plus regions recorded by AddRegion).
 *
 * @module
 */
import type { Instance } from '../../store/store.js'
import type { AwsContext } from '../context.js'
import {
  compact,
  conflict,
  epochSeconds,
  notFound,
  optionalString,
  paginate,
  requiredString,
  validationException,
  type JsonBody,
  type JsonOperation,
} from '../json-api.js'
import { instanceOf } from './instances.js'
import { KIND } from './records.js'

const REGION = /^([a-z]+-){2,3}\d$/

function instanceName(ctx: AwsContext, instance: Instance): string {
  return String(ctx.deps.store.getAdminRecord(KIND.instanceName, instance.id)?.data.Name ?? 'idc')
}

function regionOf(body: JsonBody): string {
  const region = requiredString(body, 'RegionName', 32)
  if (!REGION.test(region))
    throw validationException(
      `1 validation error detected: Value '${region}' at 'regionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-z]+-){2,3}\\d`,
    )
  return region
}

function regions(ctx: AwsContext, instance: Instance): JsonBody[] {
  const primary = {
    RegionName: instance.region,
    Status: 'ACTIVE',
    AddedDate: epochSeconds(instance.createdAt),
    IsPrimaryRegion: true,
  }
  const added = ctx.deps.store.listAdminRecords(KIND.region, instance.id).map((r) => ({
    RegionName: r.id.split(':')[1],
    Status: 'ACTIVE',
    AddedDate: epochSeconds(r.createdAt),
    IsPrimaryRegion: false,
  }))
  return [primary, ...added]
}

function accessControlAttributes(body: JsonBody): JsonBody {
  const config = body.InstanceAccessControlAttributeConfiguration as JsonBody | undefined
  const list = config?.AccessControlAttributes
  if (!Array.isArray(list) || list.length > 50)
    throw validationException(
      "1 validation error detected: Value null at 'instanceAccessControlAttributeConfiguration.accessControlAttributes' failed to satisfy constraint: Member must not be null",
    )
  for (const a of list as JsonBody[]) {
    requiredString(a, 'Key', 128)
    const value = a.Value as JsonBody | undefined
    if (!value || !Array.isArray(value.Source) || value.Source.length !== 1)
      throw validationException('Each access control attribute needs a Value with one Source')
  }
  return { AccessControlAttributes: list }
}

/** Instance settings, access-control attributes and regions. */
export function createInstanceSettingOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  const accessControlId = (instance: Instance) => `attributes:${instance.id}`
  /** Create (none configured yet) or Update (configured) the access-control attributes. */
  const putAccessControl = (body: JsonBody, mode: 'create' | 'update') => {
    const instance = instanceOf(ctx, body)
    const data = accessControlAttributes(body)
    const configured = store.getAdminRecord(KIND.accessControl, accessControlId(instance)) !== undefined
    if (mode === 'create' && configured) throw conflict('Attributes for access control are already configured')
    if (mode === 'update' && !configured) throw notFound('Attributes for access control are not configured')
    store.putAdminRecord({
      kind: KIND.accessControl,
      id: accessControlId(instance),
      parentId: '',
      data,
      createdAt: ctx.deps.clock(),
    })
    return {}
  }
  return {
    DescribeInstance(body) {
      const instance = instanceOf(ctx, body)
      return {
        InstanceArn: instance.instanceArn,
        IdentityStoreId: instance.id,
        OwnerAccountId: ctx.callers.adminAccountId(),
        Name: instanceName(ctx, instance),
        CreatedDate: epochSeconds(instance.createdAt),
        Status: 'ACTIVE',
        EncryptionConfigurationDetails: { KeyType: 'AWS_OWNED_KMS_KEY', EncryptionStatus: 'ENABLED' },
      }
    },
    UpdateInstance(body) {
      const instance = instanceOf(ctx, body)
      const name = optionalString(body, 'Name', 255)
      if (name !== undefined && !/^[\w+=,.@-]+$/.test(name)) throw validationException(`Invalid instance name: ${name}`)
      const encryption = body.EncryptionConfiguration as JsonBody | undefined
      if (encryption?.KeyType === 'CUSTOMER_MANAGED_KEY')
        throw validationException('Customer managed KMS keys are not available: this server has no KMS')
      if (name !== undefined)
        store.putAdminRecord({
          kind: KIND.instanceName,
          id: instance.id,
          parentId: '',
          data: { Name: name },
          createdAt: ctx.deps.clock(),
        })
      return {}
    },
    CreateInstance() {
      // One organisation instance per organisation, as on AWS; the server's instance always exists.
      throw conflict('An instance of IAM Identity Center already exists in this organization')
    },
    DeleteInstance(body) {
      instanceOf(ctx, body)
      throw validationException(
        'This server is one IAM Identity Center instance and cannot delete it; stop the server and remove its data directory instead',
      )
    },
    CreateInstanceAccessControlAttributeConfiguration: (body) => putAccessControl(body, 'create'),
    UpdateInstanceAccessControlAttributeConfiguration: (body) => putAccessControl(body, 'update'),
    DescribeInstanceAccessControlAttributeConfiguration(body) {
      const instance = instanceOf(ctx, body)
      const record = store.getAdminRecord(KIND.accessControl, accessControlId(instance))
      if (!record) throw notFound('Attributes for access control are not configured')
      return { Status: 'ENABLED', InstanceAccessControlAttributeConfiguration: record.data }
    },
    DeleteInstanceAccessControlAttributeConfiguration(body) {
      const instance = instanceOf(ctx, body)
      if (!store.deleteAdminRecord(KIND.accessControl, accessControlId(instance)))
        throw notFound('Attributes for access control are not configured')
      return {}
    },
    ListRegions(body) {
      const { page, nextToken } = paginate(body, regions(ctx, instanceOf(ctx, body)))
      return compact({ Regions: page, NextToken: nextToken })
    },
    DescribeRegion(body) {
      const instance = instanceOf(ctx, body)
      const name = regionOf(body)
      const region = regions(ctx, instance).find((r) => r.RegionName === name)
      if (!region) throw notFound(`Region ${name} is not enabled for the instance`)
      return region
    },
    AddRegion(body) {
      const instance = instanceOf(ctx, body)
      const name = regionOf(body)
      if (regions(ctx, instance).some((r) => r.RegionName === name)) throw conflict(`Region ${name} is already enabled`)
      store.putAdminRecord({
        kind: KIND.region,
        id: `${instance.id}:${name}`,
        parentId: instance.id,
        data: {},
        createdAt: ctx.deps.clock(),
      })
      return { Status: 'ADDING' }
    },
    RemoveRegion(body) {
      const instance = instanceOf(ctx, body)
      const name = regionOf(body)
      if (name === instance.region) throw validationException('The primary region of an instance cannot be removed')
      if (!store.deleteAdminRecord(KIND.region, `${instance.id}:${name}`))
        throw notFound(`Region ${name} is not enabled for the instance`)
      return { Status: 'REMOVING' }
    },
  }
}
