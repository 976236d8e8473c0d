/**
 * The start banner `idc server` prints, and the ready file's JSON: pure formatting.
 *
 * @module
 */

/** What a running server tells its user (and tests). */
export interface ServerInfo {
  endpoint: string
  startUrl: string
  region: string
  portalUrl: string
  adminAccessKeyId: string
  adminSecretAccessKey: string
  dataDir: string
  pid: number
  /** The SMTP server mail is also delivered to (password hidden), with `--smtp`. */
  smtp?: string | undefined
}

/** The human-readable banner. The first line is stable for scripts: `idc server listening on <endpoint>`. */
export function formatBanner(
  info: ServerInfo,
  options: { demo: boolean; warnHost?: string | undefined; temporaryData?: boolean },
): string {
  const lines = [`idc server listening on ${info.endpoint}`, '']
  if (options.warnHost) {
    lines.push(
      '!!! WARNING: listening on a non-loopback address (' + options.warnHost + ').',
      '!!! Anyone who can reach it can sign in with the demo accounts and read issued credentials.',
      '',
    )
  }
  lines.push(
    '  Local IAM Identity Center',
    `  SSO start URL:  ${info.startUrl}`,
    `  SSO region:     ${info.region}`,
    `  Endpoint:       ${info.endpoint}`,
    `  Access portal:  ${info.portalUrl}   (open in a browser)`,
    `  Admin console:  ${info.endpoint}/admin`,
    `  Mail outbox:    ${info.endpoint}/admin/outbox${info.smtp ? `   (also delivered to ${info.smtp})` : ''}`,
    `  Data directory: ${info.dataDir}${options.temporaryData ? ' (temporary)' : ''}`,
    '',
    '  Point the AWS CLI and SDKs at it:',
    `    export AWS_ENDPOINT_URL=${info.endpoint}`,
    '',
    '  Administrator credentials (aws sso-admin / identitystore / organizations):',
    `    AWS_ACCESS_KEY_ID=${info.adminAccessKeyId}`,
    `    AWS_SECRET_ACCESS_KEY=${info.adminSecretAccessKey}`,
  )
  if (options.demo) {
    lines.push(
      '',
      '  Demo users: alice / Alice-demo-pass-1 (no MFA), bob / Bob-demo-pass-1 (TOTP secret JBSWY3DPEHPK3PXP)',
      '  Console administrator: admin / Admin-demo-pass-1',
      '  Root user of DeveloperAccount (aws login): root@example.com / Root-demo-pass-1',
    )
  }
  if (options.temporaryData) {
    lines.push(
      '',
      '  State is temporary: after a restart, role credentials the AWS CLI cached from this run are unknown',
      '  (run `aws sso logout` to clear them). Use --data DIR to keep sign-ins and credentials across restarts.',
    )
  }
  lines.push('', '  Press Ctrl-C to stop.', '')
  return lines.join('\n')
}

/** The ready file's content. */
export function formatReadyFile(info: ServerInfo): string {
  return `${JSON.stringify({
    endpoint: info.endpoint,
    startUrl: info.startUrl,
    region: info.region,
    portalUrl: info.portalUrl,
    adminAccessKeyId: info.adminAccessKeyId,
    adminSecretAccessKey: info.adminSecretAccessKey,
    dataDir: info.dataDir,
    pid: info.pid,
  })}\n`
}
