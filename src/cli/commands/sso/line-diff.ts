/**
 * A unified diff of two texts for `idc sso populate --dry-run`. Hand-written because no dependency
 * of idc has one: Myers' O((N+M)·D) algorithm ("An O(ND) Difference Algorithm and Its
 * Variations", 1986), which is fast for populate's few, clustered edits to a long file.
 *
 * @module
 */

type Op = [kind: ' ' | '-' | '+', line: string]

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const max = a.length + b.length
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1
      let y = x - k
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= a.length && y >= b.length) break outer
    }
  }
  const ops: Op[] = []
  let x = a.length
  let y = b.length
  for (let d = trace.length - 1; d >= 0; d--) {
    const t = trace[d]!
    const k = x - y
    const down = k === -d || (k !== d && t[offset + k - 1]! < t[offset + k + 1]!)
    const prevK = down ? k + 1 : k - 1
    const prevX = d === 0 ? 0 : t[offset + prevK]!
    const prevY = d === 0 ? 0 : prevX - prevK
    while (x > prevX && y > prevY) {
      ops.push([' ', a[--x]!])
      y--
    }
    if (d > 0) {
      if (down) ops.push(['+', b[--y]!])
      else ops.push(['-', a[--x]!])
    }
  }
  return ops.reverse()
}

/** `--- before` / `+++ after` and hunks with `context` lines around each change; '' when equal. */
export function formatUnifiedDiff(
  before: string,
  after: string,
  names: { from: string; to: string },
  context = 3,
): string {
  if (before === after) return ''
  const split = (text: string) => (text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/))
  const ops = diffLines(split(before), split(after))
  const out = [`--- ${names.from}`, `+++ ${names.to}`]
  let i = 0
  let aLine = 1
  let bLine = 1
  while (i < ops.length) {
    if (ops[i]![0] === ' ') {
      i++
      aLine++
      bLine++
      continue
    }
    // A hunk: back up `context` lines, then run until `2 * context` unchanged lines in a row.
    const start = Math.max(0, i - context)
    let end = i
    let same = 0
    while (end < ops.length && same <= 2 * context) {
      same = ops[end]![0] === ' ' ? same + 1 : 0
      end++
    }
    end -= Math.max(0, same - context)
    const lead = i - start
    const slice = ops.slice(start, end)
    const aCount = slice.filter((o) => o[0] !== '+').length
    const bCount = slice.filter((o) => o[0] !== '-').length
    out.push(`@@ -${aLine - lead},${aCount} +${bLine - lead},${bCount} @@`)
    for (const [kind, line] of slice) out.push(`${kind}${line}`)
    for (const [kind] of ops.slice(i, end)) {
      if (kind !== '+') aLine++
      if (kind !== '-') bLine++
    }
    i = end
  }
  return `${out.join('\n')}\n`
}
