/**
 * The console's AWS accounts pages: the organisation tree, an account's assigned users and groups
 * with their permission sets and provisioning status, "Assign users or groups" (select users and
 * groups, select permission sets, submit) and removing access.
 *
 * @module
 */
import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'
import type { PageContext, PageEnv } from '../pages/page-context.js'
import type { Account, PrincipalType } from '../store/store.js'
import { consoleProps, Csrf, renderConsole, type ConsoleProps } from './console-app.js'

/** One assignment row as the account page shows it. */
interface AssignmentRow {
  principalType: PrincipalType
  principalId: string
  principalName: string
  permissionSetId: string
  permissionSetName: string
}

function AssignmentTable(props: ConsoleProps & { account: Account; rows: AssignmentRow[] }) {
  const { t } = props
  if (props.rows.length === 0) return <p class="muted">{t.noAssignments}</p>
  return (
    <table>
      <thead>
        <tr>
          <th>{t.principal}</th>
          <th>{t.principalType}</th>
          <th>{t.permissionSets}</th>
          <th>{t.provisioning}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr data-assignment={`${r.principalName}:${r.permissionSetName}`}>
            <td>{r.principalName}</td>
            <td>{r.principalType === 'USER' ? t.user : t.group}</td>
            <td>{r.permissionSetName}</td>
            <td>
              <span class="badge ok">{t.provisioned}</span>
            </td>
            <td>
              <form method="post" action={`/admin/accounts/${props.account.id}/remove`}>
                <Csrf csrf={props.csrf} />
                <input type="hidden" name="principalType" value={r.principalType} />
                <input type="hidden" name="principalId" value={r.principalId} />
                <input type="hidden" name="permissionSetId" value={r.permissionSetId} />
                <button type="submit" class="secondary">
                  {t.removeAccess}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The Accounts routes, mounted at `/admin/accounts`. */
export function createAccountPages(deps: ServerDeps) {
  const app = new Hono<PageEnv>()
  const { store } = deps

  function accountOf(c: PageContext): Account | undefined {
    return store.getAccount(c.req.param('id') ?? '')
  }

  function notFound(c: PageContext) {
    const { t } = consoleProps(c)
    return renderConsole(c, t.accounts, <p>{t.notFound}</p>, { status: 404 })
  }

  function rowsOf(accountId: string): AssignmentRow[] {
    return store.listAssignments({ accountId }).map((a) => {
      const principal = a.principalType === 'USER' ? store.getUser(a.principalId) : store.getGroup(a.principalId)
      const name = principal ? ('userName' in principal ? principal.userName : principal.displayName) : a.principalId
      return {
        principalType: a.principalType,
        principalId: a.principalId,
        principalName: name,
        permissionSetId: a.permissionSetId,
        permissionSetName: store.getPermissionSet(a.permissionSetId)?.name ?? a.permissionSetId,
      }
    })
  }

  function AssignForm(props: ConsoleProps & { account: Account }) {
    const { t } = props
    return (
      <form method="post" action={`/admin/accounts/${props.account.id}/assign`}>
        <Csrf csrf={props.csrf} />
        <fieldset>
          <legend>{t.selectPrincipals}</legend>
          <h3>{t.users}</h3>
          {store.listUsers().map((u) => (
            <label class="choice">
              <input type="checkbox" name={`user:${u.id}`} value="1" /> {u.userName}
            </label>
          ))}
          <h3>{t.groups}</h3>
          {store.listGroups().map((g) => (
            <label class="choice">
              <input type="checkbox" name={`group:${g.id}`} value="1" /> {g.displayName}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t.selectPermissionSets}</legend>
          {store.listPermissionSets().map((ps) => (
            <label class="choice">
              <input type="checkbox" name={`ps:${ps.id}`} value="1" /> {ps.name}
            </label>
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit">{t.submit}</button>
          <a href={`/admin/accounts/${props.account.id}`}>{t.cancel}</a>
        </div>
      </form>
    )
  }

  app.get('/', (c) => {
    const p = consoleProps(c)
    const accounts = store.listAccounts()
    return renderConsole(
      c,
      p.t.accounts,
      <>
        <h2>{p.t.organization}</h2>
        <div class="tree">
          <ul>
            <li>
              Root
              <ul>
                {accounts.map((a) => (
                  <li data-account={a.name}>
                    <a href={`/admin/accounts/${a.id}`}>{a.name}</a>{' '}
                    <span class="muted">
                      {a.id} | {a.email}
                    </span>{' '}
                    <span class="badge">{store.listAssignments({ accountId: a.id }).length}</span>
                  </li>
                ))}
              </ul>
            </li>
          </ul>
        </div>
      </>,
    )
  })

  app.get('/:id', (c) => {
    const account = accountOf(c)
    if (!account) return notFound(c)
    const p = consoleProps(c)
    const created = Number(c.req.query('assigned') ?? '0')
    return renderConsole(
      c,
      account.name,
      <>
        <dl class="kv">
          <dt>{p.t.accountId}</dt>
          <dd>{account.id}</dd>
          <dt>{p.t.email}</dt>
          <dd>{account.email}</dd>
        </dl>
        <div class="actions">
          <h2>{p.t.assignments}</h2>
          <a href={`/admin/accounts/${account.id}/assign`}>{p.t.assign}</a>
        </div>
        <AssignmentTable {...p} account={account} rows={rowsOf(account.id)} />
        <p>
          <a href="/admin/accounts">{p.t.back}</a>
        </p>
      </>,
      { notice: created > 0 ? p.t.assigned(created) : undefined },
    )
  })

  app.get('/:id/assign', (c) => {
    const account = accountOf(c)
    if (!account) return notFound(c)
    const p = consoleProps(c)
    return renderConsole(c, p.t.assign, <AssignForm {...p} account={account} />)
  })

  app.post('/:id/assign', (c) => {
    const account = accountOf(c)
    if (!account) return notFound(c)
    const p = consoleProps(c)
    const keys = Object.keys(c.get('form'))
    const principals = keys.flatMap((k): { type: PrincipalType; id: string }[] => {
      if (k.startsWith('user:') && store.getUser(k.slice(5))) return [{ type: 'USER', id: k.slice(5) }]
      if (k.startsWith('group:') && store.getGroup(k.slice(6))) return [{ type: 'GROUP', id: k.slice(6) }]
      return []
    })
    const sets = keys.filter((k) => k.startsWith('ps:') && store.getPermissionSet(k.slice(3))).map((k) => k.slice(3))
    if (principals.length === 0 || sets.length === 0)
      return renderConsole(c, p.t.assign, <AssignForm {...p} account={account} />, {
        status: 400,
        error: p.t.errSelect,
      })
    const now = deps.clock()
    let created = 0
    store.transaction(() => {
      for (const who of principals)
        for (const permissionSetId of sets)
          if (
            store.createAssignment({
              accountId: account.id,
              permissionSetId,
              principalType: who.type,
              principalId: who.id,
              createdAt: now,
            })
          )
            created++
    })
    return c.redirect(`/admin/accounts/${account.id}?assigned=${created}`, 302)
  })

  app.post('/:id/remove', (c) => {
    const account = accountOf(c)
    if (!account) return notFound(c)
    const f = c.get('form')
    store.deleteAssignment({
      accountId: account.id,
      permissionSetId: f.permissionSetId ?? '',
      principalType: f.principalType === 'GROUP' ? 'GROUP' : 'USER',
      principalId: f.principalId ?? '',
    })
    return c.redirect(`/admin/accounts/${account.id}`, 302)
  })

  return app
}
