/**
 * LDAP (RFC 4511) as an anonymous client: the RootDSE search request, BER-encoded by hand, and the
 * reading of the answer (SearchResultEntry attributes, SearchResultDone code). Pure and bounded.
 */

/** RootDSE attributes asked for (they are operational: a server returns them only when named). */
export const ROOT_DSE_ATTRIBUTES = [
  'namingContexts',
  'defaultNamingContext',
  'rootDomainNamingContext',
  'configurationNamingContext',
  'schemaNamingContext',
  'supportedLDAPVersion',
  'supportedSASLMechanisms',
  'supportedCapabilities',
  'vendorName',
  'vendorVersion',
  'dnsHostName',
  'serverName',
  'ldapServiceName',
  'domainFunctionality',
  'forestFunctionality',
  'domainControllerFunctionality',
  'isGlobalCatalogReady',
  'subschemaSubentry',
  'objectClass',
] as const;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(value.length), value]);
}

const int = (tag: number, n: number): Buffer => tlv(tag, Buffer.from([n & 0x7f]));
const octets = (tag: number, s: string): Buffer => tlv(tag, Buffer.from(s, 'utf8'));

/** `LDAPMessage { 1, searchRequest { "", base, never, 0, timeLimit, FALSE, (objectClass=*), attrs } }`. */
export function rootDseRequest(messageId = 1, timeLimitSeconds = 10): Buffer {
  const attributes = tlv(0x30, Buffer.concat(ROOT_DSE_ATTRIBUTES.map((a) => octets(0x04, a))));
  const search = tlv(
    0x63,
    Buffer.concat([
      octets(0x04, ''),
      int(0x0a, 0),
      int(0x0a, 0),
      int(0x02, 0),
      int(0x02, Math.min(timeLimitSeconds, 127)),
      tlv(0x01, Buffer.from([0x00])),
      octets(0x87, 'objectClass'),
      attributes,
    ]),
  );
  return tlv(0x30, Buffer.concat([int(0x02, messageId), search]));
}

/** One BER element: tag, where its content is, and where the next element starts. */
export interface BerElement {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

/** Reads the element at `offset` (definite lengths only); null when incomplete or malformed. */
export function readBer(bytes: Buffer, offset: number, limit = bytes.length): BerElement | null {
  if (offset + 2 > limit) return null;
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) return null;
  let len = bytes[offset + 1] as number;
  let start = offset + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) return null;
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + (bytes[start + i] as number);
    start += count;
  }
  if (start + len > limit) return null;
  return { tag, start, end: start + len };
}

function children(bytes: Buffer, parent: BerElement, max = 1000): BerElement[] {
  const out: BerElement[] = [];
  let offset = parent.start;
  while (offset < parent.end && out.length < max) {
    const el = readBer(bytes, offset, parent.end);
    if (el === null) break;
    out.push(el);
    offset = el.end;
  }
  return out;
}

const text = (bytes: Buffer, el: BerElement): string => bytes.subarray(el.start, el.end).toString('utf8');

/** One LDAP message read from the stream. */
export type LdapMessage =
  | {
      readonly kind: 'entry';
      readonly messageId: number;
      readonly dn: string;
      readonly attributes: Record<string, string[]>;
      /** The raw PartialAttributeList, which recog's `ldap.search_result` patterns match. */
      readonly raw: Buffer;
    }
  | {
      readonly kind: 'done';
      readonly messageId: number;
      readonly resultCode: number;
      readonly diagnostic: string;
    }
  | { readonly kind: 'other'; readonly messageId: number; readonly tag: number };

/** Reads the LDAP messages at the start of `bytes`; `invalid` when the bytes are not LDAP. */
export function parseLdapMessages(bytes: Buffer, max = 20): { messages: LdapMessage[]; invalid: boolean } {
  const messages: LdapMessage[] = [];
  let offset = 0;
  while (offset < bytes.length && messages.length < max) {
    if (bytes[offset] !== 0x30) return { messages, invalid: true };
    const envelope = readBer(bytes, offset);
    if (envelope === null) return { messages, invalid: bytes.length - offset > 16 * 1024 * 1024 };
    const [id, op] = children(bytes, envelope, 3);
    if (id === undefined || op === undefined || id.tag !== 0x02 || id.end - id.start > 4)
      return { messages, invalid: true };
    let messageId = 0;
    for (const b of bytes.subarray(id.start, id.end)) messageId = messageId * 256 + b;
    const parts = children(bytes, op);
    if (op.tag === 0x64) {
      const [name, list] = parts;
      const attributes: Record<string, string[]> = {};
      if (list) {
        for (const attr of children(bytes, list)) {
          const [type, values] = children(bytes, attr, 2);
          if (!type || !values) continue;
          const key = text(bytes, type);
          attributes[key] = children(bytes, values, 200).map((v) => text(bytes, v).slice(0, 1024));
        }
      }
      messages.push({
        kind: 'entry',
        messageId,
        dn: name ? text(bytes, name) : '',
        attributes,
        raw: list ? Buffer.from(bytes.subarray(list.start, list.end)) : Buffer.alloc(0),
      });
    } else if (op.tag === 0x65 || op.tag === 0x78) {
      const [code, , diagnostic] = parts;
      messages.push({
        kind: 'done',
        messageId,
        resultCode: code ? (bytes[code.start] ?? 0) : 0,
        diagnostic: diagnostic ? text(bytes, diagnostic).slice(0, 500) : '',
      });
    } else {
      messages.push({ kind: 'other', messageId, tag: op.tag });
    }
    offset = envelope.end;
  }
  return { messages, invalid: false };
}

/** True once a SearchResultDone (or a notice of disconnection) has arrived: a `stopWhen`. */
export function hasSearchDone(bytes: Buffer): boolean {
  const { messages, invalid } = parseLdapMessages(bytes);
  return invalid || messages.some((m) => m.kind === 'done');
}
