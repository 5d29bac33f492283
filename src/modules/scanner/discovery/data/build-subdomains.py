# Builds subdomains.txt beside this file (see README.md): python3 build-subdomains.py
import os
import re
apps_fr = """
vpn sslvpn vpn-ssl pacs dicom webmail rdweb citrix portail dpi intranet extranet ris labo messagerie owa
autodiscover remote teletravail rh paie gestion dossier-patient imagerie radiologie urgences pharmacie bloc
maternite cardiologie oncologie pediatrie psychiatrie geriatrie sil sih gam gap pmsi dim facturation admissions
rendez-vous rdv prise-rdv priserdv teleconsultation telemedecine telesante visio webconf agenda planning
gtt gta temps formation elearning e-learning moodle qualite ged gmao biomedical biomed restauration cuisine
blanchisserie achats marches finances compta comptabilite budget economat magasin logistique transport
ambulances samu smur regulation cartographie annuaire mail messagerie-securisee mssante apicrypt
hprim hl7 mllp fhir ihe xds dmp sesam sesam-vitale cps psc pro-sante-connect ins insi ror viatrajectoire
trajectoire hospitalisation hopital chu ch clinique ehpad ssr usld had cmp cattp cms pmi gcs ght esante
e-sante sante biologie anapath anatomopathologie hematologie transfusion dialyse nephrologie neurologie
chirurgie orthopedie orl ophtalmologie dermatologie gynecologie obstetrique neonatologie reanimation rea
anesthesie consultation consultations endoscopie scanner irm echographie medecine-nucleaire radiotherapie
mammographie teleradiologie telerad viewer webviewer visualiseur zfp synapse carestream centricity impax xero
sectra ids7 dxcare hopital-manager easily sillage orbis crossway osiris cpage magh2 hexagone clinicom pastel
mediboard chimio chimiotherapie pui copilote omnicell pyxis patients portail-patient espace-patient
mon-espace monespace usagers familles visiteurs dons recrutement emploi carrieres candidatures stages
ifsi ifas ecole cfa direction communication presse actualites
ghu aphp hcl aphm cesu sau umd usmp ucsa pass cegidd clat csapa caarud ssiad esat ime foyer mas fam
ordonnance prescription dossier-medical dossier dossiers resultats resultats-labo compte-rendu crh courrier courriers
lettre lettres archives archivage numerisation scan-docs docs-patients identitovigilance serveur-resultats
kiosque bornes borne-accueil accueil standard telephonie toip voip sip visiophonie astreinte astreintes bip
securite ssi rssi dpo cnil rgpd incident incidents cellule crise plan-blanc
"""
apps_generic = """
www www1 www2 www3 web web1 web2 site sites portal portals home main old new ancien nouveau legacy beta alpha
dev devel develop development test tests testing recette rec preprod pre-prod pprod staging stage demo
sandbox qualif integration int uat prod production prd backup bkp bak secours pra pca dr
api api1 api2 apis ws webservice webservices services service soa eai esb interop interoperabilite
mail mta-sts autoconfig mailin mailout mail1 mail2 mail3 smtp smtp1 smtp2 smtp-out smtpout relay relais mx mx1 mx2 mx3 mx01 mx02 imap pop pop3
imaps mailhost mailgw mail-gw exchange exch ex2010 ex2013 ex2016 ex2019 cas zimbra lotus notes domino
lync skype sfb meet teams webex zoom jitsi conf conference
ns ns0 ns1 ns2 ns3 ns4 dns dns1 dns2 dns3 resolver
gw gateway fw firewall pare-feu proxy proxy1 proxy2 squid waf lb loadbalancer rp reverse reverse-proxy
anyconnect asa forti fortigate fortinet fgt globalprotect gp paloalto pulse pulsesecure ivanti sonicwall
stormshield netasq checkpoint f5 bigip big-ip access secure secure-access securemail remoteaccess ra
rds rdgw rdg rdweb2 rdp tse ts terminal terminal-server bureau bureau-distant horizon vdi view workspace
storefront netscaler adc ctx xenapp xendesktop ica receiver citrix1 citrix2 sgd
backup sauvegarde veeam commvault netbackup nas san stockage storage files fichiers partage partages share
shares sharepoint sp wiki confluence jira glpi helpdesk support assistance hotline ticket tickets itsm
cmdb ocs ocsinventory inventaire inventory monitoring supervision nagios centreon zabbix grafana kibana elk
elastic elasticsearch logs log syslog siem graylog splunk prometheus git gitlab github svn jenkins ci repo
repository nexus artifactory docker registry harbor k8s kube kubernetes openshift rancher cloud owncloud
nextcloud drive transfert transfer filesender partage-fichiers ftp sftp ftps upload download telechargement
telechargements cdn static media medias img images assets doc docs documentation kb status statut time ntp
auth sso idp adfs sts fs login connexion signin mfa otp 2fa radius nps pki ca crl ocsp certs acme
mdm airwatch intune wsus sccm mecm epo antivirus av kaspersky sophos eset trendmicro mcafee symantec
ldap ldaps ad dc dc1 dc2 dc01 dc02 ads annuaire-ad gc kerberos
sql mysql mariadb postgres pgsql oracle ora db db1 db2 database bdd mongo mongodb redis memcached
app app1 app2 apps application applications appli applis srv srv1 srv2 serveur server server1 server2 host
vm vms esx esxi vcenter vsphere hyperv proxmox ovirt xen ilo idrac ipmi bmc imm ipkvm kvm
print printer imprimante impression scan scanner-docs copieur fax
wifi wlan guest guests invite invites hotspot portail-captif captive nac
shop boutique store agenda-rdv doctolib maiia keldoc
news newsletter lists listes liste sympa mailman forum forums chat tchat
crm erp sap sage cegid hr payroll odoo
search recherche moteur
sig gis carto geo map maps
video videos stream streaming tv webtv radio
m mobile wap pda
intra intra2 extra partenaires partenaire fournisseurs fournisseur clients client b2b edi
bi decisionnel datawarehouse entrepot-donnees edsh entrepot dataviz reporting rapports stats statistiques
analytics matomo piwik awstats tag tags
cms wordpress wp drupal joomla typo3 spip
owa2 webmail2 webmail-old oldmail newmail
"""
env_apps = """portail intranet extranet webmail dpi pacs ris sil gam rh paie ged gmao api www vpn citrix rdweb
dossier-patient teleconsultation rendez-vous labo imagerie mediboard easily dxcare orbis crossway
cpage magh2 sillage glpi moodle qualite agenda""".split()
envs = ["test","recette","preprod","dev","old","new","formation","demo","bkp"]
numbered = """vpn pacs dicom ris labo portail intranet webmail mail smtp mx ns dns dc ad srv serveur web www app
proxy fw gw rds tse ts citrix sql db nas backup esx esxi vcenter ilo idrac print imprimante scan copieur wifi
ftp sftp dmz host vm ged gmao rh api ws ldap radius horizon vdi storefront netscaler sauvegarde stockage
supervision centreon zabbix glpi teleconsultation telemedecine visio sip toip voip""".split()
words = []
def add(w):
    w = w.strip().lower()
    if not w: return
    assert re.fullmatch(r'[a-z0-9](?:[a-z0-9-]*[a-z0-9])?', w), w
    if w not in seen:
        seen.add(w); words.append(w)
seen = set()
for w in (apps_fr + apps_generic).split(): add(w)
for a in env_apps:
    for e in envs:
        add(f"{a}-{e}"); add(f"{e}-{a}")
    add(f"{a}2")
for n in numbered:
    for i in range(1, 10): add(f"{n}{i}")
    for i in range(1, 6): add(f"{n}0{i}"); add(f"{n}-{i}")
# Sites of a hospital group: a site number or letter in front of the main applications.
for site in ["site1","site2","site3","site-a","site-b","nord","sud","est","ouest","centre"]:
    for a in ["portail","intranet","webmail","vpn","pacs","ris","labo","rdweb","citrix","mail"]:
        add(f"{a}-{site}")
print(len(words))
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'subdomains.txt'), 'w').write('\n'.join(words)+'\n')
