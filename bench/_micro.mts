import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SignatureV4 } from '@smithy/signature-v4'
import { createHash, createHmac } from 'node:crypto'
import { startTestServer } from '../src/server/aws/test-server.js'
import { issueRoleCredentials } from '../src/server/domain/role-credentials.js'
import { createCallerResolver } from '../src/server/aws/callers.js'
import { createSigV4Verifier } from '../src/server/aws/sigv4.js'
class H { h: any; constructor(private s?: any) { this.h = s ? createHmac('sha256', s) : createHash('sha256') } update(d: any) { this.h.update(d) } async digest() { return new Uint8Array(this.h.digest()) } reset() {} }
const s = await startTestServer({ dbPath: join(mkdtempSync(join(tmpdir(), 'm-')), 'db') })
const c = issueRoleCredentials(s.deps, s.deps.store.findUserByName('alice')!, '123456789011', s.deps.store.findPermissionSetByName('AdministratorAccess')!)
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15'
const signer = new SignatureV4({ credentials: c, region: 'ap-northeast-1', service: 'sts', sha256: H as any })
const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4566, path: '/', query: {}, headers: { host: '127.0.0.1:4566', 'content-type': 'application/x-www-form-urlencoded' }, body: BODY })
const req = { method: 'POST', path: '/', query: '', headers: Object.entries(signed.headers as Record<string,string>), body: BODY }
const callers = createCallerResolver(s.deps.store)
const verifier = createSigV4Verifier({ lookup: callers.lookup, clock: () => Date.now() })
function time(name: string, fn: () => void, n = 20000) {
  for (let i = 0; i < 1000; i++) fn()
  const t0 = process.cpuUsage(); for (let i = 0; i < n; i++) fn(); const t = process.cpuUsage(t0)
  console.log(name, ((t.user + t.system) / n).toFixed(2), 'us')
}
time('lookup', () => callers.lookup(c.accessKeyId))
time('verify', () => verifier.verify(req, 'sts'))
await s.close()
