/**
 * The one page layout (header with the signed-in user and a sign-out form, a card for the page)
 * and the small pieces every flow shows: an error box and a notice. Pure functions of their props;
 * text comes from {@link Messages}. Every step is a form or a link; one small script, allowed by its
 * hash in the CSP, only shows times in the viewer's time zone and makes the copy buttons copy.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { Lang, Messages } from './i18n.js'

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;margin:0;background:#f2f3f3;color:#16191f}
header{background:#232f3e;color:#fff;padding:.6rem 1.2rem;display:flex;justify-content:space-between;align-items:center;gap:1rem;min-height:2.2rem}
header form{margin:0;display:flex;align-items:center}header .end{display:flex;align-items:center;gap:1rem}
header button{margin:0;background:none;border:1px solid #fff;color:#fff;padding:.2rem .8rem;font-size:.9rem;border-radius:2px;cursor:pointer}
header a{color:#fff}nav.lang{font-size:.85rem}nav.lang a,nav.lang strong{margin-left:.4rem}
main.wide{max-width:72rem}
main{max-width:46rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:4px;box-shadow:0 1px 3px rgba(0,0,0,.2)}
label{display:block;margin-top:1rem;font-weight:600}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;margin-top:.3rem}
button{margin-top:1.2rem;padding:.5rem 1.2rem;font-size:1rem;border-radius:2px;border:1px solid #ec7211;background:#ec7211;color:#fff;cursor:pointer}
a.button{display:inline-block;padding:.5rem 1.2rem;background:#ec7211;color:#fff;border-radius:2px;text-decoration:none}
button.secondary{background:#fff;color:#16191f;border-color:#545b64;margin-left:.5rem}
.error{background:#fde9e7;border-left:4px solid #d13212;padding:.6rem 1rem;margin:1rem 0}
.notice{background:#e9f3fd;border-left:4px solid #0073bb;padding:.6rem 1rem;margin:1rem 0}
.code{font-size:2rem;letter-spacing:.2rem;font-family:ui-monospace,monospace;text-align:center;padding:1rem;border:1px dashed #545b64;margin:1rem 0}
pre{background:#f2f3f3;padding:.8rem;overflow-x:auto;font-size:.85rem;white-space:pre-wrap;word-break:break-all}
.account{border:1px solid #d5dbdb;border-radius:4px;padding:.5rem 1rem;margin:.8rem 0}.muted{color:#545b64;font-size:.9rem}
.signed-in{color:#d5dbdb;margin-right:.8rem}
ul.roles{list-style:none;padding:0}ul.roles li{display:flex;justify-content:space-between;padding:.4rem 0;border-top:1px solid #eaeded}
dl.kv dt{font-weight:600;margin-top:.6rem}dl.kv dd{margin:0;font-family:ui-monospace,monospace}
.qr svg{width:200px;height:200px}
`

/** Shows `<time>` elements in the viewer's time zone and makes `button[data-copy]` copy text. */
const PAGE_SCRIPT =
  "for(const e of document.querySelectorAll('time[datetime]')){const d=new Date(e.getAttribute('datetime'));" +
  'if(!isNaN(d))e.textContent=d.toLocaleString(document.documentElement.lang)}' +
  "document.addEventListener('click',e=>{const b=e.target.closest('button[data-copy]');if(!b)return;" +
  'const s=document.getElementById(b.dataset.copy);if(s&&navigator.clipboard)navigator.clipboard.writeText(s.textContent)' +
  '.then(()=>{b.textContent=b.dataset.done})})'

/** The CSP source that allows {@link PAGE_SCRIPT} and nothing else. */
export const PAGE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}'`

/** What every form component knows: the text, the language and the session's CSRF token. */
export interface PageProps {
  t: Messages
  lang: Lang
  csrf: string
}

/** The layout's inputs: the page title, and the signed-in user (for the header) when there is one. */
export interface LayoutProps {
  t: Messages
  lang: Lang
  title: string
  /** The signed-in user's name; the header then offers a sign-out form posting `csrf`. */
  user?: string | undefined
  csrf?: string | undefined
  /** This page's path and query without `lang` (the language switch links to it). */
  here?: string
  /** A wider card, for tables. */
  wide?: boolean
  children?: Child
}

function langHref(here: string, lang: Lang): string {
  return `${here}${here.includes('?') ? '&' : '?'}lang=${lang}`
}

/** The language switch: the current language in bold, the other one a link (remembered in a cookie). */
export function LanguageSwitch({ here, lang }: { here: string; lang: Lang }) {
  const names: Record<Lang, string> = { en: 'English', ja: '日本語' }
  return (
    <nav class="lang" aria-label="Language">
      {(['en', 'ja'] as const).map((l) =>
        l === lang ? (
          <strong lang={l}>{names[l]}</strong>
        ) : (
          <a href={langHref(here, l)} lang={l} hreflang={l}>
            {names[l]}
          </a>
        ),
      )}
    </nav>
  )
}

/** A time in the viewer's locale: UTC on the server, the browser's time zone once the script ran. */
export function LocalTime({ ms, lang }: { ms: number; lang: Lang }) {
  const d = new Date(ms)
  const text = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(d)
  return <time datetime={d.toISOString()}>{`${text} UTC`}</time>
}

/** The one layout. */
export function Layout(props: LayoutProps) {
  const { t } = props
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t.pageTitle(props.title)}</title>
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <header>
          <span>{t.appName}</span>
          <div class="end">
            {props.user && props.csrf ? (
              <form method="post" action="/signout">
                <span class="muted signed-in">{t.signedInAs(props.user)}</span>
                <input type="hidden" name="csrf" value={props.csrf} />
                <button type="submit">{t.signOut}</button>
              </form>
            ) : null}
            {props.here ? <LanguageSwitch here={props.here} lang={props.lang} /> : null}
          </div>
        </header>
        <main class={props.wide ? 'wide' : undefined}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <script>{raw(PAGE_SCRIPT)}</script>
      </body>
    </html>
  )
}

/** A red message box (nothing when there is no message). */
export function ErrorBox({ message }: { message: string | undefined }) {
  return message ? (
    <div class="error" role="alert">
      {message}
    </div>
  ) : null
}

/** The six-digit authenticator code field that every MFA form (sign-in, invitation, enrolment) shares. */
export function MfaCodeField({ t, autofocus }: { t: Messages; autofocus?: boolean }) {
  return (
    <>
      <label for="mfa_code">{t.mfaCode}</label>
      <input
        type="text"
        id="mfa_code"
        name="mfa_code"
        inputmode="numeric"
        pattern="[0-9]{6}"
        autocomplete="one-time-code"
        required
        autofocus={autofocus}
      />
    </>
  )
}

/** A blue notice (nothing when there is no text). */
export function Notice({ text }: { text: string | undefined }) {
  return text ? <div class="notice">{text}</div> : null
}
