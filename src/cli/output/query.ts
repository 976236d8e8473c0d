/**
 * `--query`: a JMESPath expression applied to a command's result before formatting, with the AWS
 * CLI's errors (a bad expression is a parameter error, exit 252; a failing function exit 255).
 * The JMESPath library is imported only when a query is given.
 *
 * @module
 */
import { IdcError } from '../../core/errors.js'
import type { PlainValue } from './python-repr.js'

/** Applies a JMESPath expression to data. */
export async function applyQuery(data: PlainValue, expression: string): Promise<PlainValue> {
  const jmespath = await import('@jmespath-community/jmespath')
  try {
    jmespath.compile(expression)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new IdcError(
      'usage',
      `An error occurred (ParamValidation): Bad value for --query ${expression}: Invalid jmespath expression: ${detail}`,
      { cause: error },
    )
  }
  try {
    return (jmespath.search(data, expression) ?? null) as PlainValue
  } catch (error) {
    throw new IdcError('general', error instanceof Error ? error.message : String(error), { cause: error })
  }
}
