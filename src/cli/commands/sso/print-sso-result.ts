/**
 * Prints an SSO portal listing as the AWS CLI's default JSON output (4-space indent).
 *
 * @module
 */
import type { CommandContext } from '../../command.js'

/** Prints `data` with the command's output settings. */
export async function printSsoResult(data: Record<string, unknown>, ctx: CommandContext, _title: string): Promise<void> {
  ctx.env.stdout.write(`${JSON.stringify(data, null, 4)}\n`)
}
