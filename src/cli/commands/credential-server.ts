/**
 * `idc credential-server`: serves a profile's credentials on 127.0.0.1 in the container
 * credential format (core/credentials/container-endpoint.ts) until Ctrl-C, for programs and
 * containers that idc does not start itself. It prints the two variables a client needs and a
 * `docker run` example. `idc exec --container-credentials` starts the same endpoint for one child.
 *
 * @module
 */
import {
  CONTAINER_CREDENTIALS_PATH,
  createContainerCredentialHandler,
} from '../../core/credentials/container-endpoint.js'
import { createCredentialProvider } from '../../core/credentials/resolve-credentials.js'
import { loadSharedConfigWithOrigins } from '../../core/config/load-shared-config.js'
import { resolveProfileName, resolveRegion } from '../../core/config/profile.js'
import { UsageError } from '../../core/errors.js'
import { cliCredentialOptions } from '../cli-credentials.js'
import type { CliEnv } from '../cli-env.js'
import { defineCommand } from '../command.js'
import type { GlobalOptions } from '../globals.js'
import { reportError } from '../exit-codes.js'

/** A running credential endpoint. */
export interface RunningCredentialEndpoint {
  /** `AWS_CONTAINER_CREDENTIALS_FULL_URI` and `AWS_CONTAINER_AUTHORIZATION_TOKEN`, plus the region when known. */
  readonly variables: Readonly<Record<string, string>>
  close(): Promise<void>
}

/** Variables that would win over the endpoint in an SDK's default chain, or point it elsewhere. */
export const SHADOWING_VARIABLES: readonly string[] = [
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
]

/**
 * Plans the profile's provider, resolves once (so configuration and sign-in errors show before
 * anything runs), and starts serving on 127.0.0.1. The token is 32 random bytes from
 * `env.randomBytes`; it is handed only to the child or printed on request, never logged.
 */
export async function startContainerCredentialEndpoint(
  env: CliEnv,
  globals: GlobalOptions,
  port?: number,
): Promise<RunningCredentialEndpoint> {
  const config = await loadSharedConfigWithOrigins(env)
  const planned = await createCredentialProvider(env, { ...cliCredentialOptions(env, globals), config })
  const token = Buffer.from(env.randomBytes(32)).toString('base64url')
  const endpoint = createContainerCredentialHandler({
    env,
    provider: planned.provider,
    token,
    onError: (error) => env.stderr.write(reportError(error, { debug: globals.debug }).message),
  })
  await endpoint.provider()
  const server = await env.startLoopbackServer({ port, handle: endpoint.handle })
  const region = resolveRegion(env, config.profiles[resolveProfileName(env, globals.profile)], globals.region)
  return {
    variables: {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${server.port}${CONTAINER_CREDENTIALS_PATH}`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
      ...(region ? { AWS_REGION: region, AWS_DEFAULT_REGION: region } : {}),
    },
    close: () => server.close(),
  }
}

/** Options of `idc credential-server`. */
export interface CredentialServerOptions {
  port: number | undefined
  globals: GlobalOptions
}

/** Prints how to use the endpoint, then serves until SIGINT or SIGTERM. */
export async function runCredentialServer(options: CredentialServerOptions, env: CliEnv): Promise<number> {
  const endpoint = await startContainerCredentialEndpoint(env, options.globals, options.port)
  const vars = Object.entries(endpoint.variables)
  const lines = [
    `Serving the credentials of profile ${resolveProfileName(env, options.globals.profile)} on 127.0.0.1 until Ctrl-C.`,
    'Set these variables in the program that should use them:',
    '',
    ...vars.map(([name, value]) => `export ${name}=${value}`),
    '',
    'A container on this host (the endpoint listens on loopback, so the container shares the host network):',
    '',
    `docker run --rm --network host ${vars.map(([name]) => `-e ${name}`).join(' ')} amazon/aws-cli sts get-caller-identity`,
    '',
  ]
  env.stdout.write(`${lines.join('\n')}\n`)
  await new Promise<void>((done) => {
    const removers: (() => void)[] = []
    const stop = () => {
      for (const remove of removers) remove()
      done()
    }
    removers.push(env.onSignal('SIGINT', stop), env.onSignal('SIGTERM', stop))
  })
  await endpoint.close()
  env.stderr.write('Stopped the credential server.\n')
  return 0
}

export const command = defineCommand<CredentialServerOptions>({
  name: 'credential-server',
  summary: 'Serve a profile’s credentials to other programs and containers on loopback.',
  description:
    'Serves the credentials of the profile on 127.0.0.1 in the container credential format that every AWS SDK and the AWS CLI read from AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN, refreshing them before they expire, until Ctrl-C. Prints the variables to set and a docker run example. Requests without the token are refused.',
  examples: ['idc credential-server --profile dev', 'idc credential-server --profile dev --port 9911'],
  options: {
    port: { type: 'string', placeholder: '<port>', description: 'Port to listen on (default: a free port).' },
  },
  parse: (args, { globals }) => {
    const text = args.values.port as string | undefined
    if (text !== undefined && !/^\d{1,5}$/.test(text)) throw new UsageError(`argument --port: invalid port: ${text}`)
    const port = text === undefined ? undefined : Number(text)
    if (port !== undefined && port > 65535) throw new UsageError(`argument --port: invalid port: ${text}`)
    return { port, globals }
  },
  run: runCredentialServer,
})
