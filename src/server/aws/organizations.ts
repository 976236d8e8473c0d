/**
 * organizations (`AWSOrganizationsV20161128.*`, awsJson1_1, SigV4 `organizations`): the read
 * operations Identity Center tools call. The organisation has one root and every account sits
 * directly under it (this server models no organizational units, so they list empty); the
 * management account is the first account, the one the administrator acts in.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Account } from '../store/store.js'
import type { AwsContext } from './context.js'
import { AwsError } from './errors.js'
import { compact, epochSeconds, paginate, type JsonBody, type JsonOperation } from './json-api.js'

function stableId(prefix: string, seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest()
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  let out = prefix
  for (let i = 0; i < length; i++) out += alphabet[(digest[i] as number) % alphabet.length]
  return out
}

/** The organisation id, `o-` + 10 lower-case alphanumerics, stable per instance. */
export function organizationId(instanceId: string): string {
  return stableId('o-', `org:${instanceId}`, 10)
}

/** organizations' own validation error: `InvalidInputException` with a `Reason`. */
function invalidInput(message: string, reason = 'INVALID_PATTERN'): AwsError {
  return new AwsError('InvalidInputException', message, 400, { Reason: reason })
}

function present(body: JsonBody, member: string): string {
  const value = body[member]
  if (typeof value !== 'string' || value === '' || value.length > 100)
    throw invalidInput(
      `You must specify a value for ${member.charAt(0).toLowerCase()}${member.slice(1)}.`,
      'INPUT_REQUIRED',
    )
  return value
}

function patterned(body: JsonBody, member: string, pattern: RegExp): string {
  const value = present(body, member)
  if (!pattern.test(value))
    throw invalidInput(`You specified an invalid value for ${member.charAt(0).toLowerCase()}${member.slice(1)}.`)
  return value
}

/** The organizations operations. */
export function createOrganizationsOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  const ids = () => {
    const org = organizationId(store.getInstance()?.id ?? 'none')
    return { org, root: stableId('r-', `root:${org}`, 4), management: ctx.callers.adminAccountId() }
  }
  const accountShape = (a: Account) => {
    const { org, management } = ids()
    return {
      Id: a.id,
      Arn: `arn:aws:organizations::${management}:account/${org}/${a.id}`,
      Email: a.email,
      Name: a.name,
      Status: 'ACTIVE',
      State: 'ACTIVE',
      JoinedMethod: a.id === management ? 'CREATED' : 'INVITED',
      JoinedTimestamp: epochSeconds(a.createdAt),
    }
  }
  const page = (body: JsonBody, items: unknown[], key: string) => {
    try {
      const { page: slice, nextToken } = paginate(body, items, 20, 20)
      return compact({ [key]: slice, NextToken: nextToken })
    } catch (error) {
      // organizations reports every bad input as InvalidInputException, pagination included.
      if (error instanceof AwsError && error.code === 'ValidationException')
        throw invalidInput(error.message, body.NextToken === undefined ? 'MAX_VALUE_EXCEEDED' : 'INVALID_NEXT_TOKEN')
      throw error
    }
  }
  const rootOf = (body: JsonBody) => {
    const parent = patterned(body, 'ParentId', /^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/)
    if (parent !== ids().root)
      throw new AwsError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.")
    return parent
  }
  const accountOf = (body: JsonBody, member: string) => {
    const id = patterned(body, member, /^\d{12}$/)
    const account = store.getAccount(id)
    if (!account)
      throw new AwsError(
        member === 'ChildId' ? 'ChildNotFoundException' : 'AccountNotFoundException',
        member === 'ChildId'
          ? "We can't find a root, OU, account, or policy with the ChildId that you specified."
          : "You specified an account that doesn't exist.",
      )
    return account
  }
  return {
    DescribeOrganization() {
      const { org, management } = ids()
      return {
        Organization: {
          Id: org,
          Arn: `arn:aws:organizations::${management}:organization/${org}`,
          FeatureSet: 'ALL',
          MasterAccountArn: `arn:aws:organizations::${management}:account/${org}/${management}`,
          MasterAccountId: management,
          MasterAccountEmail: store.getAccount(management)?.email,
          AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
        },
      }
    },
    DescribeAccount: (body) => ({ Account: accountShape(accountOf(body, 'AccountId')) }),
    ListAccounts: (body) => page(body, store.listAccounts().map(accountShape), 'Accounts'),
    ListRoots(body) {
      const { org, root, management } = ids()
      const roots = [
        { Id: root, Arn: `arn:aws:organizations::${management}:root/${org}/${root}`, Name: 'Root', PolicyTypes: [] },
      ]
      return page(body, roots, 'Roots')
    },
    ListAccountsForParent(body) {
      rootOf(body)
      return page(body, store.listAccounts().map(accountShape), 'Accounts')
    },
    ListOrganizationalUnitsForParent(body) {
      rootOf(body)
      return page(body, [], 'OrganizationalUnits')
    },
    ListChildren(body) {
      rootOf(body)
      const type = present(body, 'ChildType')
      if (type !== 'ACCOUNT' && type !== 'ORGANIZATIONAL_UNIT')
        throw invalidInput('You specified an invalid value for childType.', 'INVALID_ENUM')
      const children = type === 'ACCOUNT' ? store.listAccounts().map((a) => ({ Id: a.id, Type: 'ACCOUNT' })) : []
      return page(body, children, 'Children')
    },
    ListParents(body) {
      accountOf(body, 'ChildId')
      return page(body, [{ Id: ids().root, Type: 'ROOT' }], 'Parents')
    },
  }
}
