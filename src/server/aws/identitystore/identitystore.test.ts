// Server tests for identitystore's 19 operations through the whole app, as the administrator.
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../app.js'
import { createTestDeps, type TestDeps } from '../../../../test/helpers/server/test-deps.js'
import { adminApis, type AdminCall } from '../../../../test/helpers/server/admin-api.js'

const STORE = 'd-9567a1b2c3'
let deps: TestDeps
let ids: AdminCall

beforeEach(() => {
  deps = createTestDeps({ now: Date.now() })
  ids = adminApis(createApp(deps), deps.store).identityStore
})

async function createUser(userName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await ids('CreateUser', { IdentityStoreId: STORE, UserName: userName, DisplayName: userName, ...extra })
  expect(res.status).toBe(200)
  return res.json.UserId
}

async function createGroup(displayName: string): Promise<string> {
  const res = await ids('CreateGroup', { IdentityStoreId: STORE, DisplayName: displayName })
  expect(res.status).toBe(200)
  return res.json.GroupId
}

describe('identitystore users', () => {
  it('keeps every attribute CreateUser sends and answers it in DescribeUser', async () => {
    const userId = await createUser('dave', {
      Name: { GivenName: 'Dave', FamilyName: 'Example', MiddleName: 'Q' },
      NickName: 'D',
      Title: 'Engineer',
      PhoneNumbers: [{ Value: '+81 3 0000 0000', Type: 'work', Primary: true }],
      ExternalIds: [{ Issuer: 'https://idp.example.com', Id: 'ext-1' }],
      Emails: [{ Value: 'dave@example.com', Type: 'work', Primary: true }],
    })
    const res = await ids('DescribeUser', { IdentityStoreId: STORE, UserId: userId })
    expect(res.json).toMatchObject({
      UserName: 'dave',
      Name: { GivenName: 'Dave', FamilyName: 'Example', MiddleName: 'Q' },
      NickName: 'D',
      Title: 'Engineer',
      PhoneNumbers: [{ Value: '+81 3 0000 0000' }],
      ExternalIds: [{ Issuer: 'https://idp.example.com', Id: 'ext-1' }],
      UserStatus: 'ENABLED',
    })
    expect(deps.store.getUser(userId)?.email).toBe('dave@example.com')
  })

  it('updates by attribute operations, removes without a value, and refuses a taken user name', async () => {
    const userId = await createUser('erin', { Name: { GivenName: 'Erin', FamilyName: 'Old' }, Title: 'T' })
    const ok = await ids('UpdateUser', {
      IdentityStoreId: STORE,
      UserId: userId,
      Operations: [
        { AttributePath: 'name.familyName', AttributeValue: 'New' },
        { AttributePath: 'displayName', AttributeValue: 'Erin New' },
        { AttributePath: 'emails', AttributeValue: [{ value: 'erin@example.com', type: 'work', primary: true }] },
        { AttributePath: 'title' },
      ],
    })
    expect(ok.status).toBe(200)
    const user = (await ids('DescribeUser', { IdentityStoreId: STORE, UserId: userId })).json
    expect(user).toMatchObject({ Name: { GivenName: 'Erin', FamilyName: 'New' }, DisplayName: 'Erin New' })
    expect(user.Emails).toEqual([{ Value: 'erin@example.com', Type: 'work', Primary: true }])
    expect(user.Title).toBeUndefined()
    expect(user.UpdatedAt).toBeGreaterThan(0)
    const taken = await ids('UpdateUser', {
      IdentityStoreId: STORE,
      UserId: userId,
      Operations: [{ AttributePath: 'userName', AttributeValue: 'alice' }],
    })
    expect(taken.json).toMatchObject({ __type: 'ConflictException', Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' })
    const bad = await ids('UpdateUser', {
      IdentityStoreId: STORE,
      UserId: userId,
      Operations: [{ AttributePath: 'passwordHash', AttributeValue: 'x' }],
    })
    expect(bad.json.__type).toBe('ValidationException')
  })

  it('finds user ids by user name, e-mail and external id, and deletes users with their assignments', async () => {
    const userId = await createUser('frank', {
      Emails: [{ Value: 'Frank@example.com', Primary: true }],
      ExternalIds: [{ Issuer: 'okta', Id: '00u1' }],
    })
    const byName = { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'frank' } }
    const byMail = { UniqueAttribute: { AttributePath: 'emails.value', AttributeValue: 'frank@example.com' } }
    const byExternal = { ExternalId: { Issuer: 'okta', Id: '00u1' } }
    for (const identifier of [byName, byMail, byExternal]) {
      expect((await ids('GetUserId', { IdentityStoreId: STORE, AlternateIdentifier: identifier })).json.UserId).toBe(
        userId,
      )
    }
    const ps = deps.store.findPermissionSetByName('ReadOnly')?.id as string
    deps.store.createAssignment({
      accountId: '123456789011',
      permissionSetId: ps,
      principalType: 'USER',
      principalId: userId,
      createdAt: 1,
    })
    expect((await ids('DeleteUser', { IdentityStoreId: STORE, UserId: userId })).status).toBe(200)
    expect(deps.store.listAssignments({ principalId: userId })).toEqual([])
    const gone = await ids('DescribeUser', { IdentityStoreId: STORE, UserId: userId })
    expect(gone.json).toMatchObject({ __type: 'ResourceNotFoundException', ResourceType: 'USER', ResourceId: userId })
    expect((await ids('GetUserId', { IdentityStoreId: STORE, AlternateIdentifier: byName })).json.__type).toBe(
      'ResourceNotFoundException',
    )
  })

  it.each([
    ['a malformed user id', { IdentityStoreId: STORE, UserId: 'nope' }, 'ValidationException'],
    ['another identity store', { IdentityStoreId: 'd-0000000000', UserId: 'nope' }, 'ResourceNotFoundException'],
    ['no identity store', { UserId: 'nope' }, 'ValidationException'],
  ])('DescribeUser refuses %s', async (_name, body, code) => {
    expect((await ids('DescribeUser', body)).json.__type).toBe(code)
  })
})

describe('identitystore groups and memberships', () => {
  it('updates, finds and deletes groups', async () => {
    const groupId = await createGroup('Auditors')
    await ids('UpdateGroup', {
      IdentityStoreId: STORE,
      GroupId: groupId,
      Operations: [
        { AttributePath: 'displayName', AttributeValue: 'Auditing' },
        { AttributePath: 'description', AttributeValue: 'Reads logs' },
      ],
    })
    expect((await ids('DescribeGroup', { IdentityStoreId: STORE, GroupId: groupId })).json).toMatchObject({
      DisplayName: 'Auditing',
      Description: 'Reads logs',
    })
    const found = await ids('GetGroupId', {
      IdentityStoreId: STORE,
      AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Auditing' } },
    })
    expect(found.json).toEqual({ GroupId: groupId, IdentityStoreId: STORE })
    const clash = await ids('UpdateGroup', {
      IdentityStoreId: STORE,
      GroupId: groupId,
      Operations: [{ AttributePath: 'displayName', AttributeValue: 'Developers' }],
    })
    expect(clash.json.__type).toBe('ConflictException')
    expect((await ids('DeleteGroup', { IdentityStoreId: STORE, GroupId: groupId })).status).toBe(200)
    expect((await ids('DeleteGroup', { IdentityStoreId: STORE, GroupId: groupId })).json).toMatchObject({
      __type: 'ResourceNotFoundException',
      ResourceType: 'GROUP',
    })
  })

  it('answers the membership lookups and deletes a membership', async () => {
    const userId = await createUser('gina')
    const groupId = await createGroup('Ops')
    const developers = deps.store.findGroupByName('Developers')?.id as string
    const created = await ids('CreateGroupMembership', {
      IdentityStoreId: STORE,
      GroupId: groupId,
      MemberId: { UserId: userId },
    })
    const membershipId = created.json.MembershipId
    expect(
      (await ids('CreateGroupMembership', { IdentityStoreId: STORE, GroupId: groupId, MemberId: { UserId: userId } }))
        .json.__type,
    ).toBe('ConflictException')
    expect(
      (await ids('GetGroupMembershipId', { IdentityStoreId: STORE, GroupId: groupId, MemberId: { UserId: userId } }))
        .json.MembershipId,
    ).toBe(membershipId)
    expect((await ids('DescribeGroupMembership', { IdentityStoreId: STORE, MembershipId: membershipId })).json).toEqual(
      { IdentityStoreId: STORE, MembershipId: membershipId, GroupId: groupId, MemberId: { UserId: userId } },
    )
    const member = await ids('IsMemberInGroups', {
      IdentityStoreId: STORE,
      MemberId: { UserId: userId },
      GroupIds: [groupId, developers],
    })
    expect(member.json.Results.map((r: { MembershipExists: boolean }) => r.MembershipExists)).toEqual([true, false])
    const mine = await ids('ListGroupMembershipsForMember', { IdentityStoreId: STORE, MemberId: { UserId: userId } })
    expect(mine.json.GroupMemberships.map((m: { GroupId: string }) => m.GroupId)).toEqual([groupId])
    expect((await ids('DeleteGroupMembership', { IdentityStoreId: STORE, MembershipId: membershipId })).status).toBe(
      200,
    )
    expect(
      (await ids('DescribeGroupMembership', { IdentityStoreId: STORE, MembershipId: membershipId })).json,
    ).toMatchObject({ __type: 'ResourceNotFoundException', ResourceType: 'GROUP_MEMBERSHIP' })
  })

  it('refuses IsMemberInGroups without group ids', async () => {
    const userId = await createUser('hank')
    const res = await ids('IsMemberInGroups', { IdentityStoreId: STORE, MemberId: { UserId: userId }, GroupIds: [] })
    expect(res.json.__type).toBe('ValidationException')
  })
})
