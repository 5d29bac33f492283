/**
 * The explicit list of probes, in the order they are tried (the identify stage puts the ones likely
 * for a port first and the `unknown` banner grab last), and the fingerprint stage that fills product,
 * version and CPE. Adding a probe: see the scanner README ("Adding a probe").
 */
import { enrichWithFingerprints } from '../fingerprints/identify.js';
import type { Enricher } from '../identify.js';
import { dnsProbe } from './dns/dns.probe.js';
import { probesA } from './index-a.js';
import { probesB } from './index-b.js';
import type { Probe } from './probe.js';

/**
 * Every probe Hygie ships: web, remote administration and mail (with the `unknown` banner grab, which
 * the identify stage always tries last); sector services and databases; DNS.
 */
export const probes: readonly Probe[] = [...probesA, ...probesB, dnsProbe];

/** Product, version, CPE and web technologies from fingerprint data (recog, webappanalyzer). */
export const enrich: Enricher = (service) => enrichWithFingerprints(service);
