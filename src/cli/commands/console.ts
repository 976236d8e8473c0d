/**
 * `idc console`: signs the browser in to the AWS console with the profile's credentials through
 * the federation endpoint (`getSigninToken`, then the `login` URL), for as long as the credentials
 * last (15 minutes to 12 hours). The endpoint is the sign-in service's, so endpoint overrides
 * (`--endpoint-url`, `AWS_ENDPOINT_URL_SIGNIN`, `AWS_ENDPOINT_URL`, services sections) send it
 * to a local `idc server`, whose console landing page shows who signed in.
 *
 * @module
 */
import { resolveEndpointUrl } from '../../core/config/endpoints.js'
import { loadSharedConfigWithOrigins } from '../../core/config/load-shared-config.js'
import { resolveProfileName, resolveRegion } from '../../core/config/profile.js'
import {
  buildLoginUrl,
  buildSigninTokenUrl,
  consoleSessionSeconds,
  defaultConsoleDestination,
  federationEndpoint,
  parseSigninTokenResponse,
} from '../../core/console/federation.js'
import { createCredentialProvider } from '../../core/credentials/resolve-credentials.js'
import { ConfigError, UsageError } from '../../core/errors.js'
import { cliCredentialOptions } from '../cli-credentials.js'
import type { CliEnv } from '../cli-env.js'
import { defineCommand } from '../command.js'
import type { GlobalOptions } from '../globals.js'
import { printResult } from '../output/print.js'

/** Options of `idc console`. */
export interface ConsoleOptions {
  /** Where the browser lands (default: the console home in the profile's region). */
  destination?: string | undefined
  /** Print the sign-in URL instead of opening a browser. */
  print: boolean
  /** Print the URL and its details as JSON. */
  json: boolean
  globals: GlobalOptions
}

/** What `--json` prints. */
export interface ConsoleSignIn {
  SigninUrl: string
  Destination: string
  /** How long the console session lasts, when the credentials expire. */
  SessionDuration?: number | undefined
}

/** Builds the sign-in URL for the profile's credentials. */
export async function createConsoleSignIn(options: ConsoleOptions, env: CliEnv): Promise<ConsoleSignIn> {
  const { globals } = options
  const config = await loadSharedConfigWithOrigins(env)
  const profileName = resolveProfileName(env, globals.profile)
  const region = resolveRegion(env, config.profiles[profileName], globals.region)
  const override = resolveEndpointUrl(env, config, {
    serviceId: 'Signin',
    profileName,
    endpointUrl: globals.endpointUrl,
  })
  const endpoint = federationEndpoint(region, override)
  const destination = options.destination ?? defaultConsoleDestination(region, override)
  if (!/^https?:\/\//.test(destination)) throw new UsageError(`argument --destination: not a URL: ${destination}`)
  const planned = await createCredentialProvider(env, { ...cliCredentialOptions(env, globals), config })
  const credentials = await planned.provider()
  if (!credentials.sessionToken) {
    throw new ConfigError(
      `The console needs temporary credentials, and profile "${profileName}" has long-term access keys: use a profile that signs in with IAM Identity Center or assumes a role`,
    )
  }
  const sessionSeconds = consoleSessionSeconds(credentials.expiration, env.now())
  const answer = await env.getText(
    buildSigninTokenUrl(
      endpoint,
      {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
      },
      sessionSeconds,
    ),
  )
  const signinToken = parseSigninTokenResponse(answer.status, answer.body)
  return {
    SigninUrl: buildLoginUrl(endpoint, { signinToken, destination, issuer: 'idc' }),
    Destination: destination,
    SessionDuration: sessionSeconds,
  }
}

/** Opens (or prints) the console sign-in URL. */
export async function runConsole(options: ConsoleOptions, env: CliEnv): Promise<void> {
  const signIn = await createConsoleSignIn(options, env)
  const { globals } = options
  if (options.json || globals.output !== undefined || globals.query !== undefined) {
    await printResult(signIn, { env, globals: options.json ? { ...globals, output: 'json' } : globals })
    return
  }
  if (options.print) {
    env.stdout.write(`${signIn.SigninUrl}\n`)
    return
  }
  if (await env.openUrl(signIn.SigninUrl)) {
    env.stderr.write(`Opened the AWS console in your browser (${signIn.Destination}).\n`)
    return
  }
  env.stderr.write('No browser could be opened. Open this URL within 15 minutes to sign in to the console:\n')
  env.stdout.write(`${signIn.SigninUrl}\n`)
}

export const command = defineCommand<ConsoleOptions>({
  name: 'console',
  summary: 'Sign the browser in to the AWS console with the profile’s credentials.',
  description: [
    "Trades the profile's temporary credentials (IAM Identity Center, assumed role, login session, or any source with a session token) for a console sign-in token at the federation endpoint and opens the console in your browser, signed in as that role. The console session lasts as long as the credentials (15 minutes to 12 hours).",
    "The sign-in URL works once, within 15 minutes; --print writes it to standard output instead of opening a browser (for another browser profile or machine). The federation endpoint honours endpoint overrides for the sign-in service (--endpoint-url, AWS_ENDPOINT_URL_SIGNIN, AWS_ENDPOINT_URL, services sections), so against a local `idc server` it lands on that server's console page.",
  ].join('\n\n'),
  examples: [
    'idc console --profile dev',
    'idc console --profile dev --destination https://console.aws.amazon.com/s3/home',
    'idc console --profile dev --print',
  ],
  options: {
    destination: {
      type: 'string',
      description: 'The console page to open (default: the console home in the profile’s region).',
      placeholder: '<url>',
    },
    print: { type: 'boolean', description: 'Print the sign-in URL instead of opening a browser.' },
    json: { type: 'boolean', description: 'Print the sign-in URL, destination and session duration as JSON.' },
  },
  parse: (args, { globals }) => ({
    globals,
    destination: args.values.destination as string | undefined,
    print: args.values.print === true,
    json: args.values.json === true,
  }),
  run: runConsole,
})
