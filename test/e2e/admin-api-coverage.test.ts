// The admin API coverage check: scripts/admin-api-coverage.ts --check calls every identitystore and
// sso-admin operation (and organizations' Identity Center calls) from the AWS CLI v2's models
// against a real `idc server --demo` and fails when fewer are implemented than docs/server.md claims.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  cliName,
  formatCoverage,
  minimalValue,
  parseClaims,
  shortfalls,
  type ServiceCoverage,
  type ServiceModel,
} from '../../scripts/admin-api-coverage.js'
import { REPO_ROOT, findAwsV2, requireTool } from '../helpers/tools.js'

const run = promisify(execFile)

describe('admin API coverage', () => {
  it('is at least what docs/server.md claims (the script in check mode)', async (ctx) => {
    if (!requireTool(findAwsV2())) ctx.skip()
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'admin-api-coverage.ts'), '--check'],
      { cwd: REPO_ROOT, timeout: 900_000 },
    )
    expect(stdout).toMatch(/^\| identitystore \| 19 \/ 19 \| — \|$/m)
  }, 900_000)

  const results: ServiceCoverage[] = [
    { service: 'identitystore', total: 3, implemented: ['A', 'B'], missing: ['C'] },
    { service: 'sso-admin', total: 2, implemented: ['X'], missing: ['Y'] },
  ]
  const docs = (table: string) => `text\n<!-- admin-api-coverage:start -->\n${table}\n<!-- admin-api-coverage:end -->\n`

  it('reads back the table it writes, and finds no shortfall against it', () => {
    expect(shortfalls(results, parseClaims(docs(formatCoverage(results))))).toEqual([])
  })

  it('reports fewer implemented operations and each operation no longer implemented', () => {
    const claimed = docs(
      formatCoverage([
        { service: 'identitystore', total: 3, implemented: ['A', 'B', 'C'], missing: [] },
        { service: 'sso-admin', total: 2, implemented: ['X'], missing: ['Y'] },
      ]),
    )
    expect(shortfalls(results, parseClaims(claimed))).toEqual([
      'identitystore: 2 implemented, docs/server.md claims 3',
      'identitystore: no longer implemented: C',
    ])
    expect(shortfalls(results, parseClaims('no markers'))).toHaveLength(2)
  })

  it('names operations as the AWS CLI does and builds inputs with only the required members', () => {
    expect(cliName('ListGroupMembershipsForMember')).toBe('list-group-memberships-for-member')
    expect(cliName('GetUserId')).toBe('get-user-id')
    const model: ServiceModel = {
      operations: {},
      shapes: {
        In: {
          type: 'structure',
          required: ['Id', 'Kind', 'Ids'],
          members: { Id: { shape: 'S' }, Kind: { shape: 'E' }, Ids: { shape: 'L' }, Opt: { shape: 'S' } },
        },
        S: { type: 'string', min: 3 },
        E: { type: 'string', enum: ['USER', 'GROUP'] },
        L: { type: 'list', member: { shape: 'S' }, min: 1 },
      },
    }
    expect(minimalValue(model, 'In')).toEqual({ Id: 'xxx', Kind: 'USER', Ids: ['xxx'] })
  })
})
