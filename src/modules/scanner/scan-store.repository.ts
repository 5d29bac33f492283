/**
 * SQL of what a run observed (`scan_domains`, `scan_hosts`, `scan_tasks`, `scan_services`) and of its
 * checkpoint: the database implementation of the pipeline's `ScanStore`. Every write is an upsert,
 * so replaying a stage after a crash stores the same rows.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { fromDbJson, toDbJson } from '../../db/portable.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { listScanFindings, replaceScanFindings } from './finding.repository.js';
import { parsePortList, formatPortRanges } from './ports/port-lists.js';
import type { ScanCheckpoint, ScanStage, ScanStore, StoredScan } from './scan-store.js';
import type { DomainObservation, ServiceObservation } from './scanner.types.js';

type Db = Kysely<Database>;

const STAGES: readonly ScanStage[] = ['discover', 'ports', 'identify', 'assess', 'done'];

/** A domain row of a run, with its registry link. */
export interface ScanDomainRow {
  readonly observation: DomainObservation;
  readonly structureId: string | null;
}

/** A host row of a run, with its registry and asset links. */
export interface ScanHostRow {
  readonly id: string;
  readonly address: string;
  readonly hostnames: string[];
  readonly structureId: string | null;
  readonly assetHostId: string | null;
}

/** Domains of a run, by name. */
export async function listScanDomains(db: Db, scanId: string): Promise<ScanDomainRow[]> {
  const rows = await db
    .selectFrom('scan_domains')
    .selectAll()
    .where('scan_id', '=', scanId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    observation: fromDbJson<DomainObservation>(r.observation, {
      name: r.name,
      records: {},
      source: r.source,
    }),
    structureId: r.structure_id,
  }));
}

/** Hosts of a run. */
export async function listScanHosts(db: Db, scanId: string): Promise<ScanHostRow[]> {
  const rows = await db.selectFrom('scan_hosts').selectAll().where('scan_id', '=', scanId).execute();
  return rows.map((r) => ({
    id: r.id,
    address: r.address,
    hostnames: fromDbJson<string[]>(r.hostnames, []),
    structureId: r.structure_id,
    assetHostId: r.asset_host_id,
  }));
}

/** Services of a run with their address. */
export async function listScanServices(
  db: Db,
  scanId: string,
): Promise<{ address: string; service: ServiceObservation }[]> {
  const rows = await db
    .selectFrom('scan_services')
    .select(['address', 'observation', 'port', 'protocol', 'transport'])
    .where('scan_id', '=', scanId)
    .execute();
  return rows.map((r) => ({
    address: r.address,
    service: fromDbJson<ServiceObservation>(r.observation, {
      port: r.port,
      transport: 'tcp',
      protocol: r.protocol,
    }),
  }));
}

/** Counts of a run's observations, for lists and progress. */
export async function countScanObservations(
  db: Db,
  scanId: string,
): Promise<{ domains: number; hosts: number; services: number }> {
  const count = async (table: 'scan_domains' | 'scan_hosts' | 'scan_services'): Promise<number> => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('scan_id', '=', scanId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const [domains, hosts, services] = await Promise.all([
    count('scan_domains'),
    count('scan_hosts'),
    count('scan_services'),
  ]);
  return { domains, hosts, services };
}

/** Links a run's domain to a structure. */
export async function updateScanDomainStructure(
  db: Db,
  scanId: string,
  name: string,
  structureId: string | null,
): Promise<void> {
  await db
    .updateTable('scan_domains')
    .set({ structure_id: structureId })
    .where('scan_id', '=', scanId)
    .where('name', '=', name)
    .execute();
}

/** Links a run's host to a structure and to its asset. */
export async function updateScanHostLinks(
  db: Db,
  id: string,
  links: { structureId: string | null; assetHostId: string | null },
): Promise<void> {
  await db
    .updateTable('scan_hosts')
    .set({ structure_id: links.structureId, asset_host_id: links.assetHostId })
    .where('id', '=', id)
    .execute();
}

/** The database `ScanStore` of one run; the checkpoint lives in the run's row. */
export function createDatabaseScanStore(db: Db, scanId: string, clock: Clock): ScanStore {
  const now = (): string => clock.now().toISOString();
  return {
    async load(): Promise<StoredScan> {
      const run = await db
        .selectFrom('scan_runs')
        .select(['stage', 'checkpoint', 'refused'])
        .where('id', '=', scanId)
        .executeTakeFirstOrThrow();
      const checkpoint = fromDbJson<Omit<ScanCheckpoint, 'stage' | 'refused'>>(run.checkpoint, {
        round: 0,
        pendingNames: [],
        notes: [],
        incomplete: false,
      });
      const [domains, hosts, tasks, services, findings] = await Promise.all([
        listScanDomains(db, scanId),
        listScanHosts(db, scanId),
        db.selectFrom('scan_tasks').selectAll().where('scan_id', '=', scanId).orderBy('id').execute(),
        listScanServices(db, scanId),
        listScanFindings(db, scanId),
      ]);
      return {
        checkpoint: {
          stage: STAGES.includes(run.stage as ScanStage) ? (run.stage as ScanStage) : 'discover',
          round: checkpoint.round,
          pendingNames: checkpoint.pendingNames,
          notes: checkpoint.notes,
          incomplete: checkpoint.incomplete,
          refused: fromDbJson(run.refused, []),
        },
        domains: domains.map((d) => d.observation),
        hosts: hosts.map((h) => ({ address: h.address, hostnames: h.hostnames })),
        tasks: tasks.map((t) => {
          const ports = parsePortList(t.ports);
          return {
            id: t.id,
            address: t.address,
            ports: ports.ok ? ports.value : [],
            status: t.status,
            open: fromDbJson<number[]>(t.open_ports, []),
            ...(t.note ? { note: t.note } : {}),
          };
        }),
        services,
        findings: findings.map((f) => f.finding),
      };
    },
    async saveCheckpoint(c) {
      await db
        .updateTable('scan_runs')
        .set({
          stage: c.stage,
          checkpoint: toDbJson({
            round: c.round,
            pendingNames: c.pendingNames,
            notes: c.notes,
            incomplete: c.incomplete,
          }),
          refused: toDbJson(c.refused),
          updated_at: now(),
        })
        .where('id', '=', scanId)
        .execute();
    },
    async saveDomains(domains) {
      if (domains.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const d of domains) {
          await trx
            .insertInto('scan_domains')
            .values({
              id: newId(),
              scan_id: scanId,
              name: d.name,
              source: d.source,
              observation: toDbJson(d),
              structure_id: null,
              created_at: now(),
            })
            .onConflict((oc) =>
              oc.columns(['scan_id', 'name']).doUpdateSet({ source: d.source, observation: toDbJson(d) }),
            )
            .execute();
        }
      });
    },
    async saveHosts(hosts) {
      if (hosts.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const h of hosts) {
          const existing = await trx
            .selectFrom('scan_hosts')
            .select(['id', 'hostnames'])
            .where('scan_id', '=', scanId)
            .where('address', '=', h.address)
            .executeTakeFirst();
          if (existing) {
            const names = [
              ...new Set([...fromDbJson<string[]>(existing.hostnames, []), ...h.hostnames]),
            ].sort();
            await trx
              .updateTable('scan_hosts')
              .set({ hostnames: toDbJson(names) })
              .where('id', '=', existing.id)
              .execute();
          } else {
            await trx
              .insertInto('scan_hosts')
              .values({
                id: newId(),
                scan_id: scanId,
                address: h.address,
                hostnames: toDbJson([...new Set(h.hostnames)].sort()),
                structure_id: null,
                asset_host_id: null,
                created_at: now(),
              })
              .execute();
          }
        }
      });
    },
    async addPortTasks(tasks) {
      if (tasks.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < tasks.length; i += 500) {
          const batch = tasks.slice(i, i + 500);
          await trx
            .insertInto('scan_tasks')
            .values(
              batch.map((t) => ({
                id: newId(),
                scan_id: scanId,
                address: t.address,
                ports: formatPortRanges(t.ports),
                status: 'pending' as const,
                open_ports: '[]',
                note: null,
                finished_at: null,
              })),
            )
            .execute();
        }
      });
    },
    async completePortTask(id, open, note) {
      await db
        .updateTable('scan_tasks')
        .set({ status: 'done', open_ports: toDbJson([...open]), note: note ?? null, finished_at: now() })
        .where('id', '=', id)
        .execute();
    },
    async saveService({ address, service }) {
      const values = {
        protocol: service.protocol,
        product: service.product ?? null,
        version: service.version ?? null,
        observation: toDbJson(service),
      };
      await db
        .insertInto('scan_services')
        .values({
          id: newId(),
          scan_id: scanId,
          address,
          port: service.port,
          transport: service.transport,
          ...values,
          created_at: now(),
        })
        .onConflict((oc) => oc.columns(['scan_id', 'address', 'port', 'transport']).doUpdateSet(values))
        .execute();
    },
    async saveFindings(findings) {
      await replaceScanFindings(db, scanId, findings, now());
    },
  };
}
