/**
 * XML text escaping for the small, fixed STS and S3 responses. Hand-written templates with escaping
 * instead of an XML builder: the documents are a handful of fixed elements whose exact namespaces and
 * wrappers matter (wire-protocol §2.3, §8), and a template shows them literally.
 *
 * @module
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** Escapes text for an XML element or attribute. */
export function escapeXml(value: string | number): string {
  const text = String(value)
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string) : text
}

/** `<Name>escaped</Name>`, or nothing when the value is absent. */
export function element(name: string, value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`
}

/** ISO 8601 without milliseconds (`2026-11-22T02:34:45Z`), as STS writes `Expiration`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
