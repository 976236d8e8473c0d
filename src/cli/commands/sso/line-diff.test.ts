import { describe, expect, it } from 'vitest'
import { generatedMarker } from '../../../core/sso/populate-profiles.js'
import { ASSIGNMENTS, populateText } from '../../../../test/helpers/populate.js'
import { formatUnifiedDiff } from './line-diff.js'

const HAND_WRITTEN = `[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
`

function populate(text: string, assignments = ASSIGNMENTS, prune = false) {
  return populateText(text, 'config', assignments, prune)
}

describe('formatUnifiedDiff', () => {
  it('prints the dry run as a unified diff with context', () => {
    const once = populate(HAND_WRITTEN).text
    const fewer = ASSIGNMENTS.filter((a) => a.roleName !== 'ReadOnly' || a.accountId !== '111111111111')
    const after = populate(once, fewer, true).text
    const diff = formatUnifiedDiff(once, after, { from: 'config', to: 'config' })
    expect(diff).toBe(
      [
        '--- config',
        '+++ config',
        '@@ -6,11 +6,6 @@',
        ' sso_session = my-sso',
        ' sso_account_id = 111111111111',
        ' sso_role_name = Admin',
        '-[profile Dev.ReadOnly]',
        `-# ${generatedMarker('my-sso')}`,
        '-sso_session = my-sso',
        '-sso_account_id = 111111111111',
        '-sso_role_name = ReadOnly',
        ' [profile Prod.ReadOnly]',
        ` # ${generatedMarker('my-sso')}`,
        ' sso_session = my-sso',
        '',
      ].join('\n'),
    )
    expect(formatUnifiedDiff(once, once, { from: 'a', to: 'b' })).toBe('')
  })
})
