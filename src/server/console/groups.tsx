/**
 * The console's Groups pages: the list, "Create group" (name, description, members), and a
 * group's members (add, remove).
 *
 * @module
 */
import { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'
import { newDirectoryId } from '../domain/org.js'
import type { PageContext, PageEnv } from '../pages/page-context.js'
import type { Group, User } from '../store/store.js'
import { consoleProps, Csrf, PostButton, renderConsole, type ConsoleProps } from './console-app.js'

function CreateGroupForm(props: ConsoleProps & { users: User[]; name?: string; description?: string }) {
  const { t } = props
  return (
    <form method="post" action="/admin/groups/new">
      <Csrf csrf={props.csrf} />
      <label for="name">{t.groupName}</label>
      <input type="text" id="name" name="name" value={props.name ?? ''} />
      <label for="description">{t.description}</label>
      <input type="text" id="description" name="description" value={props.description ?? ''} />
      <fieldset>
        <legend>{t.addUsersToGroup}</legend>
        {props.users.map((u) => (
          <label class="choice">
            <input type="checkbox" name={`member:${u.id}`} value="1" /> {u.userName}
          </label>
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit">{t.createGroup}</button>
        <a href="/admin/groups">{t.cancel}</a>
      </div>
    </form>
  )
}

function GroupDetails(props: ConsoleProps & { group: Group; members: User[]; others: User[] }) {
  const { t, group: g } = props
  return (
    <>
      <dl class="kv">
        <dt>{t.groupName}</dt>
        <dd>{g.displayName}</dd>
        <dt>{t.description}</dt>
        <dd>{g.description ?? ''}</dd>
      </dl>
      <h2>{t.members}</h2>
      <table>
        <tbody>
          {props.members.map((u) => (
            <tr data-member={u.userName}>
              <td>
                <a href={`/admin/users/${u.id}`}>{u.userName}</a>
              </td>
              <td>{u.displayName ?? ''}</td>
              <td>
                <form method="post" action={`/admin/groups/${g.id}/members/remove`}>
                  <Csrf csrf={props.csrf} />
                  <input type="hidden" name="userId" value={u.id} />
                  <button type="submit" class="secondary">
                    {t.remove}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.others.length > 0 ? (
        <form method="post" action={`/admin/groups/${g.id}/members`}>
          <Csrf csrf={props.csrf} />
          <label for="userId">{t.addUsersToGroup}</label>
          <select id="userId" name="userId">
            {props.others.map((u) => (
              <option value={u.id}>{u.userName}</option>
            ))}
          </select>
          <button type="submit">{t.addToGroup}</button>
        </form>
      ) : null}
      <div class="actions">
        <PostButton action={`/admin/groups/${g.id}/delete`} csrf={props.csrf}>
          {t.deleteGroup}
        </PostButton>
        <a href="/admin/groups">{t.back}</a>
      </div>
    </>
  )
}

/** The Groups routes, mounted at `/admin/groups`. */
export function createGroupPages(deps: ServerDeps) {
  const app = new Hono<PageEnv>()
  const { store } = deps

  function addMember(groupId: string, userId: string): void {
    if (!store.getUser(userId)) return
    if (store.listGroupMemberships(groupId).some((m) => m.userId === userId)) return
    store.addGroupMember({ id: newDirectoryId(deps.ids), groupId, userId, createdAt: deps.clock() })
  }

  function groupOf(c: PageContext): Group | undefined {
    return store.getGroup(c.req.param('id') ?? '')
  }

  function notFound(c: PageContext) {
    const { t } = consoleProps(c)
    return renderConsole(c, t.groups, <p>{t.notFound}</p>, { status: 404 })
  }

  app.get('/', (c) => {
    const p = consoleProps(c)
    const groups = store.listGroups()
    return renderConsole(
      c,
      p.t.groups,
      <>
        <p>
          <a href="/admin/groups/new">{p.t.createGroup}</a>
        </p>
        {groups.length === 0 ? (
          <p>{p.t.noGroups}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{p.t.groupName}</th>
                <th>{p.t.description}</th>
                <th>{p.t.members}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr data-group={g.displayName}>
                  <td>
                    <a href={`/admin/groups/${g.id}`}>{g.displayName}</a>
                  </td>
                  <td>{g.description ?? ''}</td>
                  <td>{store.listGroupMemberships(g.id).length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    )
  })

  app.get('/new', (c) => {
    const p = consoleProps(c)
    return renderConsole(c, p.t.createGroup, <CreateGroupForm {...p} users={store.listUsers()} />)
  })

  app.post('/new', (c) => {
    const p = consoleProps(c)
    const f = c.get('form')
    const name = (f.name ?? '').trim()
    const description = (f.description ?? '').trim()
    const error =
      !name || name.length > 1024
        ? p.t.errRequired(p.t.groupName)
        : store.findGroupByName(name)
          ? p.t.errGroupExists(name)
          : undefined
    if (error)
      return renderConsole(
        c,
        p.t.createGroup,
        <CreateGroupForm {...p} users={store.listUsers()} name={name} description={description} />,
        { status: 400, error },
      )
    const group = store.transaction(() => {
      const created = store.createGroup({
        id: newDirectoryId(deps.ids),
        displayName: name,
        description: description || null,
        createdAt: deps.clock(),
      })
      for (const key of Object.keys(f)) if (key.startsWith('member:')) addMember(created.id, key.slice(7))
      return created
    })
    return c.redirect(`/admin/groups/${group.id}`, 302)
  })

  app.get('/:id', (c) => {
    const group = groupOf(c)
    if (!group) return notFound(c)
    const p = consoleProps(c)
    const memberIds = new Set(store.listGroupMemberships(group.id).map((m) => m.userId))
    const users = store.listUsers()
    return renderConsole(
      c,
      group.displayName,
      <GroupDetails
        {...p}
        group={group}
        members={users.filter((u) => memberIds.has(u.id))}
        others={users.filter((u) => !memberIds.has(u.id))}
      />,
    )
  })

  app.post('/:id/delete', (c) => {
    const group = groupOf(c)
    if (!group) return notFound(c)
    store.deleteGroup(group.id)
    return c.redirect('/admin/groups', 302)
  })

  app.post('/:id/members', (c) => {
    const group = groupOf(c)
    if (!group) return notFound(c)
    addMember(group.id, c.get('form').userId ?? '')
    return c.redirect(`/admin/groups/${group.id}`, 302)
  })

  app.post('/:id/members/remove', (c) => {
    const group = groupOf(c)
    if (!group) return notFound(c)
    const userId = c.get('form').userId ?? ''
    const membership = store.listGroupMemberships(group.id).find((m) => m.userId === userId)
    if (membership) store.deleteGroupMembership(membership.id)
    return c.redirect(`/admin/groups/${group.id}`, 302)
  })

  return app
}
