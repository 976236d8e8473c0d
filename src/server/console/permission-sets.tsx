/**
 * The console's Permission sets pages: the list; "Create permission set" with AWS's two types —
 * a predefined permission set (one AWS managed policy, named after it) or a custom one (AWS
 * managed policies and an inline policy) — with session duration (1-12 hours) and relay state;
 * a permission set's details, edited in place.
 *
 * @module
 */
import { Hono } from 'hono'
import { parsePolicy } from '../aws/policy.js'
import type { ServerDeps } from '../deps.js'
import { MANAGED_POLICIES } from '../domain/managed-policies.js'
import { newPermissionSetId, parseIsoDuration, permissionSetArn, roleSuffixFor } from '../domain/org.js'
import type { PageContext, PageEnv } from '../pages/page-context.js'
import type { PermissionSet } from '../store/store.js'
import { consoleProps, Csrf, PostButton, renderConsole, type ConsoleProps } from './console-app.js'

const PS_NAME = /^[\w+=,.@-]{1,32}$/
const HOURS = [1, 2, 4, 8, 12]
/** AWS managed policies a permission set may use (the sign-in one is for IAM users). */
const POLICIES = Object.keys(MANAGED_POLICIES).filter((n) => n !== 'SignInLocalDevelopmentAccess')

/** What the create and edit forms post. */
interface PermissionSetForm {
  type: 'predefined' | 'custom'
  predefined: string
  name: string
  description: string
  hours: number
  relayState: string
  managed: string[]
  inline: string
}

function shortName(policy: string): string {
  return policy.split('/').pop() ?? policy
}

function readForm(f: Record<string, string>): PermissionSetForm {
  const hours = Number(f.sessionHours)
  return {
    type: f.type === 'custom' ? 'custom' : 'predefined',
    predefined: f.predefinedPolicy ?? '',
    name: (f.name ?? '').trim(),
    description: (f.description ?? '').trim(),
    hours: HOURS.includes(hours) ? hours : 1,
    relayState: (f.relayState ?? '').trim(),
    managed: POLICIES.filter((p) => f[`policy:${p}`] === '1'),
    inline: (f.inlinePolicy ?? '').trim(),
  }
}

function fromPermissionSet(ps: PermissionSet): PermissionSetForm {
  return {
    type: 'custom',
    predefined: '',
    name: ps.name,
    description: ps.description ?? '',
    hours: Math.round((parseIsoDuration(ps.sessionDuration) ?? 3600) / 3600),
    relayState: ps.relayState ?? '',
    managed: ps.managedPolicies,
    inline: ps.inlinePolicy ?? '',
  }
}

/** The fields both forms share: name, description, session duration, relay state, policies. */
function CommonFields(props: ConsoleProps & { v: PermissionSetForm; editing: boolean }) {
  const { t, v } = props
  return (
    <>
      <label for="name">{t.permissionSetName}</label>
      <input type="text" id="name" name="name" value={v.name} readonly={props.editing} />
      <label for="description">{t.description}</label>
      <input type="text" id="description" name="description" value={v.description} />
      <label for="sessionHours">{t.sessionDuration}</label>
      <select id="sessionHours" name="sessionHours">
        {HOURS.map((h) => (
          <option value={String(h)} selected={h === v.hours}>
            {t.hours(h)}
          </option>
        ))}
      </select>
      <label for="relayState">{t.relayState}</label>
      <input type="text" id="relayState" name="relayState" value={v.relayState} />
      <fieldset>
        <legend>{t.managedPolicies}</legend>
        {POLICIES.map((p) => (
          <label class="choice">
            <input type="checkbox" name={`policy:${p}`} value="1" checked={v.managed.includes(p)} /> {p}
          </label>
        ))}
      </fieldset>
      <label for="inlinePolicy">{t.inlinePolicy}</label>
      <span class="hint">{t.inlinePolicyHint}</span>
      <textarea id="inlinePolicy" name="inlinePolicy">
        {v.inline}
      </textarea>
    </>
  )
}

function CreateForm(props: ConsoleProps & { v: PermissionSetForm }) {
  const { t, v } = props
  return (
    <form method="post" action="/admin/permission-sets/new">
      <Csrf csrf={props.csrf} />
      <fieldset>
        <legend>{t.permissionSetType}</legend>
        <label class="choice">
          <input type="radio" name="type" value="predefined" checked={v.type === 'predefined'} /> {t.predefined}
        </label>
        <label class="choice">
          <input type="radio" name="type" value="custom" checked={v.type === 'custom'} /> {t.custom}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t.predefinedPolicy}</legend>
        {POLICIES.map((p) => (
          <label class="choice">
            <input type="radio" name="predefinedPolicy" value={p} checked={v.predefined === p} /> {shortName(p)}
          </label>
        ))}
      </fieldset>
      <CommonFields {...props} editing={false} />
      <div class="actions">
        <button type="submit">{t.createPermissionSet}</button>
        <a href="/admin/permission-sets">{t.cancel}</a>
      </div>
    </form>
  )
}

/** The checked and completed form (a predefined set takes its policy and name), or the first problem. */
function validate(
  deps: ServerDeps,
  t: ConsoleProps['t'],
  v: PermissionSetForm,
  existing?: PermissionSet,
): { ok: PermissionSetForm } | { error: string } {
  const done = { ...v }
  if (v.type === 'predefined' && !existing) {
    if (!POLICIES.includes(v.predefined)) return { error: t.errRequired(t.predefinedPolicy) }
    done.managed = [v.predefined]
    done.name = v.name || shortName(v.predefined)
  }
  if (!PS_NAME.test(done.name)) return { error: t.errPermissionSetName }
  if (!existing && deps.store.findPermissionSetByName(done.name)) return { error: t.errPermissionSetExists(done.name) }
  if (done.description.length > 700 || done.relayState.length > 240) return { error: t.errRequired(t.description) }
  if (done.inline) {
    try {
      parsePolicy(done.inline)
    } catch (error) {
      return { error: t.errPolicy(error instanceof Error ? error.message : String(error)) }
    }
  }
  return { ok: done }
}

/** The Permission sets routes, mounted at `/admin/permission-sets`. */
export function createPermissionSetPages(deps: ServerDeps) {
  const app = new Hono<PageEnv>()
  const { store } = deps

  function notFound(c: PageContext) {
    const { t } = consoleProps(c)
    return renderConsole(c, t.permissionSets, <p>{t.notFound}</p>, { status: 404 })
  }

  app.get('/', (c) => {
    const p = consoleProps(c)
    const sets = store.listPermissionSets()
    return renderConsole(
      c,
      p.t.permissionSets,
      <>
        <p>
          <a href="/admin/permission-sets/new">{p.t.createPermissionSet}</a>
        </p>
        {sets.length === 0 ? (
          <p>{p.t.noPermissionSets}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{p.t.permissionSetName}</th>
                <th>{p.t.description}</th>
                <th>{p.t.sessionDuration}</th>
                <th>{p.t.managedPolicies}</th>
              </tr>
            </thead>
            <tbody>
              {sets.map((ps) => (
                <tr data-permission-set={ps.name}>
                  <td>
                    <a href={`/admin/permission-sets/${ps.id}`}>{ps.name}</a>
                  </td>
                  <td>{ps.description ?? ''}</td>
                  <td>{p.t.hours(Math.round((parseIsoDuration(ps.sessionDuration) ?? 3600) / 3600))}</td>
                  <td>{ps.managedPolicies.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    )
  })

  const blank: PermissionSetForm = {
    type: 'predefined',
    predefined: 'AdministratorAccess',
    name: '',
    description: '',
    hours: 1,
    relayState: '',
    managed: [],
    inline: '',
  }

  app.get('/new', (c) => {
    const p = consoleProps(c)
    return renderConsole(c, p.t.createPermissionSet, <CreateForm {...p} v={blank} />)
  })

  app.post('/new', (c) => {
    const p = consoleProps(c)
    const v = readForm(c.get('form'))
    const checked = validate(deps, p.t, v)
    if ('error' in checked)
      return renderConsole(c, p.t.createPermissionSet, <CreateForm {...p} v={v} />, {
        status: 400,
        error: checked.error,
      })
    const ok = checked.ok
    const instance = store.getInstance()!
    const ps = store.transaction(() => {
      const created = store.createPermissionSet({
        id: newPermissionSetId(deps.ids),
        name: ok.name,
        description: ok.description || null,
        sessionDuration: `PT${ok.hours}H`,
        relayState: ok.relayState || null,
        managedPolicies: [],
        inlinePolicy: null,
        roleSuffix: roleSuffixFor(instance.id, ok.name),
        createdAt: deps.clock(),
      })
      for (const policy of ok.managed) store.attachManagedPolicy(created.id, policy)
      if (ok.inline) store.putInlinePolicy(created.id, ok.inline)
      return created
    })
    return c.redirect(`/admin/permission-sets/${ps.id}`, 302)
  })

  app.get('/:id', (c) => {
    const ps = store.getPermissionSet(c.req.param('id'))
    if (!ps) return notFound(c)
    const p = consoleProps(c)
    const instance = store.getInstance()!
    return renderConsole(
      c,
      ps.name,
      <>
        <dl class="kv">
          <dt>ARN</dt>
          <dd data-testid="permission-set-arn">{permissionSetArn(instance.instanceArn, ps.id)}</dd>
        </dl>
        <form method="post" action={`/admin/permission-sets/${ps.id}`}>
          <Csrf csrf={p.csrf} />
          <CommonFields {...p} v={fromPermissionSet(ps)} editing={true} />
          <div class="actions">
            <button type="submit">{p.t.save}</button>
            <a href="/admin/permission-sets">{p.t.back}</a>
          </div>
        </form>
        <PostButton action={`/admin/permission-sets/${ps.id}/delete`} csrf={p.csrf}>
          {p.t.deletePermissionSet}
        </PostButton>
      </>,
      { notice: c.req.query('saved') === '1' ? p.t.save : undefined },
    )
  })

  app.post('/:id/delete', (c) => {
    const ps = store.getPermissionSet(c.req.param('id'))
    if (!ps) return notFound(c)
    // As DeletePermissionSet: refused while assigned, so a deletion never silently takes access away.
    if (store.listAssignments({ permissionSetId: ps.id }).length > 0) {
      const p = consoleProps(c)
      return renderConsole(c, ps.name, <p>{p.t.errInUse}</p>, { status: 400, error: p.t.errInUse })
    }
    store.deletePermissionSet(ps.id)
    return c.redirect('/admin/permission-sets', 302)
  })

  app.post('/:id', (c) => {
    const ps = store.getPermissionSet(c.req.param('id'))
    if (!ps) return notFound(c)
    const p = consoleProps(c)
    const v = { ...readForm(c.get('form')), type: 'custom' as const, name: ps.name }
    const checked = validate(deps, p.t, v, ps)
    if ('error' in checked)
      return renderConsole(
        c,
        ps.name,
        <form method="post" action={`/admin/permission-sets/${ps.id}`}>
          <Csrf csrf={p.csrf} />
          <CommonFields {...p} v={v} editing={true} />
          <button type="submit">{p.t.save}</button>
        </form>,
        { status: 400, error: checked.error },
      )
    const ok = checked.ok
    store.transaction(() => {
      store.updatePermissionSet(ps.id, {
        description: ok.description || null,
        sessionDuration: `PT${ok.hours}H`,
        relayState: ok.relayState || null,
      })
      store.setPermissionSetManagedPolicies(ps.id, ok.managed)
      store.putInlinePolicy(ps.id, ok.inline || null)
    })
    return c.redirect(`/admin/permission-sets/${ps.id}?saved=1`, 302)
  })

  return app
}
