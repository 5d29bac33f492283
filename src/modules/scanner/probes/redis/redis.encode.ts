/**
 * The two commands the probe sends to a Redis-protocol server, in inline form (what `redis-cli` and
 * telnet users type): PING, then INFO server. Neither reads or writes keys; neither authenticates. Pure.
 */

/** `PING`: answered `+PONG` without authentication, `-NOAUTH …` when a password is required. */
export const PING = Buffer.from('PING\r\n', 'latin1');
/** `INFO server`: the server section only (version, mode, OS), not clients, keyspace or replication. */
export const INFO_SERVER = Buffer.from('INFO server\r\n', 'latin1');
