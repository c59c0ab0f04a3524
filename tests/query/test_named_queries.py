"""Each named query's exact rows on the graph built from the real corpus.

Rows are written as people read them (``format_result(..., "table")`` cells: ``id:`` and
vocabulary prefixes, literals by their text, empty for unbound) and were checked against
the two documents: e.g. the article gives 44 killed and names Suleimani, Maliki and
al-Fayyadh as meeting "days" before the assault; the encyclopedia gives 52 dead and 7
missing. CONSTRUCT and DESCRIBE results are compared as sets of triples.
"""

from __future__ import annotations

import pytest

from ashraf_kg.query import store as embedded
from ashraf_kg.query.results import compact
from ashraf_kg.query.run import list_queries, run_query


@pytest.fixture(scope="session")
def built_dir(dataset, tmp_path_factory):
    """A folder holding the freshly built dataset dumped as N-Quads."""
    folder = tmp_path_factory.mktemp("graph")
    dataset.serialize(destination=str(folder / "ashraf-kg.nq"), format="nquads")
    return folder


@pytest.fixture(scope="session")
def built_store(built_dir):
    """The built graph in the embedded default store (in memory)."""
    return embedded.open_store(built_dir)


@pytest.fixture(scope="session")
def disk_store(built_dir, tmp_path_factory):
    """The built graph in the embedded disk cache, as the command line queries it."""
    return embedded.open_store(built_dir, storage="disk", cache_dir=tmp_path_factory.mktemp("cache"))


def cells(result) -> list[tuple[str, ...]]:
    if result.kind == "graph":
        return sorted((compact(s), compact(p), compact(o)) for s, p, o in result.graph)
    return [tuple(compact(value) for value in row) for row in result.rows]


CASES = [
    ('construct_neighbourhood', {'entity': 'person/abdul-reza-shahlai'}, [
        ('akg:Person', 'rdfs:label', 'Person'),
        ('id:annotation/000_998ad53316df0c2c/2514-2532', 'oa:hasBody', 'id:person/abdul-reza-shahlai'),
        ('id:claim/author-accuses-mukhtar-army-and-shahlai', 'schema:about', 'id:person/abdul-reza-shahlai'),
        ('id:document/000_998ad53316df0c2c', 'rdfs:label', 'The September 1st Massacre'),
        ('id:document/000_998ad53316df0c2c', 'schema:mentions', 'id:person/abdul-reza-shahlai'),
        ('id:event/mukhtar-army-camp-liberty-attack-2013-02', 'akg:commander', 'id:person/abdul-reza-shahlai'),
        ('id:event/mukhtar-army-camp-liberty-attack-2013-02', 'rdfs:label', 'Mukhtar Army attack on Camp Liberty, February 2013'),
        ('id:membership/shahlai-brigadier-of-qods-force', 'org:member', 'id:person/abdul-reza-shahlai'),
        ('id:organization/qods-force', 'rdfs:label', 'Qods Force'),
        ('id:person/abdul-reza-shahlai', 'akg:roleDescription', 'Brigadier of the Qods Force'),
        ('id:person/abdul-reza-shahlai', 'org:memberOf', 'id:organization/qods-force'),
        ('id:person/abdul-reza-shahlai', 'rdf:type', 'akg:Person'),
        ('id:person/abdul-reza-shahlai', 'rdf:type', 'foaf:Person'),
        ('id:person/abdul-reza-shahlai', 'rdf:type', 'schema:Person'),
        ('id:person/abdul-reza-shahlai', 'rdfs:label', 'Abdul Reza Shahlai'),
        ('id:person/abdul-reza-shahlai', 'schema:description', 'Iranian officer, a brigadier of the Qods Force.'),
        ('id:person/abdul-reza-shahlai', 'skos:altLabel', 'Shahlai'),
        ('id:person/abdul-reza-shahlai', 'skos:prefLabel', 'Abdul Reza Shahlai'),
    ]),
    ('count_events_by_type', {}, [
        ('akg:Attack', '10', '10'),
        ('akg:Condemnation', '3', '0'),
        ('akg:Appeal', '2', '0'),
        ('akg:Deception', '2', '2'),
        ('akg:Detention', '2', '2'),
        ('akg:InformationRelease', '2', '0'),
        ('akg:Killing', '2', '2'),
        ('akg:MilitarySupport', '2', '2'),
        ('akg:Plotting', '2', '2'),
        ('akg:Publication', '2', '0'),
        ('akg:Statement', '2', '1'),
        ('akg:Abduction', '1', '1'),
        ('akg:AccessObstruction', '1', '0'),
        ('akg:Arson', '1', '1'),
        ('akg:Broadcast', '1', '0'),
        ('akg:Confinement', '1', '0'),
        ('akg:Denial', '1', '0'),
        ('akg:Flight', '1', '1'),
        ('akg:Meeting', '1', '0'),
        ('akg:Order', '1', '1'),
        ('akg:RemovalFromPost', '1', '0'),
        ('akg:Training', '1', '1'),
        ('akg:Wounding', '1', '1'),
    ]),
    ('describe_entity', {}, [
        ('id:person/qassem-suleimani', 'akg:roleDescription', 'head of the Qods Force of the Islamic Revolutionary Guard Corps'),
        ('id:person/qassem-suleimani', 'org:memberOf', 'id:organization/qods-force'),
        ('id:person/qassem-suleimani', 'rdf:type', 'akg:Person'),
        ('id:person/qassem-suleimani', 'rdf:type', 'foaf:Person'),
        ('id:person/qassem-suleimani', 'rdf:type', 'schema:Person'),
        ('id:person/qassem-suleimani', 'rdfs:label', 'Qassem Suleimani'),
        ('id:person/qassem-suleimani', 'schema:description', 'Iranian general, commander of the Qods Force of the Islamic Revolutionary Guard Corps (also transliterated Qasem Soleimani).'),
        ('id:person/qassem-suleimani', 'skos:altLabel', 'Suleimani'),
        ('id:person/qassem-suleimani', 'skos:prefLabel', 'Qassem Suleimani'),
    ]),
    ('list_casualty_figures', {}, [
        ('id:event/attacks-on-mek-in-iraq', 'id:count-kind/attacks', '5', 'the fifth attack', 'id:person/author-of-000', 'id:document/000_998ad53316df0c2c'),
        ('id:event/camp-ashraf-anti-tank-fire-2013', 'id:count-kind/participants', '', 'several battalions', 'id:person/author-of-000', 'id:document/000_998ad53316df0c2c'),
        ('id:event/camp-ashraf-assault-2013', 'id:count-kind/dead', '52', '52', 'id:group/wikipedia-contributors', 'id:document/001_wikipedia_2013_camp_ashraf_massacre'),
        ('id:event/camp-ashraf-assault-2013', 'id:count-kind/dead', '52', '52 PMOI members dead', 'id:group/wikipedia-contributors', 'id:document/001_wikipedia_2013_camp_ashraf_massacre'),
        ('id:event/camp-ashraf-assault-2013', 'id:count-kind/missing', '7', '7 missing', 'id:group/wikipedia-contributors', 'id:document/001_wikipedia_2013_camp_ashraf_massacre'),
        ('id:event/camp-ashraf-killings-2013', 'id:count-kind/dead', '', 'Nearly half of the residents', 'id:person/author-of-000', 'id:document/000_998ad53316df0c2c'),
        ('id:event/camp-ashraf-killings-2013', 'id:count-kind/killed', '44', 'forty-four', 'id:person/author-of-000', 'id:document/000_998ad53316df0c2c'),
        ('id:event/camp-ashraf-wounding-2013', 'id:count-kind/wounded', '', 'many more', 'id:person/author-of-000', 'id:document/000_998ad53316df0c2c'),
        ('id:event/camp-ashraf-wounding-2013', 'id:count-kind/wounded', '', 'many more in a critical condition', 'id:person/author-of-000', 'id:document/000_998ad53316df0c2c'),
        ('id:event/mukhtar-army-camp-liberty-attack-2013-02', 'id:count-kind/killed', '', 'several', 'id:person/author-of-000', 'id:document/000_998ad53316df0c2c'),
        ('id:event/ncri-releases-five-names-2013', 'id:count-kind/named', '5', 'five names', 'id:organization/ncri', 'id:document/000_998ad53316df0c2c'),
        ('id:event/seven-residents-taken-to-iran', 'id:count-kind/missing', '7', 'seven members of the group', 'id:group/us-intelligence-officials', 'id:document/001_wikipedia_2013_camp_ashraf_massacre'),
    ]),
    ('list_claims_about', {}, [
        ('id:claim/iranian-resistance-accuses-suleimani-of-ordering-attack', 'id:organization/iranian-resistance', 'id:stance/accuses', 'id:event/suleimani-ordered-attack', 'id:document/000_998ad53316df0c2c'),
        ('id:claim/author-accuses-maliki-administration-of-acquiescence', 'id:person/author-of-000', 'id:stance/accuses', '', 'id:document/000_998ad53316df0c2c'),
        ('id:claim/author-accuses-maliki-forces-of-summary-killings', 'id:person/author-of-000', 'id:stance/accuses', 'id:event/camp-ashraf-summary-executions-2013', 'id:document/000_998ad53316df0c2c'),
        ('id:claim/author-accuses-maliki-of-disregard-for-law', 'id:person/author-of-000', 'id:stance/accuses', '', 'id:document/000_998ad53316df0c2c'),
    ]),
    ('list_claims_by_claimant', {'claimant': 'organization/government-of-iraq'}, [
        ('id:organization/government-of-iraq', 'id:stance/denies', 'id:claim/iraqi-government-denies-assault', 'id:event/camp-ashraf-assault-2013', '', 'the denial by the Iraqi government that any such action by the Iraqi Army has occurred at all'),
    ]),
    ('list_contested_statements', {}, [
        ('id:event/camp-ashraf-assault-2013', 'id:person/author-of-000', 'id:stance/accuses', 'id:claim/author-accuses-iraqi-army-of-assault'),
        ('id:event/camp-ashraf-assault-2013', 'id:person/author-of-000', 'id:stance/accuses', 'id:claim/author-accuses-iraqi-army-used-against-camp-ashraf'),
        ('id:event/camp-ashraf-assault-2013', 'id:group/wikipedia-contributors', 'id:stance/characterises', 'id:claim/wikipedia-characterises-assault-as-massacre'),
        ('id:event/camp-ashraf-assault-2013', 'id:group/wikipedia-contributors', 'id:stance/characterises', 'id:claim/wikipedia-characterises-suspected-terrorist-attack'),
        ('id:event/camp-ashraf-assault-2013', 'id:person/author-of-000', 'id:stance/characterises', 'id:claim/author-characterises-assault-as-massacre'),
        ('id:event/camp-ashraf-assault-2013', 'id:organization/un-human-rights-office', 'id:stance/condemns', 'id:claim/un-human-rights-office-condemns-attack'),
        ('id:event/camp-ashraf-assault-2013', 'id:organization/unami', 'id:stance/condemns', 'id:claim/unami-condemns-attack'),
        ('id:event/camp-ashraf-assault-2013', 'id:organization/us-state-department', 'id:stance/condemns', 'id:claim/state-department-condemns-attack'),
        ('id:event/camp-ashraf-assault-2013', 'id:person/ban-ki-moon', 'id:stance/condemns', 'id:claim/ban-ki-moon-deplores-events'),
        ('id:event/camp-ashraf-assault-2013', 'id:organization/al-iraqiya-tv', 'id:stance/denies', 'id:claim/al-iraqiya-denies-attack'),
        ('id:event/camp-ashraf-assault-2013', 'id:organization/government-of-iraq', 'id:stance/denies', 'id:claim/iraqi-government-denies-assault'),
        ('id:event/camp-ashraf-assault-2013', 'id:group/wikipedia-contributors', 'id:stance/reports', 'id:claim/wikipedia-reports-name-september-1-massacre'),
    ]),
    ('list_disagreeing_figures', {}, [
        ('deaths', 'id:event/camp-ashraf-killings-2013', '44', 'id:person/author-of-000', 'id:document/000_998ad53316df0c2c', 'id:event/camp-ashraf-assault-2013', '52', 'id:group/wikipedia-contributors', 'id:document/001_wikipedia_2013_camp_ashraf_massacre'),
    ]),
    ('list_documents', {}, [
        ('id:document/000_998ad53316df0c2c', 'The September 1st Massacre', '2013-09-01', 'opinion/advocacy', '180'),
        ('id:document/001_wikipedia_2013_camp_ashraf_massacre', '2013 Camp Ashraf massacre', '', 'encyclopedia', '93'),
    ]),
    ('list_entities_without_identifier', {'type': 'akg:Person'}, [
        ('id:person/abdul-reza-shahlai', 'akg:Person', 'Abdul Reza Shahlai'),
        ('id:person/author-of-000', 'akg:Person', 'Author of "The September 1st Massacre"'),
        ('id:person/ban-ki-moon', 'akg:Person', 'Ban Ki-moon'),
        ('id:person/bashar-al-assad', 'akg:Person', 'Bashar al-Assad'),
        ('id:person/catherine-ashton', 'akg:Person', 'Catherine Ashton'),
        ('id:person/faleh-al-fayyadh', 'akg:Person', 'Faleh al-Fayyadh'),
        ('id:person/former-national-security-minister', 'akg:Person', 'Former national security minister (unnamed)'),
        ('id:person/martin-kobler', 'akg:Person', 'Martin Kobler'),
        ('id:person/maryam-rajavi', 'akg:Person', 'Maryam Rajavi'),
        ('id:person/nouri-al-maliki', 'akg:Person', 'Nouri al-Maliki'),
        ('id:person/qassem-suleimani', 'akg:Person', 'Qassem Suleimani'),
        ('id:person/tahar-boumedra', 'akg:Person', 'Tahar Boumedra'),
        ('id:person/unnamed-us-official', 'akg:Person', 'Unnamed U.S. official'),
    ]),
    ('list_event_roles', {'event': 'event/camp-ashraf-summary-executions-2013'}, [
        ('id:event/camp-ashraf-handcuffing-2013', 'akg:agent', 'id:organization/iraqi-army'),
        ('id:event/camp-ashraf-handcuffing-2013', 'akg:victim', 'id:group/named-executed-victims'),
        ('id:event/camp-ashraf-summary-executions-2013', 'akg:agent', 'id:organization/iraqi-army'),
        ('id:event/camp-ashraf-summary-executions-2013', 'akg:instrument', 'id:thing/small-arms'),
        ('id:event/camp-ashraf-summary-executions-2013', 'akg:victim', 'id:group/named-executed-victims'),
    ]),
    ('list_events_at_place', {}, [
        ('id:event/attacks-on-mek-in-iraq', 'Attacks in Iraq on members of the MEK in recent years', 'id:place/iraq'),
        ('id:event/camp-ashraf-anti-tank-fire-2013', 'Anti-tank weapons fired at Camp Ashraf', 'id:place/camp-ashraf'),
        ('id:event/camp-ashraf-arson-2013', 'Buildings set alight at Camp Ashraf', 'id:place/camp-ashraf'),
        ('id:event/camp-ashraf-assault-2013', 'Assault on Camp Ashraf, 1 September 2013', 'id:place/camp-ashraf'),
        ('id:event/camp-ashraf-flight-2013', 'Residents of Camp Ashraf attempt to flee', 'id:place/camp-ashraf'),
        ('id:event/camp-ashraf-handcuffing-2013', 'Residents of Camp Ashraf handcuffed before being shot', 'id:place/camp-ashraf'),
        ('id:event/camp-ashraf-killings-2013', 'Residents of Camp Ashraf killed, 1 September 2013', 'id:place/camp-ashraf'),
        ('id:event/camp-ashraf-mortar-and-small-arms-fire-2013', 'Six hours of mortar and small-arms fire at Camp Ashraf', 'id:place/camp-ashraf'),
        ('id:event/camp-ashraf-summary-executions-2013', 'Handcuffed residents of Camp Ashraf machine-gunned at close quarters', 'id:place/camp-ashraf'),
        ('id:event/camp-ashraf-wounding-2013', 'Residents of Camp Ashraf wounded, 1 September 2013', 'id:place/camp-ashraf'),
        ('id:event/iranian-commandos-took-part-in-assault', 'Iranian commandos take part in the attack on Camp Ashraf (alleged)', 'id:place/camp-ashraf'),
        ('id:event/iraqi-security-forces-responsible-for-assault', 'Iraqi security forces carry out the assault on Camp Ashraf (alleged)', 'id:place/camp-ashraf'),
        ('id:event/iraqi-soldiers-shooting-at-camp-ashraf', 'Iraqi soldiers shoot at Camp Ashraf (denied by a U.S. official)', 'id:place/camp-ashraf'),
        ('id:event/kobler-removed-from-iraq', 'Martin Kobler removed from Iraq', 'id:place/iraq'),
        ('id:event/proxies-carried-out-assault', "Gunmen of Kata'ib Hezbollah and Asaib Ahl al-Haq carry out the attack (alleged)", 'id:place/camp-ashraf'),
        ('id:event/un-inspectors-prevented-from-entering-camp-ashraf', 'UN inspectors prevented from entering Camp Ashraf', 'id:place/camp-ashraf'),
    ]),
    ('list_linked_organisations', {}, [
        ('id:organization/asaib-ahl-al-haq', 'Asaib Ahl al-Haq'),
        ('id:organization/government-of-iran', 'Government of Iran'),
        ('id:organization/lebanese-hezbollah', 'Hezbollah'),
        ('id:organization/irgc', 'Islamic Revolutionary Guard Corps'),
        ('id:organization/kataib-hezbollah', "Kata'ib Hezbollah"),
        ('id:organization/mukhtar-army', 'Mukhtar Army'),
    ]),
    ('list_meetings_before', {}, [
        ('id:event/suleimani-maliki-fayyadh-meeting-2013', 'Suleimani meets Maliki and al-Fayyadh, days before the assault', '2013-08-31', 'id:person/faleh-al-fayyadh', 'id:person/nouri-al-maliki'),
        ('id:event/suleimani-maliki-fayyadh-meeting-2013', 'Suleimani meets Maliki and al-Fayyadh, days before the assault', '2013-08-31', 'id:person/faleh-al-fayyadh', 'id:person/qassem-suleimani'),
        ('id:event/suleimani-maliki-fayyadh-meeting-2013', 'Suleimani meets Maliki and al-Fayyadh, days before the assault', '2013-08-31', 'id:person/nouri-al-maliki', 'id:person/qassem-suleimani'),
    ]),
    ('list_mentions_of', {}, [
        ('id:document/000_998ad53316df0c2c', '580', '595', 'Nouri al-Maliki'),
        ('id:document/000_998ad53316df0c2c', '811', '817', 'Maliki'),
        ('id:document/000_998ad53316df0c2c', '1886', '1892', 'Maliki'),
        ('id:document/000_998ad53316df0c2c', '3144', '3159', 'Nouri al-Maliki'),
        ('id:document/000_998ad53316df0c2c', '3350', '3368', 'the Prime Minister'),
    ]),
    ('list_orders_and_commands', {}, [
        ('id:event/mukhtar-army-camp-liberty-attack-2013-02', 'Mukhtar Army attack on Camp Liberty, February 2013', 'true', 'id:person/abdul-reza-shahlai', 'id:organization/mukhtar-army', '', 'id:person/author-of-000', 'id:stance/accuses'),
        ('id:event/suleimani-ordered-attack', 'Suleimani orders Maliki to attack Camp Ashraf (alleged)', 'true', 'id:person/qassem-suleimani', 'id:person/nouri-al-maliki', 'id:event/camp-ashraf-assault-2013', 'id:organization/iranian-resistance', 'id:stance/accuses'),
    ]),
    ('list_people_by_post', {}, [
        ('id:organization/european-union', 'High Representative', 'id:person/catherine-ashton', 'false', 'false'),
        ('id:organization/government-of-iraq', 'National Security Advisor', 'id:person/faleh-al-fayyadh', 'false', 'false'),
        ('id:organization/government-of-iraq', 'National Security Minister', 'id:person/former-national-security-minister', 'true', 'false'),
        ('id:organization/government-of-iraq', 'Prime Minister', 'id:person/nouri-al-maliki', 'false', 'false'),
        ('id:organization/iranian-resistance', 'Leader', 'id:person/maryam-rajavi', 'false', 'false'),
        ('id:organization/qods-force', 'Brigadier', 'id:person/abdul-reza-shahlai', 'false', 'false'),
        ('id:organization/qods-force', 'Head', 'id:person/qassem-suleimani', 'false', 'false'),
        ('id:organization/unami', 'Chief', 'id:person/martin-kobler', 'true', 'false'),
        ('id:organization/united-nations', 'Official', 'id:person/tahar-boumedra', 'false', 'false'),
        ('id:organization/united-nations', 'Secretary-General', 'id:person/ban-ki-moon', 'false', 'false'),
    ]),
    ('list_places_within', {}, [
        ('id:place/camp-ashraf', 'Camp Ashraf'),
        ('id:place/diyala-province', 'Diyala province'),
    ]),
    ('list_quoted_words', {'claimant': 'organization/us-state-department'}, [
        ('groups that may be holding missing persons', 'id:organization/us-state-department', 'id:stance/asserts', 'id:group/missing-camp-ashraf-residents'),
        ('the horrific attack', 'id:organization/us-state-department', 'id:stance/condemns', 'id:place/camp-ashraf'),
        ('the troubling statements', 'id:organization/us-state-department', 'id:stance/asserts', 'id:organization/irgc'),
        ('to secure their immediate release', 'id:organization/us-state-department', 'id:stance/calls-for', 'id:group/missing-camp-ashraf-residents'),
        ('to secure their immediate release', 'id:organization/us-state-department', 'id:stance/calls-for', 'id:organization/government-of-iran'),
    ]),
    ('list_relation_evidence', {'entity': 'organization/qods-force'}, [
        ('id:organization/qods-force', 'org:linkedTo', 'id:organization/lebanese-hezbollah', 'id:document/000_998ad53316df0c2c', '854', '922', 'which works closely with Lebanese Hezbollah and other regime proxies',
         'Suleimani’s Qod’s Force, which works closely with Lebanese Hezbollah and other regime proxies, has in recent years been engaged in training Iraqi militias, providing fighters to Bashar al-Assad and plotting acts of terror in the Middle East, Europe, the United States and South America.'),
        ('id:organization/qods-force', 'org:subOrganizationOf', 'id:organization/government-of-iran', 'id:document/000_998ad53316df0c2c', '2536', '2567', 'the Iranian regime’s Qods Force',
         'Similar attacks on Camp Liberty have been perpetrated by Iranian regime-backed militia groups in Iraq such as the Mukhtar Army, which in February of this year massacred several in an attack commanded by Brigadier Abdul Reza Shahlai of the Iranian regime’s Qods Force.'),
        ('id:organization/qods-force', 'org:subOrganizationOf', 'id:organization/irgc', 'id:document/000_998ad53316df0c2c', '482', '522', 'Iranian Revolutionary Guards’ Qods Force',
         'The attack comes days after the head of the Iranian Revolutionary Guards’ Qods Force; Qassem Suleimani met directly with Iraqi Prime Minister Nouri al-Maliki and National Security Advisor Faleh al-Fayyadh.'),
        ('id:person/abdul-reza-shahlai', 'org:memberOf', 'id:organization/qods-force', 'id:document/000_998ad53316df0c2c', '2504', '2567', 'Brigadier Abdul Reza Shahlai of the Iranian regime’s Qods Force',
         'Similar attacks on Camp Liberty have been perpetrated by Iranian regime-backed militia groups in Iraq such as the Mukhtar Army, which in February of this year massacred several in an attack commanded by Brigadier Abdul Reza Shahlai of the Iranian regime’s Qods Force.'),
        ('id:person/qassem-suleimani', 'org:memberOf', 'id:organization/qods-force', 'id:document/000_998ad53316df0c2c', '466', '540', 'the head of the Iranian Revolutionary Guards’ Qods Force; Qassem Suleimani',
         'The attack comes days after the head of the Iranian Revolutionary Guards’ Qods Force; Qassem Suleimani met directly with Iraqi Prime Minister Nouri al-Maliki and National Security Advisor Faleh al-Fayyadh.'),
    ]),
    ('list_relations_of', {}, [
        ('id:organization/qods-force', 'org:linkedTo', 'id:organization/lebanese-hezbollah', 'true', 'id:person/author-of-000', 'id:stance/asserts'),
        ('id:organization/qods-force', 'org:subOrganizationOf', 'id:organization/government-of-iran', 'false', '', ''),
        ('id:organization/qods-force', 'org:subOrganizationOf', 'id:organization/irgc', 'false', '', ''),
    ]),
    ('list_statements_about', {}, [
        ('id:document/000_998ad53316df0c2c', '438', 'id:event/suleimani-maliki-fayyadh-meeting-2013', 'akg:participant', 'The attack comes days after the head of the Iranian Revolutionary Guards’ Qods Force; Qassem Suleimani met directly with Iraqi Prime Minister Nouri al-Maliki and National Security Advisor Faleh al-Fayyadh'),
        ('id:document/000_998ad53316df0c2c', '466', 'id:membership/suleimani-head-of-qods-force', 'org:member', 'the head of the Iranian Revolutionary Guards’ Qods Force; Qassem Suleimani'),
        ('id:document/000_998ad53316df0c2c', '644', 'id:claim/iranian-resistance-accuses-suleimani-of-ordering-attack', 'schema:about', 'The Iranian resistance has charged Suleimani'),
        ('id:document/000_998ad53316df0c2c', '691', 'id:claim/former-minister-describes-suleimani', 'schema:about', 'who was described by the country’s former national security minister as ‘the most powerful man in Iraq’'),
        ('id:document/000_998ad53316df0c2c', '797', 'id:event/suleimani-ordered-attack', 'akg:agent', 'with ordering Maliki to attack'),
    ]),
    ('list_sub_events', {}, [
        ('id:event/camp-ashraf-anti-tank-fire-2013', 'id:event/camp-ashraf-assault-2013', 'Anti-tank weapons fired at Camp Ashraf'),
        ('id:event/camp-ashraf-arson-2013', 'id:event/camp-ashraf-assault-2013', 'Buildings set alight at Camp Ashraf'),
        ('id:event/camp-ashraf-flight-2013', 'id:event/camp-ashraf-assault-2013', 'Residents of Camp Ashraf attempt to flee'),
        ('id:event/camp-ashraf-killings-2013', 'id:event/camp-ashraf-assault-2013', 'Residents of Camp Ashraf killed, 1 September 2013'),
        ('id:event/camp-ashraf-mortar-and-small-arms-fire-2013', 'id:event/camp-ashraf-assault-2013', 'Six hours of mortar and small-arms fire at Camp Ashraf'),
        ('id:event/camp-ashraf-summary-executions-2013', 'id:event/camp-ashraf-assault-2013', 'Handcuffed residents of Camp Ashraf machine-gunned at close quarters'),
        ('id:event/camp-ashraf-wounding-2013', 'id:event/camp-ashraf-assault-2013', 'Residents of Camp Ashraf wounded, 1 September 2013'),
        ('id:event/iranian-commandos-took-part-in-assault', 'id:event/camp-ashraf-assault-2013', 'Iranian commandos take part in the attack on Camp Ashraf (alleged)'),
        ('id:event/iraqi-security-forces-responsible-for-assault', 'id:event/camp-ashraf-assault-2013', 'Iraqi security forces carry out the assault on Camp Ashraf (alleged)'),
        ('id:event/iraqi-soldiers-shooting-at-camp-ashraf', 'id:event/camp-ashraf-assault-2013', 'Iraqi soldiers shoot at Camp Ashraf (denied by a U.S. official)'),
        ('id:event/proxies-carried-out-assault', 'id:event/camp-ashraf-assault-2013', "Gunmen of Kata'ib Hezbollah and Asaib Ahl al-Haq carry out the attack (alleged)"),
        ('id:event/seven-residents-taken-to-iran', 'id:event/camp-ashraf-assault-2013', 'Seven members of the MEK taken from Camp Ashraf to Iran (alleged)'),
        ('id:event/camp-ashraf-handcuffing-2013', 'id:event/camp-ashraf-summary-executions-2013', 'Residents of Camp Ashraf handcuffed before being shot'),
    ]),
    ('list_timeline', {'document': 'document/001_wikipedia_2013_camp_ashraf_massacre'}, [
        ('2013-09-01T00:00:00+03:00', '2013-09-01T06:00:00+03:00', 'id:event/camp-ashraf-assault-2013', 'akg:Attack', 'Assault on Camp Ashraf, 1 September 2013', 'true', 'id:place/camp-ashraf', 'id:organization/iraqi-army', 'id:group/camp-ashraf-residents', 'id:count-kind/dead', '52'),
        ('2013-09-01T00:00:00+03:00', '2013-09-01T06:00:00+03:00', 'id:event/camp-ashraf-assault-2013', 'akg:Attack', 'Assault on Camp Ashraf, 1 September 2013', 'true', 'id:place/camp-ashraf', 'id:organization/iraqi-army', 'id:group/camp-ashraf-residents', 'id:count-kind/missing', '7'),
        ('2013-12-17', '2013-12-17', 'id:event/foreign-policy-report-2013-12-17', 'akg:Publication', 'Foreign Policy reports on Iranian involvement in the Camp Ashraf attack', 'false', '', 'id:organization/foreign-policy', '', '', ''),
        ('', '', 'id:event/ashton-condemnation-2013', 'akg:Condemnation', 'Catherine Ashton condemns the killings at Camp Ashraf', 'false', '', 'id:person/catherine-ashton', '', '', ''),
        ('', '', 'id:event/ban-ki-moon-statement-2013', 'akg:Statement', "Ban Ki-moon's statement on the events at Camp Ashraf", 'false', '', 'id:person/ban-ki-moon', '', '', ''),
        ('', '', 'id:event/iranian-commandos-took-part-in-assault', 'akg:Attack', 'Iranian commandos take part in the attack on Camp Ashraf (alleged)', 'true', 'id:place/camp-ashraf', 'id:group/iranian-commandos', '', '', ''),
        ('', '', 'id:event/iranian-guidance-and-support-for-assault', 'akg:MilitarySupport', 'The Iranian government guides and supports the assault (alleged)', 'true', '', 'id:organization/government-of-iran', '', '', ''),
        ('', '', 'id:event/iraqi-security-forces-responsible-for-assault', 'akg:Attack', 'Iraqi security forces carry out the assault on Camp Ashraf (alleged)', 'true', 'id:place/camp-ashraf', 'id:organization/iraqi-security-forces', 'id:group/camp-ashraf-residents', '', ''),
        ('', '', 'id:event/iraqi-soldiers-shooting-at-camp-ashraf', 'akg:Attack', 'Iraqi soldiers shoot at Camp Ashraf (denied by a U.S. official)', 'true', 'id:place/camp-ashraf', 'id:organization/iraqi-army', '', '', ''),
        ('', '', 'id:event/irgc-planned-and-directed-assault', 'akg:Plotting', 'The IRGC helps plan and direct the assault on Camp Ashraf (alleged)', 'true', '', 'id:organization/irgc', '', '', ''),
        ('', '', 'id:event/irgc-statements-praising-attack', 'akg:Statement', 'IRGC statements praising the attack (as the State Department reports)', 'true', '', 'id:organization/irgc', '', '', ''),
        ('', '', 'id:event/missing-residents-held', 'akg:Detention', 'Missing residents of Camp Ashraf held by armed groups (suspected)', 'true', '', '', '', '', ''),
        ('', '', 'id:event/proxies-carried-out-assault', 'akg:Attack', "Gunmen of Kata'ib Hezbollah and Asaib Ahl al-Haq carry out the attack (alleged)", 'true', 'id:place/camp-ashraf', 'id:group/proxy-gunmen', 'id:group/camp-ashraf-residents', '', ''),
        ('', '', 'id:event/proxies-carried-out-assault', 'akg:Attack', "Gunmen of Kata'ib Hezbollah and Asaib Ahl al-Haq carry out the attack (alleged)", 'true', 'id:place/camp-ashraf', 'id:organization/asaib-ahl-al-haq', 'id:group/camp-ashraf-residents', '', ''),
        ('', '', 'id:event/proxies-carried-out-assault', 'akg:Attack', "Gunmen of Kata'ib Hezbollah and Asaib Ahl al-Haq carry out the attack (alleged)", 'true', 'id:place/camp-ashraf', 'id:organization/kataib-hezbollah', 'id:group/camp-ashraf-residents', '', ''),
        ('', '', 'id:event/seven-residents-taken-to-iran', 'akg:Abduction', 'Seven members of the MEK taken from Camp Ashraf to Iran (alleged)', 'true', '', 'id:group/iranian-commandos', '', 'id:count-kind/missing', '7'),
        ('', '', 'id:event/state-department-appeal-to-iran-2013', 'akg:Appeal', 'The State Department calls on Iran to help free the missing residents', 'false', '', 'id:organization/us-state-department', 'id:group/missing-camp-ashraf-residents', '', ''),
        ('', '', 'id:event/state-department-condemnation-2013', 'akg:Condemnation', 'The U.S. State Department condemns the attack', 'false', '', 'id:organization/us-state-department', '', '', ''),
        ('', '', 'id:event/un-condemnation-2013', 'akg:Condemnation', 'The UN human rights office and UNAMI condemn the attack', 'false', '', 'id:organization/un-human-rights-office', '', '', ''),
        ('', '', 'id:event/un-condemnation-2013', 'akg:Condemnation', 'The UN human rights office and UNAMI condemn the attack', 'false', '', 'id:organization/unami', '', '', ''),
    ]),
    ('rank_agents_by_events', {}, [
        ('id:organization/iraqi-army', '9'),
        ('id:organization/qods-force', '3'),
        ('id:group/iranian-commandos', '2'),
        ('id:organization/al-iraqiya-tv', '2'),
        ('id:organization/irgc', '2'),
        ('id:organization/us-state-department', '2'),
        ('id:group/camp-ashraf-residents', '1'),
        ('id:group/iranian-backed-militias-in-iraq', '1'),
        ('id:group/proxy-gunmen', '1'),
        ('id:organization/asaib-ahl-al-haq', '1'),
        ('id:organization/foreign-policy', '1'),
        ('id:organization/government-of-iran', '1'),
        ('id:organization/government-of-iraq', '1'),
        ('id:organization/iraqi-security-forces', '1'),
        ('id:organization/kataib-hezbollah', '1'),
        ('id:organization/mukhtar-army', '1'),
        ('id:organization/ncri', '1'),
        ('id:organization/un-human-rights-office', '1'),
        ('id:organization/unami', '1'),
        ('id:person/abdul-reza-shahlai', '1'),
        ('id:person/author-of-000', '1'),
        ('id:person/ban-ki-moon', '1'),
        ('id:person/catherine-ashton', '1'),
        ('id:person/martin-kobler', '1'),
        ('id:person/maryam-rajavi', '1'),
        ('id:person/qassem-suleimani', '1'),
    ]),
    ('trace_chain_of_command', {}, [
        ('id:organization/government-of-iran', '', '', '', ''),
        ('id:organization/irgc', 'id:organization/government-of-iran', '', '', ''),
        ('id:organization/qods-force', 'id:organization/government-of-iran', 'id:person/abdul-reza-shahlai', 'Brigadier', 'false'),
        ('id:organization/qods-force', 'id:organization/government-of-iran', 'id:person/qassem-suleimani', 'Head', 'false'),
        ('id:organization/qods-force', 'id:organization/irgc', 'id:person/abdul-reza-shahlai', 'Brigadier', 'false'),
        ('id:organization/qods-force', 'id:organization/irgc', 'id:person/qassem-suleimani', 'Head', 'false'),
    ]),

]


def test_every_named_query_has_a_case():
    assert sorted(name for name, _, _ in CASES) == sorted(q.name for q in list_queries())


@pytest.mark.parametrize(("name", "params", "expected"), CASES, ids=[case[0] for case in CASES])
def test_query_rows(built_store, name, params, expected):
    assert cells(run_query(name, store=built_store, params=params)) == expected


@pytest.mark.parametrize("name", [case[0] for case in CASES])
def test_disk_cache_gives_the_rows_of_the_memory_store(built_store, disk_store, name):
    params = next(p for n, p, _ in CASES if n == name)
    assert cells(run_query(name, store=disk_store, params=params)) == \
        cells(run_query(name, store=built_store, params=params))


def test_relation_evidence_sentences_are_those_of_the_network_page(built_store):
    """The query cuts each sentence in SPARQL; the network page cuts it in Python: the same."""
    from ashraf_kg.network.reader import find_sentence

    texts = {str(d): str(t) for d, t in
             run_query("SELECT ?d ?t WHERE { ?d schema:text ?t }", store=built_store).rows}
    rows = run_query("list_relation_evidence", store=built_store).rows
    assert len(rows) > 30
    for row in rows:
        document, start, end, sentence = str(row[3]), int(row[4]), int(row[5]), str(row[7])
        assert sentence == find_sentence(texts[document], start, end)[0]


def test_a_sentence_runs_on_past_an_abbreviation(built_store):
    rows = run_query("list_relation_evidence", store=built_store,
                     params={"entity": "group/missing-camp-ashraf-residents"}).rows
    sentences = {str(row[7]) for row in rows}
    assert any(s.startswith('On 17 December 2013, Foreign Policy magazine stated that "U.S. intelligence')
               and s.endswith('back to Iran."') for s in sentences)

