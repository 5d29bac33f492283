import type { Check, CheckDefinition } from '../findings/finding.types.js';
import { exposureFindings } from './exposure.js';
import { REF } from './references.js';
import { detailFlag, detailText, type ServiceView } from './service-view.js';

const definition: CheckDefinition = {
  id: 'service.database-exposed',
  category: 'exposed-service',
  severity: 'high',
  title: {
    fr: 'Base de données accessible depuis Internet',
    en: 'Database reachable from the Internet',
  },
  description: {
    fr: "Un serveur de base de données (MySQL/MariaDB, PostgreSQL, SQL Server, MongoDB, Elasticsearch…) répond directement sur Internet. Les bases contiennent les données des applications, souvent de santé : elles deviennent la cible d'attaques par mots de passe, de vulnérabilités du moteur et, pour celles sans authentification, d'extractions et de rançonnages automatisés.",
    en: 'A database server (MySQL/MariaDB, PostgreSQL, SQL Server, MongoDB, Elasticsearch…) answers directly on the Internet. Databases hold application data, often health data: they become targets of password attacks, engine vulnerabilities and, when unauthenticated, automated theft and ransom.',
  },
  recommendation: {
    fr: "Faire écouter la base uniquement sur le réseau interne (bind-address, listen_addresses), filtrer son port sur le pare-feu pour n'autoriser que les serveurs applicatifs, exiger l'authentification et TLS, et administrer via un bastion ou un VPN. Vérification : depuis l'extérieur, le port de la base (3306, 5432, 1433, 27017, 9200…) est filtré.",
    en: 'Make the database listen on the internal network only (bind-address, listen_addresses), filter its port at the firewall to allow only the application servers, require authentication and TLS, and administer through a bastion or VPN. Verify: from outside, the database port (3306, 5432, 1433, 27017, 9200…) is filtered.',
  },
  references: [REF.postgresHba, REF.mariadbSecurity, REF.anssiInterconnexion],
};

/** Protocols counted as databases (Redis has its own check when open, counted here when protected). */
export const DATABASE_PROTOCOLS = [
  'mysql',
  'postgresql',
  'mssql',
  'mongodb',
  'elasticsearch',
  'couchdb',
  'cassandra',
  'oracle',
  'memcached',
  'redis',
] as const;

function describe(v: ServiceView): string {
  const parts: string[] = [];
  if (detailFlag(v.service, 'authRequired') === false) parts.push('answers without authentication');
  const range = detailText(v.service, 'versionRange');
  if (range) parts.push(`version ${range}`);
  const encryption = detailText(v.service, 'encryption');
  if (encryption) parts.push(`encryption ${encryption}`);
  return parts.join(', ');
}

/**
 * `service.database-exposed`: a database protocol answered. An Elasticsearch/MongoDB answering
 * without authentication is critical; a Redis without authentication is left to `service.redis-noauth`.
 */
export const serviceDatabaseExposedCheck: Check = {
  definition,
  evaluate(input) {
    return exposureFindings(input, definition, DATABASE_PROTOCOLS, {
      describe,
      severity: (v) => (detailFlag(v.service, 'authRequired') === false ? 'critical' : undefined),
      include: (v) => v.service.protocol !== 'redis' || detailFlag(v.service, 'authRequired') === true,
    });
  },
};
