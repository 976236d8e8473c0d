// The ceiling for benchmark 5: a bare node:http server that reads the request and answers a fixed
// GetCallerIdentity-sized body, with no parsing, signature check or storage. Prints its port on
// stdout, then serves until SIGTERM. Usage: node bare-server.mjs
import { createServer } from 'node:http'

const body = Buffer.from(
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
    '<Arn>arn:aws:sts::123456789011:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice</Arn>' +
    '<UserId>AROAEXAMPLEEXAMPLEEXA:alice</UserId><Account>123456789011</Account></GetCallerIdentityResult>' +
    '<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
)
const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': body.length })
    res.end(body)
  })
})
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
