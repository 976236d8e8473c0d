// The JS SDK v3 peer: resolves a profile's credentials the way a Node tool would and prints them
// in the credential_process format. Usage: node js-sdk-credentials.mjs sso|ini PROFILE
// Plain JavaScript run by plain `node`, so no TypeScript loader is part of the time measured.
import { fromIni, fromSSO } from '@aws-sdk/credential-providers'

const [mode, profile] = process.argv.slice(2)
const provider = mode === 'ini' ? fromIni({ profile }) : fromSSO({ profile })
const credentials = await provider()
const out = {
  Version: 1,
  AccessKeyId: credentials.accessKeyId,
  SecretAccessKey: credentials.secretAccessKey,
  SessionToken: credentials.sessionToken,
  Expiration: credentials.expiration?.toISOString(),
}
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
