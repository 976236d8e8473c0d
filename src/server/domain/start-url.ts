/**
 * Whether a start URL a client sent names this instance's AWS access portal. AWS refuses a
 * device authorization or an authorization request for a portal it does not have; without this
 * check a typo in `sso_start_url` would sign in anyway and be saved into the user's config.
 *
 * @module
 */

/** The start URL without what AWS treats as the same address: case of the host, `#/`, a final `/`. */
function normalise(url: string): string {
  const trimmed = url.trim().replace(/#\/?$/, '').replace(/\/+$/, '')
  try {
    const u = new URL(trimmed)
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}`
  } catch {
    return trimmed
  }
}

/** True when `url` is the instance's start URL. */
export function isInstanceStartUrl(instanceStartUrl: string | undefined, url: string): boolean {
  return instanceStartUrl !== undefined && normalise(url) === normalise(instanceStartUrl)
}
