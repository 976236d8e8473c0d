/**
 * The console's Users pages: the list with search, "Add user" (as in guide 002: username, the
 * two password options — an invitation email or a one-time password shown once — email and its
 * confirmation, first, last and display name), a user's details with its groups and MFA devices,
 * password reset and MFA device removal.
 *
 * @module
 */
import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'
import { createInvitation } from '../domain/invitations.js'
import { newDirectoryId } from '../domain/org.js'
import { randomToken } from '../ids.js'
import { LocalTime } from '../pages/layout.js'
import type { PageContext, PageEnv } from '../pages/page-context.js'
import type { User } from '../store/store.js'
import { consoleProps, Csrf, PostButton, renderConsole, type ConsoleProps } from './console-app.js'

const USER_NAME = /^[\w+=,.@-]{1,128}$/
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
const RESERVED = new Set(['administrator', 'aws-administrator'])

/** The add-user form's fields. */
interface NewUser {
  username: string
  passwordMode: 'email' | 'otp'
  email: string
  confirmEmail: string
  givenName: string
  familyName: string
  displayName: string
}

function UserTable(props: ConsoleProps & { users: User[] }) {
  const { t } = props
  if (props.users.length === 0) return <p>{t.noUsers}</p>
  return (
    <table>
      <thead>
        <tr>
          <th>{t.username}</th>
          <th>{t.displayName}</th>
          <th>{t.email}</th>
          <th>{t.status}</th>
          <th>{t.created}</th>
        </tr>
      </thead>
      <tbody>
        {props.users.map((u) => (
          <tr data-user={u.userName}>
            <td>
              <a href={`/admin/users/${u.id}`}>{u.userName}</a>
            </td>
            <td>{u.displayName ?? ''}</td>
            <td>{u.email ?? ''}</td>
            <td>{t.statusOf(u.status)}</td>
            <td>
              <LocalTime ms={u.createdAt} lang={props.lang} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function AddUserForm(props: ConsoleProps & { values: NewUser }) {
  const { t, values: v } = props
  const text = (id: keyof NewUser, label: string, type = 'text', hint?: string) => (
    <>
      <label for={id}>{label}</label>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <input type={type} id={id} name={id} value={v[id]} aria-describedby={hint ? `${id}-hint` : undefined} />
    </>
  )
  return (
    <form method="post" action="/admin/users/new">
      <Csrf csrf={props.csrf} />
      {text('username', t.username, 'text', t.usernameHint)}
      <fieldset>
        <legend>{t.password}</legend>
        <label class="choice">
          <input type="radio" name="passwordMode" value="email" checked={v.passwordMode === 'email'} /> {t.sendEmail}
        </label>
        <label class="choice">
          <input type="radio" name="passwordMode" value="otp" checked={v.passwordMode === 'otp'} /> {t.oneTimePassword}
        </label>
      </fieldset>
      {text('email', t.email, 'email')}
      {text('confirmEmail', t.confirmEmail, 'email')}
      {text('givenName', t.firstName)}
      {text('familyName', t.lastName)}
      {text('displayName', t.displayName)}
      <div class="actions">
        <button type="submit">{t.addUser}</button>
        <a href="/admin/users">{t.cancel}</a>
      </div>
    </form>
  )
}

function readNewUser(form: Record<string, string>): NewUser {
  const get = (k: string) => (form[k] ?? '').trim()
  return {
    username: get('username'),
    passwordMode: form.passwordMode === 'otp' ? 'otp' : 'email',
    email: get('email'),
    confirmEmail: get('confirmEmail'),
    givenName: get('givenName'),
    familyName: get('familyName'),
    displayName: get('displayName'),
  }
}

/** The first problem with the form, in the console's words; undefined when it is valid. */
function problemOf(deps: ServerDeps, p: ConsoleProps, v: NewUser): string | undefined {
  const { t } = p
  if (!USER_NAME.test(v.username) || RESERVED.has(v.username.toLowerCase())) return t.errUserName
  if (deps.store.findUserByName(v.username)) return t.errUserExists(v.username)
  if (v.passwordMode === 'email' && !v.email) return t.errEmailNeeded
  if (v.email && !EMAIL.test(v.email)) return t.errEmail
  if (v.email !== v.confirmEmail) return t.errEmailMismatch
  if (!v.givenName) return t.errRequired(t.firstName)
  if (!v.familyName) return t.errRequired(t.lastName)
  if (!v.displayName) return t.errRequired(t.displayName)
  if ([v.givenName, v.familyName, v.displayName, v.email].some((x) => x.length > 1024))
    return t.errRequired(t.displayName)
  return undefined
}

/** A one-time password that meets the policy: 20 URL-safe characters plus a fixed `Aa1` tail. */
function oneTimePassword(deps: ServerDeps): string {
  return `${randomToken(deps.ids, 15)}Aa1`
}

/**
 * Gives `user` a new one-time password and shows it, on this response only (the store keeps its
 * hash). As AWS: it works for one sign-in, which asks for a new password before anything else.
 */
function showOneTimePassword(c: PageContext, deps: ServerDeps, user: User, notice: string) {
  const { t } = consoleProps(c)
  const password = oneTimePassword(deps)
  deps.store.setUserPassword(user.id, deps.passwords.hash(password), { changeRequired: true })
  return renderConsole(
    c,
    user.userName,
    <>
      <p>{t.oneTimePasswordShown}</p>
      <p class="secret" data-testid="one-time-password">
        {password}
      </p>
      <p>
        <a href={`/admin/users/${user.id}`}>{t.generalInfo}</a>
      </p>
    </>,
    { notice },
  )
}

function UserDetails(props: ConsoleProps & { user: User; groups: { id: string; name: string }[] }) {
  const { t, user: u } = props
  return (
    <>
      <h2>{t.generalInfo}</h2>
      <dl class="kv">
        <dt>{t.userId}</dt>
        <dd data-testid="user-id">{u.id}</dd>
        <dt>{t.username}</dt>
        <dd>{u.userName}</dd>
        <dt>{t.email}</dt>
        <dd>{u.email ?? ''}</dd>
        <dt>{t.firstName}</dt>
        <dd>{u.givenName ?? ''}</dd>
        <dt>{t.lastName}</dt>
        <dd>{u.familyName ?? ''}</dd>
        <dt>{t.displayName}</dt>
        <dd>{u.displayName ?? ''}</dd>
        <dt>{t.status}</dt>
        <dd data-testid="user-status">{t.statusOf(u.status)}</dd>
        <dt>{t.created}</dt>
        <dd>
          <LocalTime ms={u.createdAt} lang={props.lang} />
        </dd>
      </dl>
      <h2>{t.groupMemberships}</h2>
      {props.groups.length === 0 ? (
        <p class="muted">-</p>
      ) : (
        <ul>
          {props.groups.map((g) => (
            <li>
              <a href={`/admin/groups/${g.id}`}>{g.name}</a>
            </li>
          ))}
        </ul>
      )}
      <h2>{t.mfaDevices}</h2>
      {u.totpSecret ? (
        <table>
          <tbody>
            <tr data-testid="mfa-device">
              <td>{t.authenticatorApp}</td>
              <td>
                <PostButton action={`/admin/users/${u.id}/mfa/delete`} csrf={props.csrf}>
                  {t.deleteDevice}
                </PostButton>
              </td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p class="muted">{t.noMfaDevices}</p>
      )}
      <div class="actions">
        {u.email || u.status !== 'invited' ? (
          <form method="post" action={`/admin/users/${u.id}/reset-password`}>
            <Csrf csrf={props.csrf} />
            {u.email ? (
              <label class="choice">
                <input type="radio" name="mode" value="email" checked /> {t.resetByEmail}
              </label>
            ) : null}
            {u.status !== 'invited' ? (
              <label class="choice">
                <input type="radio" name="mode" value="otp" checked={!u.email} /> {t.resetByOneTimePassword}
              </label>
            ) : null}
            <button type="submit" class="secondary">
              {t.resetPassword}
            </button>
          </form>
        ) : null}
        <PostButton action={`/admin/users/${u.id}/${u.status === 'disabled' ? 'enable' : 'disable'}`} csrf={props.csrf}>
          {u.status === 'disabled' ? t.enableUser : t.disableUser}
        </PostButton>
        <PostButton action={`/admin/users/${u.id}/delete`} csrf={props.csrf}>
          {t.deleteUser}
        </PostButton>
        <a href="/admin/users">{t.back}</a>
      </div>
    </>
  )
}

/** The Users routes, mounted at `/admin/users`. */
export function createUserPages(deps: ServerDeps) {
  const app = new Hono<PageEnv>()

  function userOr404(c: PageContext): User | Response | Promise<Response> {
    const user = deps.store.getUser(c.req.param('id') ?? '')
    if (user) return user
    const { t } = consoleProps(c)
    return renderConsole(c, t.users, <p>{t.notFound}</p>, { status: 404 })
  }

  function details(c: PageContext, user: User, notice?: string) {
    const p = consoleProps(c)
    const groups = deps.store.listGroupsOfUser(user.id).map((g) => ({ id: g.id, name: g.displayName }))
    return renderConsole(c, user.userName, <UserDetails {...p} user={user} groups={groups} />, { notice })
  }

  app.get('/', (c) => {
    const p = consoleProps(c)
    const q = (c.req.query('q') ?? '').trim().toLowerCase()
    const users = deps.store
      .listUsers()
      .filter(
        (u) =>
          !q ||
          [u.userName, u.email, u.displayName, u.givenName, u.familyName].some((x) => x?.toLowerCase().includes(q)),
      )
    const deleted = c.req.query('deleted')
    return renderConsole(
      c,
      p.t.users,
      <>
        <div class="actions">
          <form method="get" action="/admin/users" role="search">
            <input type="text" name="q" value={q} aria-label={p.t.searchUsers} placeholder={p.t.searchUsers} />
          </form>
          <a href="/admin/users/new" class="button">
            {p.t.addUser}
          </a>
        </div>
        <UserTable {...p} users={users} />
      </>,
      { notice: deleted && !deps.store.findUserByName(deleted) ? p.t.userDeleted(deleted) : undefined },
    )
  })

  const empty: NewUser = {
    username: '',
    passwordMode: 'email',
    email: '',
    confirmEmail: '',
    givenName: '',
    familyName: '',
    displayName: '',
  }

  app.get('/new', (c) => {
    const p = consoleProps(c)
    return renderConsole(c, p.t.addUser, <AddUserForm {...p} values={empty} />)
  })

  app.post('/new', (c) => {
    const p = consoleProps(c)
    const { t } = p
    const v = readNewUser(c.get('form'))
    const error = problemOf(deps, p, v)
    if (error) return renderConsole(c, t.addUser, <AddUserForm {...p} values={v} />, { status: 400, error })
    const user = deps.store.createUser({
      id: newDirectoryId(deps.ids),
      userName: v.username,
      email: v.email || null,
      givenName: v.givenName,
      familyName: v.familyName,
      displayName: v.displayName,
      status: 'invited',
      createdAt: deps.clock(),
    })
    if (v.passwordMode === 'email') {
      createInvitation(deps, user.id)
      return c.redirect(`/admin/users/${user.id}?added=invitation`, 302)
    }
    deps.store.activateUser(user.id)
    return showOneTimePassword(c, deps, user, t.userAdded(user.userName))
  })

  app.get('/:id', (c) => {
    const user = userOr404(c)
    if (user instanceof Response || user instanceof Promise) return user
    const { t } = consoleProps(c)
    const notice =
      c.req.query('added') === 'invitation'
        ? `${t.userAdded(user.userName)} ${user.email ? t.invitationSent(user.email) : ''}`
        : c.req.query('reset') === '1' && user.email
          ? t.resetSent(user.email)
          : undefined
    return details(c, user, notice)
  })

  app.post('/:id/reset-password', (c) => {
    const user = userOr404(c)
    if (user instanceof Response || user instanceof Promise) return user
    if (c.get('form').mode === 'otp' && user.status !== 'invited')
      return showOneTimePassword(c, deps, user, consoleProps(c).t.passwordReset(user.userName))
    if (!user.email) return c.redirect(`/admin/users/${user.id}`, 302)
    createInvitation(deps, user.id, user.status === 'invited' ? 'invitation' : 'password-reset')
    return c.redirect(`/admin/users/${user.id}?reset=1`, 302)
  })

  for (const action of ['disable', 'enable'] as const) {
    app.post(`/:id/${action}`, (c) => {
      const user = userOr404(c)
      if (user instanceof Response || user instanceof Promise) return user
      deps.store.updateUser(user.id, { disabled: action === 'disable', updatedAt: deps.clock() })
      return c.redirect(`/admin/users/${user.id}`, 302)
    })
  }

  app.post('/:id/delete', (c) => {
    const user = userOr404(c)
    if (user instanceof Response || user instanceof Promise) return user
    deps.store.deleteUser(user.id)
    return c.redirect(`/admin/users?deleted=${encodeURIComponent(user.userName)}`, 302)
  })

  app.post('/:id/mfa/delete', (c) => {
    const user = userOr404(c)
    if (user instanceof Response || user instanceof Promise) return user
    deps.store.setUserTotp(user.id, null)
    return c.redirect(`/admin/users/${user.id}`, 302)
  })

  return app
}
