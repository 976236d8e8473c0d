// The SSO portal API (GetRoleCredentials, ListAccounts, ListAccountRoles, Logout) through
// app.request(), with a bearer token from a device-flow login.
import { describe, expect, it } from 'vitest'
import { deviceLogin, portalCaller, refreshToken, setupOidc as setup } from '../../../test/helpers/server/oidc-flows.js'

describe('portal', () => {
  async function signedIn(userName = 'alice') {
    const s = setup()
    const { token, client } = await deviceLogin(s, userName)
    return { s, token, client, get: portalCaller(s.app, token.accessToken) }
  }

  it('issues role credentials with expiration in epoch milliseconds from the permission set', async () => {
    const { s, get } = await signedIn()
    const r = await get('/federation/credentials?role_name=AdministratorAccess&account_id=123456789011')
    expect(r.status).toBe(200)
    const creds = r.body.roleCredentials
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(creds.expiration).toBe(s.deps.clock() + 8 * 3600_000)
    expect(s.deps.store.findIssuedCredentials(creds.accessKeyId)?.principal).toMatchObject({
      type: 'sso_role',
      accountId: '123456789011',
      sessionName: 'alice',
    })
  })

  it('answers 403 ForbiddenException "No access" for a role the user does not have', async () => {
    const { get } = await signedIn()
    const r = await get('/federation/credentials?account_id=123456789022&role_name=ReadOnly')
    expect([r.status, r.type, JSON.parse(r.body as string)]).toEqual([
      403,
      'ForbiddenException',
      { message: 'No access' },
    ])
  })

  it('answers 401 UnauthorizedException for an unknown token', async () => {
    const { get } = await signedIn()
    const r = await get('/assignment/accounts', 'nope')
    expect([r.status, r.type, JSON.parse(r.body as string)]).toEqual([
      401,
      'UnauthorizedException',
      { message: 'Session token not found or invalid' },
    ])
  })

  it('lists accounts and roles with next_token/max_result pagination', async () => {
    const { get } = await signedIn('bob')
    const first = await get('/assignment/accounts?max_result=1')
    expect(first.body).toEqual({
      accountList: [
        {
          accountId: '123456789011',
          accountName: 'DeveloperAccount',
          emailAddress: 'developer-account-admin@example.com',
        },
      ],
      nextToken: '1',
    })
    const second = await get('/assignment/accounts?max_result=1&next_token=1')
    expect(second.body).toEqual({
      accountList: [
        {
          accountId: '123456789022',
          accountName: 'ProductionAccount',
          emailAddress: 'production-account-admin@example.com',
        },
      ],
    })
    const roles = await get('/assignment/roles?account_id=123456789022')
    expect(roles.body).toEqual({
      roleList: [
        { roleName: 'BillingOnly', accountId: '123456789022' },
        { roleName: 'ReadOnly', accountId: '123456789022' },
      ],
    })
  })

  it('logs out: the access token and its refresh token stop working', async () => {
    const { s, get, token, client } = await signedIn()
    const res = await s.app.request('/logout', {
      method: 'POST',
      headers: { 'x-amz-sso_bearer_token': token.accessToken },
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect((await get('/assignment/accounts')).status).toBe(401)
    const refresh = await refreshToken(s.post, client, token.refreshToken)
    expect(refresh.type).toBe('InvalidGrantException')
  })

  it('rejects an access token after its hour', async () => {
    const { s, get } = await signedIn()
    s.deps.advance(3600_000)
    expect((await get('/assignment/accounts')).status).toBe(401)
  })
})
