/**
 * Prints an SSO portal listing through the shared output module (`--output`, `--query`), like the
 * AWS CLI's `aws sso list-accounts` (default JSON with a 4-space indent).
 *
 * @module
 */
import type { CommandContext } from '../../command.js'
import { printResult } from '../../output/print.js'

/** Prints `data` with the command's output settings; `title` is the table title. */
export async function printSsoResult(data: Record<string, unknown>, ctx: CommandContext, title: string): Promise<void> {
  await printResult(data, ctx, { title })
}
