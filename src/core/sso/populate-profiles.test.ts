import { describe, expect, it } from 'vitest'
import { ASSIGNMENTS, populateText } from '../../../test/helpers/populate.js'
import {
  checkProfileTemplate,
  findGeneratedProfiles,
  formatProfileName,
  generatedMarker,
  nameAssignments,
  safeProfileName,
  type Assignment,
} from './populate-profiles.js'

const HAND_WRITTEN = `# my settings
[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1

[profile mine]   ; keep me
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = Admin
`

function populate(text: string, assignments = ASSIGNMENTS, prune = false) {
  return populateText(text, '/home/u/.aws/config', assignments, prune)
}

describe('profile names', () => {
  it.each([
    ['{account_name}.{role_name}', 'Dev.Admin'],
    ['{session}-{account_id}-{role_name}', 'my-sso-111111111111-Admin'],
    ['{account_name}/{role_name} [x]', 'Dev-Admin-x'],
  ])('fills %s as %s', (template, expected) => {
    expect(formatProfileName(template, ASSIGNMENTS[1]!, 'my-sso')).toBe(expected)
  })

  it.each([
    ['Team A: Prod (EU)', 'Team-A-Prod-EU'],
    ['--weird..name--', 'weird..name'],
    ['日本語', ''],
  ])('makes %j safe as %j', (raw, expected) => {
    expect(safeProfileName(raw)).toBe(expected)
  })

  it('uses the account id when an account has no name', () => {
    expect(formatProfileName('{account_name}.{role_name}', { accountId: '1', roleName: 'R' }, 's')).toBe('1.R')
  })

  it.each([
    ['{account_name}.{role}', /Unknown placeholder \{role\}/],
    ['static', /at least one placeholder/],
  ])('refuses the template %s', (template, message) => {
    expect(checkProfileTemplate(template)).toMatch(message)
  })

  it('resolves collisions predictably, whatever order the API answered in', () => {
    const same: Assignment[] = [
      { accountId: '333333333333', accountName: 'App', roleName: 'Admin' },
      { accountId: '222222222222', accountName: 'App', roleName: 'Admin' },
      { accountId: '444444444444', accountName: 'App!', roleName: 'Admin' },
    ]
    const options = { template: '{account_name}.{role_name}', sessionName: 's', reserved: new Set(['App.Admin']) }
    const names = [...nameAssignments(same, options).keys()]
    expect(names).toEqual(['App.Admin-222222222222', 'App.Admin-333333333333', 'App-.Admin'])
    expect([...nameAssignments([...same].reverse(), options).keys()]).toEqual(names)
  })
})

describe('planPopulate', () => {
  it('adds marked profiles, keeps hand-written ones and comments, and names around taken names', () => {
    const { plan, text } = populate(HAND_WRITTEN)
    expect(plan.added).toEqual(['Dev.Admin', 'Dev.ReadOnly', 'Prod.ReadOnly'])
    expect(text.startsWith(HAND_WRITTEN)).toBe(true)
    expect(text.slice(HAND_WRITTEN.length)).toBe(
      [
        '[profile Dev.Admin]',
        `# ${generatedMarker('my-sso')}`,
        'sso_session = my-sso',
        'sso_account_id = 111111111111',
        'sso_role_name = Admin',
        '[profile Dev.ReadOnly]',
        `# ${generatedMarker('my-sso')}`,
        'sso_session = my-sso',
        'sso_account_id = 111111111111',
        'sso_role_name = ReadOnly',
        '[profile Prod.ReadOnly]',
        `# ${generatedMarker('my-sso')}`,
        'sso_session = my-sso',
        'sso_account_id = 222222222222',
        'sso_role_name = ReadOnly',
        '',
      ].join('\n'),
    )
    expect(findGeneratedProfiles(text, 'my-sso')).toEqual(new Set(['Dev.Admin', 'Dev.ReadOnly', 'Prod.ReadOnly']))
    expect(findGeneratedProfiles(text, 'other')).toEqual(new Set())
  })

  it('gives a hand-written profile of the same name precedence', () => {
    const text = `${HAND_WRITTEN}[profile Dev.Admin]\nregion = eu-west-1\n`
    const { plan, text: after } = populate(text)
    expect(plan.added).toContain('Dev.Admin-111111111111')
    expect(after.startsWith(text)).toBe(true)
  })

  it('changes no byte on a rerun with the same assignments', () => {
    const once = populate(HAND_WRITTEN).text
    const twice = populate(once)
    expect(twice.plan.updates).toEqual([])
    expect(twice.text).toBe(once)
  })

  it('updates a generated profile that was edited, and only it', () => {
    const once = populate(HAND_WRITTEN).text
    const edited = once.replace(
      'sso_role_name = Admin\n[profile Dev.ReadOnly]',
      'sso_role_name = Wrong\n[profile Dev.ReadOnly]',
    )
    const again = populate(edited)
    expect([again.plan.updated, again.plan.added]).toEqual([['Dev.Admin'], []])
    expect(again.text).toBe(once)
  })

  it('keeps a gone role without --prune and removes only it with --prune', () => {
    const once = populate(HAND_WRITTEN).text
    const fewer = ASSIGNMENTS.filter((a) => a.accountId !== '222222222222')
    const kept = populate(once, fewer)
    expect([kept.plan.stale, kept.text]).toEqual([['Prod.ReadOnly'], once])
    const pruned = populate(once, fewer, true)
    expect(pruned.plan.removed).toEqual(['Prod.ReadOnly'])
    expect(pruned.text).toBe(once.slice(0, once.indexOf('[profile Prod.ReadOnly]')))
    // Removing every role never touches the hand-written profile.
    expect(populate(once, [], true).text).toBe(HAND_WRITTEN)
  })
})
