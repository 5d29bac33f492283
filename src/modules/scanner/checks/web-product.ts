/**
 * Recognising management interfaces and VPN portals on web services from what part 1 observed
 * (product, technologies and their categories, title, headers, cookies, page sample, certificate
 * subject). Exposure facts, not vulnerabilities: a header names a product, not its version. Pure.
 */
import type { ServiceView } from './service-view.js';

/** One signature: a product and the markers that identify it. */
export interface WebSignature {
  readonly product: string;
  /** Matched against product and technology names. */
  readonly names?: RegExp;
  /** Matched against the title, the page sample, header values and cookies. */
  readonly markers?: RegExp;
}

/** What the signatures were matched against, for one service. */
export function webTexts(view: ServiceView): { names: string[]; page: string } {
  const http = view.service.http;
  const names = [view.service.product ?? '', ...(view.service.technologies ?? []).map((t) => t.name)].filter(
    Boolean,
  );
  const headerText = http
    ? Object.entries(http.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')
    : '';
  const page = [
    http?.title ?? '',
    http?.bodySample ?? '',
    headerText,
    view.service.certificate?.subject ?? '',
  ].join('\n');
  return { names, page };
}

/** The first signature that matches the service, with what matched. */
export function matchSignature(
  view: ServiceView,
  signatures: readonly WebSignature[],
): { product: string; marker: string } | null {
  const { names, page } = webTexts(view);
  for (const s of signatures) {
    const byName = s.names ? names.find((n) => s.names?.test(n)) : undefined;
    if (byName) return { product: s.product, marker: `identified as ${byName}` };
    const m = s.markers?.exec(page);
    if (m) return { product: s.product, marker: `marker "${m[0].replace(/\s+/g, ' ').slice(0, 80)}"` };
  }
  return null;
}

/** VPN and remote-access gateways (CERT-FR alerts on all of them in recent years). */
export const VPN_SIGNATURES: readonly WebSignature[] = [
  {
    product: 'Fortinet FortiGate SSL-VPN',
    names: /forti(?:gate|os)/i,
    markers:
      /top\.location\s*=\s*["']\/remote\/login|\/remote\/login\?lang=|SVPNCOOKIE|O=Fortinet, OU=FortiGate/i,
  },
  {
    product: 'Citrix NetScaler Gateway',
    names: /citrix|netscaler/i,
    markers:
      /\/vpn\/index\.html|_ctxstxt_|CTXS\.AccessGateway|NSC_[A-Za-z0-9]+=|<title>\s*(?:NetScaler|Citrix) Gateway/i,
  },
  {
    product: 'Ivanti Connect Secure (Pulse Secure)',
    names: /pulse secure|ivanti connect/i,
    markers: /\/dana-na\/|DSSIGNIN=|<title>\s*(?:Ivanti|Pulse) Connect Secure/i,
  },
  {
    product: 'Palo Alto Networks GlobalProtect',
    names: /globalprotect/i,
    markers: /global-protect\/(?:login\.esp|portal\/)|<title>\s*GlobalProtect Portal/i,
  },
  {
    product: 'SonicWall SSL-VPN',
    names: /sonicwall/i,
    markers: /sslvpnLogin\.html|SonicWall - Virtual Office|SonicWALL SSL-VPN Web Server/i,
  },
  {
    product: 'Cisco ASA / AnyConnect',
    names: /anyconnect|cisco asa|adaptive security appliance/i,
    markers: /\/\+CSCOE\+\/|webvpn(?:login|context)=|<title>\s*SSL VPN Service/i,
  },
  {
    product: 'Check Point Mobile Access',
    names: /check point/i,
    markers: /\/sslvpn\/Login\/Login|Check Point Mobile/i,
  },
  {
    product: 'F5 BIG-IP APM',
    names: /big-?ip (?:apm|access policy)/i,
    markers: /\/my\.policy|MRHSession=|\/vdesk\//i,
  },
  {
    product: 'OpenVPN Access Server',
    names: /openvpn access server/i,
    markers: /<title>\s*OpenVPN Access Server|OpenVPN-AS/i,
  },
  {
    product: 'Stormshield SSL VPN',
    names: /stormshield/i,
    markers: /Stormshield Network Security|\/auth\/sslvpn/i,
  },
  {
    product: 'Omnissa/VMware Horizon',
    names: /(?:vmware|omnissa) horizon/i,
    markers: /<title>\s*(?:VMware|Omnissa) Horizon/i,
  },
];

/** Management interfaces of hypervisors, servers, printers, network and storage appliances, admin tools. */
export const ADMIN_SIGNATURES: readonly WebSignature[] = [
  {
    product: 'VMware ESXi / vCenter',
    names: /vmware (?:esxi|vcenter|vsphere)/i,
    markers: /<title>\s*(?:VMware ESXi|vSphere|ID_VC_Welcome)|VMware vSphere/i,
  },
  {
    product: 'HPE iLO',
    names: /\bilo\b|integrated lights-out/i,
    markers: /<title>\s*[^<]*iLO|Integrated Lights-Out/i,
  },
  {
    product: 'Dell iDRAC',
    names: /idrac/i,
    markers: /<title>\s*[^<]*iDRAC|Integrated Dell Remote Access Controller/i,
  },
  {
    product: 'Supermicro IPMI',
    names: /supermicro/i,
    markers: /<title>\s*[^<]*Supermicro|ATEN International/i,
  },
  { product: 'Proxmox VE', names: /proxmox/i, markers: /Proxmox Virtual Environment|pve-manager/i },
  {
    product: 'Webmin / Cockpit',
    names: /webmin|cockpit/i,
    markers: /<title>\s*[^<]*(?:Webmin|Cockpit)|cockpit\/static/i,
  },
  {
    product: 'phpMyAdmin / Adminer / pgAdmin',
    names: /phpmyadmin|adminer|pgadmin/i,
    markers: /<title>\s*[^<]*(?:phpMyAdmin|Adminer|pgAdmin)/i,
  },
  {
    product: 'Hosting panel (Plesk, cPanel)',
    names: /plesk|cpanel/i,
    markers: /<title>\s*[^<]*(?:Plesk|cPanel)/i,
  },
  {
    product: 'Network storage (Synology, QNAP)',
    names: /synology|qnap/i,
    markers: /<title>\s*[^<]*(?:Synology|DiskStation|QNAP|QTS)/i,
  },
  {
    product: 'Firewall / router administration',
    names: /pfsense|opnsense|routeros|mikrotik|unifi|sophos utm/i,
    markers: /<title>\s*[^<]*(?:pfSense|OPNsense|RouterOS|UniFi|WebAdmin)/i,
  },
  {
    product: 'Printer web interface',
    names: /laserjet|jetdirect|printer/i,
    markers:
      /HP (?:Color )?LaserJet|CentreWare Internet Services|Web Image Monitor|Remote UI|Command Center RX|Lexmark|Embedded Web Server/i,
  },
  {
    product: 'Monitoring / DevOps console',
    names: /jenkins|grafana|zabbix|kibana|portainer|centreon|nagios/i,
    markers: /<title>\s*[^<]*(?:\[Jenkins\]|Grafana|Zabbix|Kibana|Portainer|Centreon|Nagios)/i,
  },
  {
    product: 'Orthanc DICOM server console',
    names: /orthanc/i,
    markers: /Orthanc Explorer|<title>\s*Orthanc/i,
  },
];

/** webappanalyzer categories that are management interfaces by nature. */
export const ADMIN_CATEGORIES = new Set([
  'Hosting panels',
  'Database managers',
  'Network storage',
  'Network devices',
  'Control systems',
  'Webcams',
  'Containers',
  'CI',
]);
