// Server tests for the organizations operations Identity Center tools call.
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { createTestDeps } from '../../../test/helpers/server/test-deps.js'
import { adminApis, type AdminCall } from '../../../test/helpers/server/admin-api.js'

let orgs: AdminCall

beforeEach(() => {
  const deps = createTestDeps({ now: Date.now() })
  orgs = adminApis(createApp(deps), deps.store).organizations
})

describe('organizations', () => {
  it('describes the organisation with the first account as management account', async () => {
    const org = (await orgs('DescribeOrganization', {})).json.Organization
    expect(org.Id).toMatch(/^o-[a-z0-9]{10}$/)
    expect(org).toMatchObject({ MasterAccountId: '123456789011', FeatureSet: 'ALL' })
  })

  it('walks the tree: one root, the accounts under it, no organizational units', async () => {
    const [root] = (await orgs('ListRoots', {})).json.Roots
    expect(root.Id).toMatch(/^r-[a-z0-9]{4}$/)
    const children = await orgs('ListChildren', { ParentId: root.Id, ChildType: 'ACCOUNT' })
    expect(children.json.Children).toEqual([
      { Id: '123456789011', Type: 'ACCOUNT' },
      { Id: '123456789022', Type: 'ACCOUNT' },
    ])
    expect((await orgs('ListOrganizationalUnitsForParent', { ParentId: root.Id })).json.OrganizationalUnits).toEqual([])
    const page = await orgs('ListAccountsForParent', { ParentId: root.Id, MaxResults: 1 })
    expect(page.json.Accounts).toHaveLength(1)
    expect(page.json.NextToken).toBeTruthy()
    expect((await orgs('ListParents', { ChildId: '123456789022' })).json.Parents).toEqual([
      { Id: root.Id, Type: 'ROOT' },
    ])
    expect((await orgs('DescribeAccount', { AccountId: '123456789022' })).json.Account.Name).toBe('ProductionAccount')
  })

  it.each([
    ['DescribeAccount', { AccountId: '000000000000' }, 'AccountNotFoundException'],
    ['DescribeAccount', { AccountId: 'abc' }, 'InvalidInputException'],
    ['ListChildren', { ParentId: 'r-zzzz', ChildType: 'ACCOUNT' }, 'ParentNotFoundException'],
    ['ListParents', { ChildId: '000000000000' }, 'ChildNotFoundException'],
    ['ListAccounts', { NextToken: 'garbage' }, 'InvalidInputException'],
    ['ListAccounts', { MaxResults: 21 }, 'InvalidInputException'],
    ['ListChildren', {}, 'InvalidInputException'],
  ])('%s refuses %j with %s', async (op, body, code) => {
    expect((await orgs(op, body)).json.__type).toBe(code)
  })
})
