/**
 * The command tree. Each entry names a command and loads its module on demand, so that running
 * one command loads only that command's code (the warm credential path depends on it).
 *
 * @module
 */
import type { CommandSpec } from '../command.js'

/** A command in the tree; `load` is absent for groups that only hold subcommands. */
export interface CommandEntry {
  /** The words after `idc`. */
  name: string
  summary: string
  load?: () => Promise<{ command: CommandSpec<any> }>
}

/** Every command idc has, parents before children. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'configure',
    summary: 'Configure AWS access keys, region and output format for a profile.',
    load: () => import('./configure/configure.js'),
  },
  {
    name: 'configure get',
    summary: 'Get a configuration value from the config file.',
    load: () => import('./configure/get.js'),
  },
  {
    name: 'configure set',
    summary: 'Set a configuration value in the config or credentials file.',
    load: () => import('./configure/set.js'),
  },
  {
    name: 'configure list',
    summary: 'List the configuration data and where each value comes from.',
    load: () => import('./configure/list.js'),
  },
  {
    name: 'configure list-profiles',
    summary: 'List the names of all configured profiles.',
    load: () => import('./configure/list-profiles.js'),
  },
  {
    name: 'configure sso',
    summary: 'Configure a profile that uses IAM Identity Center (SSO) credentials.',
    load: () => import('./configure/sso.js'),
  },
  {
    name: 'configure sso-session',
    summary: 'Configure an [sso-session] section.',
    load: () => import('./configure/sso-session.js'),
  },
  {
    name: 'configure mfa-login',
    summary: 'Get MFA session credentials for an IAM user and write them to a profile.',
    load: () => import('./configure/mfa-login.js'),
  },
  {
    name: 'configure export-credentials',
    summary: 'Print resolved credentials as JSON or shell variables.',
    load: () => import('./configure/export-credentials.js'),
  },
  {
    name: 'login',
    summary: 'Sign in with your AWS console credentials and get short-term credentials for a profile.',
    load: () => import('./login/login.js'),
  },
  {
    name: 'logout',
    summary: 'Remove the cached credentials of a console sign-in (idc login).',
    load: () => import('./login/logout.js'),
  },
  { name: 'sso', summary: 'Sign in to and out of IAM Identity Center.' },
  {
    name: 'sso login',
    summary: 'Sign in to IAM Identity Center and cache an access token.',
    load: () => import('./sso/login.js'),
  },
  {
    name: 'sso logout',
    summary: 'Sign out of every cached IAM Identity Center session.',
    load: () => import('./sso/logout.js'),
  },
  {
    name: 'sso list-accounts',
    summary: 'List the AWS accounts available to the signed-in user.',
    load: () => import('./sso/list-accounts.js'),
  },
  {
    name: 'sso list-account-roles',
    summary: 'List the roles available in an account.',
    load: () => import('./sso/list-account-roles.js'),
  },
  {
    name: 'sso populate',
    summary: 'Write a profile for every account and role of an SSO session.',
    load: () => import('./sso/populate.js'),
  },
  { name: 'sts', summary: 'AWS Security Token Service.' },
  {
    name: 'sts get-caller-identity',
    summary: 'Show the account, user id and ARN of the credentials in use.',
    load: () => import('./sts/get-caller-identity.js'),
  },
  { name: 's3', summary: 'Amazon S3.' },
  { name: 's3 ls', summary: 'List S3 buckets.', load: () => import('./s3/ls.js') },
  {
    name: 'exec',
    summary: 'Run a command with the credentials of a profile in its environment.',
    load: () => import('./exec.js'),
  },
  {
    name: 'credential-server',
    summary: 'Serve a profile’s credentials to other programs and containers on loopback.',
    load: () => import('./credential-server.js'),
  },
  {
    name: 'console',
    summary: 'Sign the browser in to the AWS console with the profile’s credentials.',
    load: () => import('./console.js'),
  },
  {
    name: 'doctor',
    summary: 'Explain how a profile resolves and what will go wrong before it does.',
    load: () => import('./doctor.js'),
  },
  {
    name: 'status',
    summary: 'Show where credentials come from and whether they can be had without signing in.',
    load: () => import('./status.js'),
  },
  { name: 'server', summary: 'Run the local IAM Identity Center on loopback.', load: () => import('./server.js') },
  { name: 'version', summary: 'Print the version of idc.', load: () => import('./version.js') },
]
