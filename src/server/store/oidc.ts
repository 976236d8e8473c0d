/**
 * The OIDC grants before a token exists: client registrations (RegisterClient), device
 * authorizations (StartDeviceAuthorization and the verification page) and PKCE authorization codes.
 * Device codes and authorization codes are kept as SHA-256 hashes.
 *
 * @module
 */
import { checkLimits } from './limits.js'
import { jsonColumn, type Sql } from './sqlite.js'
import type { AuthorizationCode, DeviceAuthorization, OidcClient } from './types.js'

/** Reads and writes of clients, device authorizations and authorization codes. */
export interface OidcStore {
  /** Stores a client registration. */
  registerClient(client: OidcClient): void
  /** Sets the secret of an adopted client on its first authenticated use; false if it already had one. */
  bindClientSecret(clientId: string, clientSecretHash: string): boolean
  /** A client registration. */
  getClient(clientId: string): OidcClient | undefined
  /** Stores a new device authorization. */
  createDeviceAuthorization(authorization: DeviceAuthorization): void
  /** A device authorization by its user code. */
  findDeviceAuthorizationByUserCode(userCode: string): DeviceAuthorization | undefined
  /** A device authorization by the hash of its device code. */
  findDeviceAuthorization(deviceCodeHash: string): DeviceAuthorization | undefined
  /** Approves or denies a pending device authorization; false when it was no longer pending. */
  decideDeviceAuthorization(userCode: string, decision: 'approved' | 'denied', userId: string): boolean
  /** Counts a CreateToken poll and returns the record as it was before this poll. */
  recordDevicePoll(deviceCodeHash: string, now: number): DeviceAuthorization | undefined
  /** Marks an approved device authorization used; false when it was already used (single use). */
  consumeDeviceAuthorization(deviceCodeHash: string): boolean
  /** Stores an authorization code. */
  createAuthorizationCode(code: AuthorizationCode): void
  /** Marks a code used and returns it as it was; a second call sees `used: true`. */
  consumeAuthorizationCode(codeHash: string): AuthorizationCode | undefined
}

interface ClientRow {
  client_id: string
  client_secret_hash: string
  client_name: string
  client_type: string
  scopes: string
  redirect_uris: string
  grant_types: string
  issuer_url: string | null
  issued_at: number
  expires_at: number
}
interface DeviceRow {
  device_code_hash: string
  user_code: string
  client_id: string
  start_url: string
  scopes: string
  status: DeviceAuthorization['status']
  user_id: string | null
  interval_s: number
  poll_count: number
  last_poll_at: number | null
  created_at: number
  expires_at: number
}
interface CodeRow {
  code_hash: string
  client_id: string
  user_id: string
  redirect_uri: string
  code_challenge: string
  scopes: string
  used: number
  created_at: number
  expires_at: number
}

function toClient(r: ClientRow): OidcClient {
  return {
    clientId: r.client_id,
    clientSecretHash: r.client_secret_hash,
    clientName: r.client_name,
    clientType: r.client_type,
    scopes: jsonColumn(r.scopes, []),
    redirectUris: jsonColumn(r.redirect_uris, []),
    grantTypes: jsonColumn(r.grant_types, []),
    issuerUrl: r.issuer_url,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
  }
}
function toDevice(r: DeviceRow): DeviceAuthorization {
  return {
    deviceCodeHash: r.device_code_hash,
    userCode: r.user_code,
    clientId: r.client_id,
    startUrl: r.start_url,
    scopes: jsonColumn(r.scopes, []),
    status: r.status,
    userId: r.user_id,
    intervalSeconds: r.interval_s,
    pollCount: r.poll_count,
    lastPollAt: r.last_poll_at,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }
}
function toCode(r: CodeRow): AuthorizationCode {
  return {
    codeHash: r.code_hash,
    clientId: r.client_id,
    userId: r.user_id,
    redirectUri: r.redirect_uri,
    codeChallenge: r.code_challenge,
    scopes: jsonColumn(r.scopes, []),
    used: r.used === 1,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }
}

/** The OIDC module over one database. */
export function createOidcStore(sql: Sql): OidcStore {
  const device = (r: DeviceRow | undefined) => (r ? toDevice(r) : undefined)
  const store: OidcStore = {
    registerClient(c) {
      checkLimits({
        clientName: c.clientName,
        clientType: c.clientType,
        scopes: c.scopes,
        redirectUris: c.redirectUris,
        grantTypes: c.grantTypes,
        issuerUrl: c.issuerUrl,
      })
      sql.run(
        `INSERT INTO oidc_clients (client_id, client_secret_hash, client_name, client_type, scopes, redirect_uris, grant_types, issuer_url, issued_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        c.clientId,
        c.clientSecretHash,
        c.clientName,
        c.clientType,
        JSON.stringify(c.scopes),
        JSON.stringify(c.redirectUris),
        JSON.stringify(c.grantTypes),
        c.issuerUrl,
        c.issuedAt,
        c.expiresAt,
      )
    },
    bindClientSecret: (clientId, clientSecretHash) =>
      sql.run(
        "UPDATE oidc_clients SET client_secret_hash = ? WHERE client_id = ? AND client_secret_hash = ''",
        clientSecretHash,
        clientId,
      ) === 1,
    getClient(clientId) {
      const r = sql.one<ClientRow>('SELECT * FROM oidc_clients WHERE client_id = ?', clientId)
      return r ? toClient(r) : undefined
    },

    createDeviceAuthorization(d) {
      checkLimits({ startUrl: d.startUrl, scopes: d.scopes })
      sql.run(
        `INSERT INTO device_authorizations (device_code_hash, user_code, client_id, start_url, scopes, status, user_id, interval_s, poll_count, last_poll_at, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        d.deviceCodeHash,
        d.userCode,
        d.clientId,
        d.startUrl,
        JSON.stringify(d.scopes),
        d.status,
        d.userId,
        d.intervalSeconds,
        d.pollCount,
        d.lastPollAt,
        d.createdAt,
        d.expiresAt,
      )
    },
    findDeviceAuthorizationByUserCode: (userCode) =>
      device(sql.one<DeviceRow>('SELECT * FROM device_authorizations WHERE user_code = ?', userCode)),
    findDeviceAuthorization: (deviceCodeHash) =>
      device(sql.one<DeviceRow>('SELECT * FROM device_authorizations WHERE device_code_hash = ?', deviceCodeHash)),
    decideDeviceAuthorization: (userCode, decision, userId) =>
      sql.run(
        "UPDATE device_authorizations SET status = ?, user_id = ? WHERE user_code = ? AND status = 'pending'",
        decision,
        userId,
        userCode,
      ) === 1,
    recordDevicePoll(deviceCodeHash, now) {
      return sql.transaction(() => {
        const before = store.findDeviceAuthorization(deviceCodeHash)
        if (before)
          sql.run(
            'UPDATE device_authorizations SET poll_count = poll_count + 1, last_poll_at = ? WHERE device_code_hash = ?',
            now,
            deviceCodeHash,
          )
        return before
      })
    },
    consumeDeviceAuthorization: (deviceCodeHash) =>
      sql.run(
        "UPDATE device_authorizations SET status = 'used' WHERE device_code_hash = ? AND status = 'approved'",
        deviceCodeHash,
      ) === 1,

    createAuthorizationCode(c) {
      checkLimits({ redirectUri: c.redirectUri, codeChallenge: c.codeChallenge, scopes: c.scopes })
      sql.run(
        `INSERT INTO authorization_codes (code_hash, client_id, user_id, redirect_uri, code_challenge, scopes, used, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        c.codeHash,
        c.clientId,
        c.userId,
        c.redirectUri,
        c.codeChallenge,
        JSON.stringify(c.scopes),
        c.createdAt,
        c.expiresAt,
      )
    },
    consumeAuthorizationCode(codeHash) {
      return sql.transaction(() => {
        const r = sql.one<CodeRow>('SELECT * FROM authorization_codes WHERE code_hash = ?', codeHash)
        if (r) sql.run('UPDATE authorization_codes SET used = 1 WHERE code_hash = ?', codeHash)
        return r ? toCode(r) : undefined
      })
    },
  }
  return store
}
