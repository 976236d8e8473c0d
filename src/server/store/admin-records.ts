/**
 * Admin records: what the admin APIs store and answer from without other behaviour behind it —
 * IAM Identity Center applications and their settings, trusted token issuers, tags, a permission
 * set's customer-managed policy references and boundary, and the status of each provisioning or
 * assignment request. One table keyed by kind and id, the data as JSON in AWS's own shape, so the
 * API and the console read and write the same records.
 *
 * @module
 */
import { checkLimits } from './limits.js'
import { jsonColumn, type Sql } from './sqlite.js'

/** One stored record. */
export interface AdminRecord {
  /** What it is: `application`, `tag`, `permission-set-provisioning`, … */
  kind: string
  id: string
  /** The record it belongs to ('' for none): an application's ARN, a permission set's id, … */
  parentId: string
  /** The record in AWS's response shape. */
  data: Record<string, unknown>
  createdAt: number
}

/** Reads and writes of admin records. */
export interface AdminRecordStore {
  /** Creates or replaces a record (the creation time of an existing one stays). */
  putAdminRecord(record: AdminRecord): void
  /** One record. */
  getAdminRecord(kind: string, id: string): AdminRecord | undefined
  /** Records of a kind, oldest first; only those of `parentId` when given. */
  listAdminRecords(kind: string, parentId?: string): AdminRecord[]
  /** Deletes one record; false when there was none. */
  deleteAdminRecord(kind: string, id: string): boolean
  /** Deletes every record of a kind that belongs to `parentId`; how many went. */
  deleteAdminRecordsOf(kind: string, parentId: string): number
}

interface AdminRecordRow {
  kind: string
  id: string
  parent_id: string
  data: string
  created_at: number
}

function toAdminRecord(r: AdminRecordRow): AdminRecord {
  return { kind: r.kind, id: r.id, parentId: r.parent_id, data: jsonColumn(r.data, {}), createdAt: r.created_at }
}

/** The admin-record module over one database. */
export function createAdminRecordStore(sql: Sql): AdminRecordStore {
  return {
    putAdminRecord(r) {
      const data = JSON.stringify(r.data)
      checkLimits({ adminRecord: data })
      sql.run(
        `INSERT INTO admin_records (kind, id, parent_id, data, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, id) DO UPDATE SET parent_id = excluded.parent_id, data = excluded.data`,
        r.kind,
        r.id,
        r.parentId,
        data,
        r.createdAt,
      )
    },
    getAdminRecord(kind, id) {
      const r = sql.one<AdminRecordRow>('SELECT * FROM admin_records WHERE kind = ? AND id = ?', kind, id)
      return r ? toAdminRecord(r) : undefined
    },
    listAdminRecords(kind, parentId) {
      const rows =
        parentId === undefined
          ? sql.all<AdminRecordRow>('SELECT * FROM admin_records WHERE kind = ? ORDER BY created_at, id', kind)
          : sql.all<AdminRecordRow>(
              'SELECT * FROM admin_records WHERE kind = ? AND parent_id = ? ORDER BY created_at, id',
              kind,
              parentId,
            )
      return rows.map(toAdminRecord)
    },
    deleteAdminRecord: (kind, id) => sql.run('DELETE FROM admin_records WHERE kind = ? AND id = ?', kind, id) === 1,
    deleteAdminRecordsOf: (kind, parentId) =>
      sql.run('DELETE FROM admin_records WHERE kind = ? AND parent_id = ?', kind, parentId),
  }
}
