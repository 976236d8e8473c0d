/**
 * Child process of bench/server-throughput.ts: the whole idc server app (demo organisation, SQLite
 * file in WAL mode) on 127.0.0.1, plus Identity Center role credentials for alice to sign with.
 * Prints one JSON line `{url, credentials}` and serves until killed.
 *
 * @module
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startTestServer } from '../src/server/aws/test-server.js'
import { issueRoleCredentials } from '../src/server/domain/role-credentials.js'

const dir = mkdtempSync(join(tmpdir(), 'idc-bench-server-'))
const server = await startTestServer({ dbPath: join(dir, 'idc.db') })
const { store } = server.deps
const user = store.findUserByName('alice')
const ps = store.findPermissionSetByName('AdministratorAccess')
if (!user || !ps) throw new Error('demo organisation missing')
const c = issueRoleCredentials(server.deps, user, '123456789011', ps)
process.stdout.write(`${JSON.stringify({ url: server.url, credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken } })}\n`)
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0))
})
