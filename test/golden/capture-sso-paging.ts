// Captures how the real AWS CLI v2 pages `aws sso list-accounts` and `aws sso list-account-roles`
// (--max-items, --page-size, --starting-token, --no-paginate, --max-results, --next-token) in each
// output format, with --query, and what it prints for bad values, into sso-paging.json beside this
// script. src/cli/commands/sso/paging-golden.test.ts replays every case against idc.
// The CLI talks to a real `idc server --generate-org 25` (the built idc: run `node scripts/build.mjs`
// first), signed in as its user `dev` through the device flow.
// Run: node --import tsx test/golden/capture-sso-paging.ts && npx prettier --write test/golden/sso-paging.json
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GENERATED_ORG_USER } from '../../src/server/domain/generated-org.js'
import { deviceLogin } from '../e2e/credentials-login.js'
import { approveOverHttp } from '../helpers/http-sign-in.js'
import { startServerProcess } from '../helpers/server-process.js'

const here = import.meta.dirname
const aws = execFileSync(process.execPath, [join(here, '..', '..', 'scripts', 'install-awscli-v2.mjs')], {
  encoding: 'utf8',
}).trim()
const version = execFileSync(aws, ['--version'], { encoding: 'utf8' }).split(' ')[0]

/** The number of accounts of the generated organisation; the test builds the same one. */
const ACCOUNTS = 25

/** A starting token as botocore writes it: base64 of Python's json.dumps. */
const token = (json: string) => Buffer.from(json).toString('base64')

const FORMATS = ['json', 'text', 'table', 'yaml', 'yaml-stream']
const ROLES = ['list-account-roles', '--account-id', '200000000001']

/** Each case: a name and the arguments after `aws sso` (the test adds --access-token). */
const cases: { name: string; args: string[] }[] = []
for (const format of FORMATS) {
  const o = ['--output', format]
  cases.push(
    { name: `${format}: every account`, args: ['list-accounts', ...o] },
    { name: `${format}: --max-items inside the first page`, args: ['list-accounts', '--max-items', '3', ...o] },
    {
      name: `${format}: --max-items cuts the second page`,
      args: ['list-accounts', '--max-items', '3', '--page-size', '2', ...o],
    },
    {
      name: `${format}: --max-items ends on a page boundary`,
      args: ['list-accounts', '--max-items', '4', '--page-size', '2', ...o],
    },
    {
      name: `${format}: --starting-token inside a page`,
      args: [
        'list-accounts',
        '--starting-token',
        token('{"nextToken": "2", "boto_truncate_amount": 1}'),
        '--max-items',
        '2',
        ...o,
      ],
    },
    {
      name: `${format}: --query over pages`,
      args: ['list-accounts', '--max-items', '3', '--page-size', '2', '--query', 'accountList[].accountId', ...o],
    },
    { name: `${format}: --no-paginate`, args: ['list-accounts', '--no-paginate', ...o] },
    {
      name: `${format}: --max-results and --next-token make one call`,
      args: ['list-accounts', '--max-results', '2', '--next-token', '3', ...o],
    },
    { name: `${format}: roles, cut after one`, args: [...ROLES, '--max-items', '1', ...o] },
  )
}
cases.push(
  { name: 'roles: every role', args: [...ROLES] },
  { name: 'roles: one per page', args: [...ROLES, '--page-size', '1', '--output', 'text'] },
  {
    name: 'roles: --starting-token from a cut',
    args: [...ROLES, '--starting-token', token('{"nextToken": null, "boto_truncate_amount": 1}')],
  },
  { name: 'roles: --no-paginate with --page-size', args: [...ROLES, '--no-paginate', '--page-size', '1'] },
  {
    name: 'roles: an unknown key in the starting token',
    args: [...ROLES, '--starting-token', token('{"nextToken": "1", "foo": 1}')],
  },
  {
    name: 'text: --query of the first item of each page',
    args: ['list-accounts', '--page-size', '10', '--query', 'accountList[0]', '--output', 'text'],
  },
  { name: 'json: --max-items past the end', args: ['list-accounts', '--max-items', '26', '--page-size', '7'] },
  { name: 'json: --max-items equal to the count', args: ['list-accounts', '--max-items', `${ACCOUNTS}`] },
  { name: 'json: --max-items 0 warns', args: ['list-accounts', '--max-items', '0'] },
  { name: 'text: --max-items -1 warns', args: ['list-accounts', '--max-items', '-1', '--output', 'text'] },
  { name: 'json: --max-items not a number', args: ['list-accounts', '--max-items', 'abc'] },
  { name: 'json: --max-items a fraction', args: ['list-accounts', '--max-items', '2.5'] },
  { name: 'json: --page-size not a number', args: ['list-accounts', '--page-size', 'abc'] },
  { name: 'json: --page-size 0', args: ['list-accounts', '--page-size', '0'] },
  { name: 'json: --page-size -3', args: ['list-accounts', '--page-size', '-3'] },
  { name: 'json: --page-size above the service maximum', args: ['list-accounts', '--page-size', '101'] },
  { name: 'json: --max-results not a number', args: ['list-accounts', '--max-results', 'abc'] },
  { name: 'json: --max-results 0', args: ['list-accounts', '--max-results', '0'] },
  { name: 'json: --no-paginate with --page-size', args: ['list-accounts', '--no-paginate', '--page-size', '2'] },
  {
    name: 'json: --no-paginate with --starting-token and --max-items',
    args: ['list-accounts', '--no-paginate', '--max-items', '2', '--starting-token', 'x'],
  },
  { name: 'json: --no-paginate with --max-items 0', args: ['list-accounts', '--no-paginate', '--max-items', '0'] },
  { name: 'json: --no-paginate with --max-items -1', args: ['list-accounts', '--no-paginate', '--max-items', '-1'] },
  {
    name: 'text: the global --no-paginate before the operation',
    args: ['--no-paginate', 'list-accounts', '--max-results', '2', '--output', 'text'],
  },
  { name: 'json: --next-token with --page-size', args: ['list-accounts', '--next-token', '2', '--page-size', '1'] },
)
const BAD_TOKENS: [string, string][] = [
  ['not base64', 'garbage'],
  ['the old form', '3___1'],
  ['the old form with None', 'None___1'],
  ['the old form with a word', '3___x'],
  ['the old form with three parts', 'a___b___c'],
  ['empty', ''],
  ['a number as the service token', token('{"nextToken": 5}')],
  ['a word as the amount', token('{"nextToken": "3", "boto_truncate_amount": "x"}')],
  ['a negative amount', token('{"nextToken": "3", "boto_truncate_amount": -1}')],
  ['true as the amount', token('{"nextToken": "3", "boto_truncate_amount": true}')],
  ['null as the amount', token('{"nextToken": "3", "boto_truncate_amount": null}')],
  ['an empty object', token('{}')],
  ['unknown keys', token('{"nextToken": "3", "foo": 1, "bar": 2}')],
  ['a parameter of the call', token('{"nextToken": "3", "maxResults": 2}')],
  ['no access token', token('{"accessToken": null, "nextToken": "3"}')],
  ['a JSON string', token('"abc"')],
  ['a JSON number', token('5')],
  ['JSON null', token('null')],
  ['a JSON list', token('[1]')],
]
for (const [name, value] of BAD_TOKENS)
  cases.push({
    name: `--starting-token: ${name}`,
    args: ['list-accounts', '--starting-token', value, '--max-items', '1', '--output', 'text'],
  })

const server = await startServerProcess({ demo: false, args: ['--generate-org', String(ACCOUNTS)] })
const home = mkdtempSync(join(tmpdir(), 'golden-paging-'))
try {
  const user = { username: GENERATED_ORG_USER.userName, password: GENERATED_ORG_USER.password }
  const { accessToken } = await deviceLogin(server, user, approveOverHttp)
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_REGION: server.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  }
  const results = cases.map((c) => {
    const run = spawnSync(aws, ['sso', ...c.args, '--access-token', accessToken], { env, encoding: 'utf8' })
    const scrub = (text: string) => text.split(accessToken).join('<TOKEN>').split(server.endpoint).join('<ENDPOINT>')
    console.log(`${c.name}: exit ${run.status}`)
    return { ...c, exitCode: run.status, stdout: scrub(run.stdout), stderr: scrub(run.stderr) }
  })
  const fixture = { awsCliVersion: version, accounts: ACCOUNTS, cases: results }
  writeFileSync(join(here, 'sso-paging.json'), `${JSON.stringify(fixture, null, 2)}\n`)
  console.log(`captured ${results.length} cases from ${version}`)
} finally {
  rmSync(home, { recursive: true, force: true })
  await server.stop()
}
