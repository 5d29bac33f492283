/**
 * Probes for the sector's sensitive services and databases: remote desktop, file sharing, medical
 * imaging and messaging, databases and search engines. Greeting-first probes come first (they cost
 * nothing once the greeting is read), then client-first ones. `probes/index.ts` merges this list.
 */
import { dicomProbe } from './dicom/dicom.probe.js';
import { elasticsearchProbe } from './elasticsearch/elasticsearch.probe.js';
import { hl7Probe } from './hl7/hl7.probe.js';
import { mongodbProbe } from './mongodb/mongodb.probe.js';
import { mssqlProbe } from './mssql/mssql.probe.js';
import { mysqlProbe } from './mysql/mysql.probe.js';
import { postgresqlProbe } from './postgresql/postgresql.probe.js';
import type { Probe } from './probe.js';
import { rdpProbe } from './rdp/rdp.probe.js';
import { redisProbe } from './redis/redis.probe.js';
import { smbProbe } from './smb/smb.probe.js';

/** RDP, SMB, DICOM, HL7, MySQL/MariaDB, PostgreSQL, MSSQL, Redis, MongoDB, Elasticsearch. */
export const probesB: readonly Probe[] = [
  mysqlProbe,
  rdpProbe,
  smbProbe,
  dicomProbe,
  hl7Probe,
  postgresqlProbe,
  mssqlProbe,
  redisProbe,
  mongodbProbe,
  elasticsearchProbe,
];
