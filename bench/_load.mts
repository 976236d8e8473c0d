import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { SignatureV4 } from '@smithy/signature-v4'
import { createHash, createHmac } from 'node:crypto'
class H { h: any; constructor(private s?: any) { this.h = s ? createHmac('sha256', s) : createHash('sha256') } update(d: any) { this.h.update(d) } async digest() { return new Uint8Array(this.h.digest()) } reset() {} }
const info = JSON.parse(readFileSync('/tmp/srv.json', 'utf8'))
const url = new URL(info.url)
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15'
const signer = new SignatureV4({ credentials: info.credentials, region: 'ap-northeast-1', service: 'sts', sha256: H as any })
const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' }, body: BODY })
const headers = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => k !== 'host'))
const r = await autocannon({ url: info.url, method: 'POST', headers, body: BODY, connections: 16, duration: 5 })
console.log(r.requests.average, r.latency.p50, r.latency.p99, r.non2xx)
