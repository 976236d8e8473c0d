/**
 * `idc sso populate`'s planning over a config text, for the tests of the plan and of its dry-run
 * diff: three assignments of two accounts, and a plan-then-edit step. Only tests import it.
 *
 * @module
 */
import { editSharedConfigText } from '../../src/core/config/config-writer.js'
import { DEFAULT_PROFILE_TEMPLATE, planPopulate, type Assignment } from '../../src/core/sso/populate-profiles.js'

/** Dev's Admin and ReadOnly roles and Prod's ReadOnly, listed out of order. */
export const ASSIGNMENTS: Assignment[] = [
  { accountId: '222222222222', accountName: 'Prod', roleName: 'ReadOnly' },
  { accountId: '111111111111', accountName: 'Dev', roleName: 'Admin' },
  { accountId: '111111111111', accountName: 'Dev', roleName: 'ReadOnly' },
]

/** Plans the profiles of session `my-sso` in `text` (the file named `file`) and applies the plan. */
export function populateText(text: string, file: string, assignments = ASSIGNMENTS, prune = false) {
  const plan = planPopulate({
    text,
    file,
    sessionName: 'my-sso',
    assignments,
    template: DEFAULT_PROFILE_TEMPLATE,
    prune,
  })
  return { plan, text: editSharedConfigText(text, plan.updates) }
}
