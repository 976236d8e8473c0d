import { describe, expect, it } from 'vitest'
import { createFakeAwsClients } from '../../../test/helpers/fake-aws-clients.js'
import { listSsoAccountRoles, listSsoAccounts, nextPageToken } from './portal.js'

const TARGET = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }

describe('listSsoAccounts / listSsoAccountRoles (the configure sso wizard)', () => {
  it('follows nextToken to the last page', async () => {
    const clients = createFakeAwsClients({
      ListAccountsCommand: (input) =>
        input['nextToken'] === undefined
          ? { accountList: [{ accountId: '1' }], nextToken: 'p2' }
          : { accountList: [{ accountId: '2' }] },
    })
    const accounts = await listSsoAccounts(clients, TARGET, 'tok')
    expect(accounts.map((a) => a.accountId)).toEqual(['1', '2'])
    expect(clients.calls.map((c) => c.input['nextToken'])).toEqual([undefined, 'p2'])
  })

  it("raises botocore's pagination error when the service repeats a page token", async () => {
    const clients = createFakeAwsClients({
      ListAccountRolesCommand: () => ({ roleList: [{ roleName: 'Admin' }], nextToken: "it's" }),
    })
    await expect(listSsoAccountRoles(clients, TARGET, 'tok', '1')).rejects.toThrow(
      "Error during pagination: The same next token was received twice: {'nextToken': 'it\\'s'}",
    )
    expect(clients.calls).toHaveLength(2)
  })
})

describe('nextPageToken', () => {
  it('ends at an empty or missing token and records the others', () => {
    const seen = new Set<string>()
    expect(nextPageToken(seen, undefined)).toBeUndefined()
    expect(nextPageToken(seen, '')).toBeUndefined()
    expect(nextPageToken(seen, 'a')).toBe('a')
    expect(nextPageToken(seen, 'b')).toBe('b')
    // A cycle longer than one page would loop for ever; it raises the same error.
    expect(() => nextPageToken(seen, 'a')).toThrow(
      "Error during pagination: The same next token was received twice: {'nextToken': 'a'}",
    )
  })
})
