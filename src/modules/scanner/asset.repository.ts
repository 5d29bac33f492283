/**
 * SQL of assets (`assets_hosts`, `assets_services`, `assets_technologies`): what scans found across
 * runs, with first and last seen. Upserts keep `first_seen` and move `last_seen` forward.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { fromDbJson, toDbJson } from '../../db/portable.js';
import type { AssetHostTable, AssetServiceTable } from '../../db/tables/scanner.js';
import { newId } from '../../lib/ids.js';
import type { AssetHost, AssetService, AssetTechnology } from './scanner.types.js';
import type { ScanReadScope } from './scan.repository.js';

type Db = Kysely<Database>;

function toHost(row: Selectable<AssetHostTable>): AssetHost {
  return {
    id: row.id,
    address: row.address,
    structureId: row.structure_id,
    hostnames: fromDbJson<string[]>(row.hostnames, []),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    lastScanId: row.last_scan_id,
  };
}

function toService(row: Selectable<AssetServiceTable>, technologies: AssetTechnology[]): AssetService {
  return {
    id: row.id,
    hostId: row.host_id,
    port: row.port,
    transport: row.transport,
    protocol: row.protocol,
    product: row.product,
    version: row.version,
    cpe: fromDbJson<string[]>(row.cpe, []),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    lastScanId: row.last_scan_id,
    technologies,
  };
}

/** Records a host seen at `seenAt` by `scanId`; returns its id. Host names are merged. */
export async function upsertAssetHost(
  db: Db,
  host: { address: string; structureId: string | null; hostnames: readonly string[] },
  seenAt: string,
  scanId: string,
): Promise<string> {
  const existing = await db
    .selectFrom('assets_hosts')
    .selectAll()
    .where('address', '=', host.address)
    .executeTakeFirst();
  if (existing) {
    const names = [...new Set([...fromDbJson<string[]>(existing.hostnames, []), ...host.hostnames])].sort();
    await db
      .updateTable('assets_hosts')
      .set({
        hostnames: toDbJson(names),
        structure_id: host.structureId ?? existing.structure_id,
        last_seen: seenAt > existing.last_seen ? seenAt : existing.last_seen,
        last_scan_id: scanId,
      })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  const id = newId();
  await db
    .insertInto('assets_hosts')
    .values({
      id,
      address: host.address,
      structure_id: host.structureId,
      hostnames: toDbJson([...new Set(host.hostnames)].sort()),
      first_seen: seenAt,
      last_seen: seenAt,
      last_scan_id: scanId,
    })
    .execute();
  return id;
}

/** Records a service of an asset host; returns its id. */
export async function upsertAssetService(
  db: Db,
  service: {
    hostId: string;
    port: number;
    transport: string;
    protocol: string;
    product: string | null;
    version: string | null;
    cpe: readonly string[];
  },
  seenAt: string,
  scanId: string,
): Promise<string> {
  const existing = await db
    .selectFrom('assets_services')
    .select(['id', 'last_seen'])
    .where('host_id', '=', service.hostId)
    .where('port', '=', service.port)
    .where('transport', '=', service.transport)
    .executeTakeFirst();
  const values = {
    protocol: service.protocol,
    product: service.product,
    version: service.version,
    cpe: toDbJson([...service.cpe]),
    last_scan_id: scanId,
  };
  if (existing) {
    await db
      .updateTable('assets_services')
      .set({ ...values, last_seen: seenAt > existing.last_seen ? seenAt : existing.last_seen })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  const id = newId();
  await db
    .insertInto('assets_services')
    .values({
      id,
      host_id: service.hostId,
      port: service.port,
      transport: service.transport,
      ...values,
      first_seen: seenAt,
      last_seen: seenAt,
    })
    .execute();
  return id;
}

/** Records a technology (or product) of an asset service. */
export async function upsertAssetTechnology(
  db: Db,
  technology: { serviceId: string; name: string; version: string | null; cpe: string | null },
  seenAt: string,
  scanId: string,
): Promise<void> {
  await db
    .insertInto('assets_technologies')
    .values({
      id: newId(),
      service_id: technology.serviceId,
      name: technology.name,
      version: technology.version ?? '',
      cpe: technology.cpe,
      first_seen: seenAt,
      last_seen: seenAt,
      last_scan_id: scanId,
    })
    .onConflict((oc) =>
      oc
        .columns(['service_id', 'name', 'version'])
        .doUpdateSet({ last_seen: seenAt, last_scan_id: scanId, cpe: technology.cpe }),
    )
    .execute();
}

/** One asset host, or undefined. */
export async function findAssetHost(db: Db, id: string): Promise<AssetHost | undefined> {
  const row = await db.selectFrom('assets_hosts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toHost(row) : undefined;
}

/** The asset host of an address, or undefined. */
export async function findAssetHostByAddress(db: Db, address: string): Promise<AssetHost | undefined> {
  const row = await db
    .selectFrom('assets_hosts')
    .selectAll()
    .where('address', '=', address)
    .executeTakeFirst();
  return row ? toHost(row) : undefined;
}

/** Services of an asset host with their technologies, by port. */
export async function listAssetServices(db: Db, hostId: string): Promise<AssetService[]> {
  const rows = await db
    .selectFrom('assets_services')
    .selectAll()
    .where('host_id', '=', hostId)
    .orderBy('port')
    .execute();
  if (rows.length === 0) return [];
  const techs = await db
    .selectFrom('assets_technologies')
    .selectAll()
    .where(
      'service_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('name')
    .execute();
  return rows.map((r) =>
    toService(
      r,
      techs
        .filter((t) => t.service_id === r.id)
        .map((t) => ({
          id: t.id,
          name: t.name,
          version: t.version === '' ? null : t.version,
          cpe: t.cpe,
          firstSeen: t.first_seen,
          lastSeen: t.last_seen,
        })),
    ),
  );
}

/** Asset hosts a reader may see, most recently seen first. */
export async function listAssetHosts(
  db: Db,
  scope: ScanReadScope,
  limit: number,
  offset: number,
): Promise<AssetHost[]> {
  let query = db.selectFrom('assets_hosts').selectAll();
  if (scope.kind === 'only') {
    if (scope.structureIds.length === 0) return [];
    query = query.where('structure_id', 'in', [...scope.structureIds]);
  }
  const rows = await query
    .orderBy('last_seen', 'desc')
    .orderBy('address')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toHost);
}
