"""Every rule of framework.md §1-4 as data, plus the §4.4 outcome table.

Rule IDs are the spec's; tests/framework/test_rule_coverage.py parses the
spec and fails if this table and the spec disagree on which rules exist.
A rule's parameters are not listed here by hand: they are the parameters
that name the rule (params.py), so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from areasend.framework.events import Framework, Outcome
from areasend.framework.params import PARAMETERS
from areasend.framework.status import Party

OLD, NEW = Framework.F2016, Framework.F2023
AREA, INSPECTORATE, DFE = Party.LOCAL_AREA, Party.INSPECTORATE, Party.DFE_NHSE
REVISIT_VERSIONS = ("revisit-2018", "revisit-2021")


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    obliges: Party | None
    params: tuple[str, ...]
    framework: Framework | None
    #: Version keys (versions.py) the rule belongs to; empty means every version.
    versions: tuple[str, ...]
    applies_from: dt.date | None
    applies_to: dt.date | None
    #: The spec's confidence: H, M, L or CONFLICT, "/"-joined where it splits a rule.
    confidence: str
    sources: tuple[str, ...]

    @property
    def uncertain(self) -> bool:
        """Marked L or CONFLICT (in any part): a value it gives must be a parameter."""
        parts = self.confidence.split("/")
        return "L" in parts or "CONFLICT" in parts


def _d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _r(
    rule_id: str,
    confidence: str,
    summary: str,
    sources: str,
    *,
    framework: Framework | None,
    obliges: Party | None = None,
    versions: tuple[str, ...] = (),
    start: str | None = None,
    end: str | None = None,
) -> Rule:
    params = tuple(p.name for p in PARAMETERS.values() if rule_id in p.rule_ids)
    return Rule(
        rule_id,
        summary,
        obliges,
        params,
        framework,
        versions,
        _d(start),
        _d(end),
        confidence,
        tuple(sources.split()),
    )


_RULES = (
    # §1.1 Legal basis and programme
    _r("OF-LAW-1", "H", "Joint Ofsted/CQC reviews under s20 Children Act 2004 of Part 3 of the "
       "Children and Families Act 2014 and the SEND Code of Practice.",
       "basw.co.uk localoffer.sutton.gov.uk", framework=OLD, start="2014-09-01"),
    _r("OF-LAW-2", "H", "Reports and WSOAs rest on SI 2015/1792, in force 9 Nov 2015.",
       "legislation.gov.uk/uksi/2015/1792", framework=OLD, start="2015-11-09"),
    _r("OF-LAW-3", "H", "HMCI reports after each review, determines whether a written statement "
       "is required and names the principal authority; recipients publish the report.",
       "legislation.gov.uk/uksi/2015/1792/regulation/3", framework=OLD, obliges=INSPECTORATE),
    _r("OF-LAW-4", "H", "The principal authority makes the written statement within 70 WD of "
       "receiving the report.", "legislation.gov.uk/uksi/2015/1792 specialneedsjungle.com",
       framework=OLD, obliges=AREA, start="2015-11-09"),
    _r("OF-PRG-1", "H", "Framework published 27 Apr 2016; first inspections May 2016.",
       "gov.uk schools.essex.gov.uk", framework=OLD, start="2016-05-01"),
    _r("OF-PRG-2", "H/M", "One-off programme: every area inspected once over about five years, "
       "about 30 a year, in term time only.",
       "educationinspection.blog.gov.uk schools.essex.gov.uk", framework=OLD,
       start="2016-05-01", end="2021-12-31"),
    _r("OF-PRG-3", "M", "Areas could be prioritised where outcomes or timeliness caused concern.",
       "specialneedsjungle.com", framework=OLD),
    _r("OF-PRG-4", "H", "COVID delayed completion: full inspections finished April 2022, "
       "revisits December 2022.", "slideshare.net/Ofstednews", framework=OLD,
       start="2016-05-01", end="2022-12-31"),
    _r("OF-PRG-5", "M", "Area count drift reflects reorganisation; areas have validity dates and "
       "predecessor/successor links.", "schoolsweek.co.uk parallelparliament.co.uk",
       framework=None),
    # §1.2 Who is the local area
    _r("OF-AREA-1", "H", "The local area: LA, CCG(s), public health, NHS England, settings; "
       "accountability falls on the LA and CCG(s).", "schools.essex.gov.uk", framework=OLD),
    _r("OF-AREA-2", "H", "An area may have several CCGs (1 LA : n commissioners).",
       "castlepointandrochfordccg.nhs.uk", framework=OLD),
    _r("OF-AREA-3", "M", "Each area names a Local Area Nominated Officer; letters go to the DCS "
       "and CCG chief officer(s), copied to the LANO.", "rotherhamsendlocaloffer.org.uk",
       framework=OLD),
    _r("OF-AREA-4", "H", "Scope: all children and young people 0-25 with SEND; settings are not "
       "themselves inspected.", "sglospc.org.uk contact.org.uk", framework=OLD),
    # §1.3 The three questions
    _r("OF-Q-1", "H", "Three questions: identify; assess and meet needs; improve outcomes.",
       "schools.essex.gov.uk basw.co.uk", framework=OLD),
    _r("OF-Q-2", "H", "No grade: the only formal outcome is whether a WSOA is required.",
       "parallelparliament.co.uk specialneedsjungle.com", framework=OLD),
    # §1.4 Notice, timing and on-site week
    _r("OF-NOT-1", "H", "The LA is told on a Monday morning; fieldwork starts the following "
       "Monday (5 WD notice).", "schools.essex.gov.uk new.devon.gov.uk", framework=OLD,
       obliges=INSPECTORATE, versions=("2016",)),
    _r("OF-NOT-2", "M", "Inspections only in normal school term time.", "schools.essex.gov.uk",
       framework=OLD),
    _r("OF-ONS-1", "H", "On site one week, normally no more than 5 days (Mon-Fri).",
       "westsussex.local-offer.org simpsonmillar.co.uk", framework=OLD, versions=("2016",)),
    _r("OF-TEAM-1", "H", "Team led by an HMI with an Ofsted Inspector and a CQC inspector; "
       "store it as a list of (role, organisation).", "educationinspection.blog.gov.uk",
       framework=OLD),
    _r("OF-EV-1", "H", "Pre-inspection evidence includes the area's data and self-evaluation.",
       "educationinspection.blog.gov.uk southend.gov.uk", framework=OLD),
    _r("OF-EV-2", "H", "Inspectors host a parents' webinar in the week before on-site fieldwork.",
       "contact.org.uk educationinspection.blog.gov.uk", framework=OLD),
    _r("OF-EV-2b", "M", "Webinar window: from midday on the notification day until 4pm on day 2 "
       "of the inspection week (Essex 2019).", "schools.essex.gov.uk", framework=OLD),
    _r("OF-EV-3", "H", "An online parent survey; the letter reports the number of responses.",
       "rotherhamsendlocaloffer.org.uk", framework=OLD),
    _r("OF-EV-4", "H/M", "Meetings with leaders, families; visits to a sample of providers; "
       "case-file review.", "westsussex.local-offer.org kelsi.org.uk", framework=OLD),
    _r("OF-EV-5", "H/L", "Settings are not judged; individual complaints are not investigated.",
       "contact.org.uk sglospc.org.uk", framework=OLD),
    # §1.5 Outcome letter
    _r("OF-LET-1", "H/M", "An outcome letter of strengths and areas for development; with a "
       "WSOA it ends with the determination and the areas of significant weakness.",
       "westsussex.local-offer.org warwickshireparentcarervoice.org", framework=OLD),
    _r("OF-LET-2", "H", "The letter records that the LA and CCG are jointly responsible for the "
       "WSOA.", "southend.gov.uk rotherhamsendlocaloffer.org.uk", framework=OLD),
    _r("OF-LET-3", "H", "A letter's date differs from its publication date; store both.",
       "basildonandbrentwoodccg.nhs.uk schools.essex.gov.uk", framework=OLD),
    _r("OF-LET-4", "H", "Published on GOV.UK until 22 Mar 2017, on Ofsted's reports website "
       "from 23 Mar 2017, and by CQC.", "councilfordisabledchildren.org.uk", framework=OLD,
       start="2017-03-23"),
    _r("OF-LET-5", "M", "Publication target: 33 WD from the end of the inspection; a target, "
       "rarely met.", "schools.essex.gov.uk ../data/ofsted", framework=OLD,
       obliges=INSPECTORATE),
    _r("OF-LET-6", "M", "Areas hear the outcome at final feedback; results are embargoed until "
       "publication.", "contact.org.uk", framework=OLD),
    # §1.6 WSOA
    _r("OF-WSOA-1", "H", "HMCI requires a WSOA where inspectors find significant weaknesses; no "
       "other outcome tiers.", "southend.gov.uk specialneedsjungle.com", framework=OLD),
    _r("OF-WSOA-2", "H", "LA and CCG(s) are jointly responsible; ICBs from 1 Jul 2022.",
       "bristol.gov.uk", framework=OLD),
    _r("OF-WSOA-3", "H/M", "WSOA due 70 WD from receipt of the report; in practice from the "
       "letter's publication (Essex: WD 66).", "legislation.gov.uk/uksi/2015/1792",
       framework=OLD, obliges=AREA),
    _r("OF-WSOA-4", "M", "WSOA content: per weakness, outcomes, actions, owners and measures.",
       "specialneedsjungle.com", framework=OLD),
    _r("OF-WSOA-5", "H/M", "Submitted to Ofsted; Ofsted and CQC decide whether it is fit for "
       "purpose (Essex within 14 WD).", "southend.gov.uk democracy.darlington.gov.uk",
       framework=OLD, obliges=INSPECTORATE),
    _r("OF-WSOA-6", "L", "Not-fit-for-purpose path not found: resubmission with a configurable "
       "deadline.", "Q3", framework=OLD, obliges=AREA),
    _r("OF-WSOA-7", "H", "The area publishes its WSOA.", "parallelparliament.co.uk",
       framework=OLD, obliges=AREA),
    _r("OF-WSOA-8", "H", "DfE and NHS England monitor delivery through quarterly "
       "support-and-challenge meetings until they release the area.",
       "democracy.darlington.gov.uk moderngov.rotherham.gov.uk medway.gov.uk",
       framework=OLD, obliges=DFE),
    _r("OF-WSOA-9", "H", "Areas with a WSOA never revisited get a full new-framework inspection "
       "within its first three years (by end 2025).", "parallelparliament.co.uk/question/43359",
       framework=NEW, obliges=INSPECTORATE, start="2023-01-01", end="2025-12-31"),
    # §2 Revisits
    _r("RV-1", "H", "Revisits from Dec 2018, only to areas that had to produce a WSOA; they "
       "judge progress, not re-inspect.", "nasen.org.uk ipsea.org.uk", framework=OLD,
       versions=REVISIT_VERSIONS, start="2018-12-01", end="2022-12-31"),
    _r("RV-2", "H", "Revisit usually within 18 months of the WSOA being accepted; from April "
       "2021 selection also weighs time since it was required.", "nasen.org.uk "
       "derbysendiass.org.uk", framework=OLD, obliges=INSPECTORATE, versions=REVISIT_VERSIONS),
    _r("RV-3", "H", "Revisit notice: 10 WD.", "nasen.org.uk medway.gov.uk", framework=OLD,
       obliges=INSPECTORATE, versions=REVISIT_VERSIONS),
    _r("RV-4", "H", "Revisits last 2-4 days and may start mid-week.", "nasen.org.uk "
       "foreland.kent.sch.uk", framework=OLD, versions=REVISIT_VERSIONS),
    _r("RV-5", "H", "From April 2021 revisits may be remote.", "theeducationalhub.co.uk gov.uk",
       framework=OLD, versions=("revisit-2021",), start="2021-04-01"),
    _r("RV-6", "M/L", "An area may ask for deferral; not normally agreed.",
       "theeducationalhub.co.uk", framework=OLD, versions=REVISIT_VERSIONS),
    _r("RV-7", "H/L", "Team: lead HMI and CQC inspector; continuity of inspectors not found.",
       "bristol.gov.uk medway.gov.uk", framework=OLD, versions=REVISIT_VERSIONS),
    _r("RV-8", "H", "Evidence: parent survey, open meeting, PCF meeting, focus groups.",
       "medway.gov.uk leigh-on-sea.com", framework=OLD, versions=REVISIT_VERSIONS),
    _r("RV-9", "H", "Outcome per significant weakness: sufficient progress or not.",
       "nasen.org.uk ipsea.org.uk", framework=OLD, versions=REVISIT_VERSIONS),
    _r("RV-10", "M", "Revisit letter published 'usually 33 days' (unit unspecified) after the "
       "revisit ends.", "nasen.org.uk ipsea.org.uk", framework=OLD, obliges=INSPECTORATE,
       versions=REVISIT_VERSIONS),
    _r("RV-11", "H", "All weaknesses sufficient: DfE/NHSE formal monitoring ceases.",
       "nasen.org.uk essex.gov.uk", framework=OLD, versions=REVISIT_VERSIONS),
    _r("RV-12", "H", "Any weakness insufficient: accelerated progress plan, progress review "
       "within 6 months, possible Improvement Notice; no further revisit unless the SoS directs.",
       "parallelparliament.co.uk/question/6435 theisleofthanetnews.com", framework=OLD,
       obliges=DFE, versions=REVISIT_VERSIONS),
    _r("RV-13", "H", "Areas on accelerated progress plans as of 27 May 2021 (and later).",
       "parallelparliament.co.uk/question/6435", framework=OLD, versions=REVISIT_VERSIONS),
    _r("RV-14", "L", "A revisit does not produce a new WSOA; new concerns may inform timing.",
       "Q6", framework=OLD, versions=REVISIT_VERSIONS),
    # §3 COVID
    _r("CV-1", "H/CONFLICT", "17 Mar 2020: all routine inspections suspended, area SEND "
       "inspections and revisits included.", "gov.uk tes.com", framework=OLD,
       start="2020-03-17"),
    _r("CV-2", "H", "Interim visits from Oct 2020: voluntary, no judgement, no report.",
       "gov.uk parliamenttoday.com", framework=OLD, start="2020-10-01", end="2021-03-31"),
    _r("CV-3", "H", "Six interim visits 5-14 Oct 2020; paused from 5 Nov 2020; ten in all by "
       "Mar 2021.", "fenews.co.uk gov.uk", framework=OLD, start="2020-10-05",
       end="2021-03-31"),
    _r("CV-4", "H", "Phased return announced 19 Mar 2021: revisits from April 2021, full "
       "inspections from June 2021 at the earliest.", "parliamenttoday.com tes.com",
       framework=OLD, start="2021-04-01"),
    # §4.1 Basis, versions, partnership
    _r("NF-VER-1", "H", "New framework in force 1 Jan 2023; updated 11 Dec 2023; re-issued "
       "6 Jun 2025. Version rules by effective date.", "gov.uk govwire.co.uk", framework=NEW,
       start="2023-01-01"),
    _r("NF-LAW-1", "H/M", "Inspections under s20(1)(a) Children Act 2004; monitoring under "
       "s20(2).", "gov.uk stephensons.co.uk", framework=NEW),
    _r("NF-LAP-1", "H", "The unit inspected is the local area partnership, one LA footprint, "
       "mainly LA and ICB.", "gov.uk dorsetcouncil.gov.uk", framework=NEW),
    _r("NF-ICB-1", "H", "ICBs established 1 Jul 2022 took over from CCGs; ICB : LAP is 1 : n.",
       "england.nhs.uk gov.uk", framework=NEW, start="2022-07-01"),
    _r("NF-TEAM-1", "H", "One joint team of education, health and social care inspectors.",
       "gov.uk specialneedsjungle.com", framework=NEW),
    # §4.2 Activity types
    _r("NF-ACT-1", "H", "Four activities: full inspection, monitoring inspection (only after "
       "areas for priority action), engagement meetings, thematic visits.",
       "hackneylocaloffer.co.uk nottinghamshire.gov.uk", framework=NEW),
    _r("NF-ACT-2", "H", "A full inspection at least once every 5 years; sooner by outcome "
       "(§4.4) and intelligence.", "slideshare.net/Ofstednews sgpc.org.uk", framework=NEW,
       obliges=INSPECTORATE),
    _r("NF-ACT-3", "H/L", "The current cycle covers all areas by Dec 2027.",
       "gov.uk modburyhscareers.com", framework=NEW, obliges=INSPECTORATE,
       start="2023-01-01", end="2027-12-31"),
    # §4.3 Full inspection
    _r("NF-NOT-1", "H", "Notified on a Monday by phone; the 3-week inspection starts at "
       "notification.", "hackneylocaloffer.co.uk espcf.org.uk", framework=NEW,
       obliges=INSPECTORATE),
    _r("NF-NOT-2", "M/L", "From Dec 2023: notified 8 WD before fieldwork and 10 WD before "
       "inspectors are on site.", "lancashire.gov.uk espcf.org.uk", framework=NEW,
       obliges=INSPECTORATE, versions=("2023-12", "2025-06"), start="2023-12-11"),
    _r("NF-WK-1", "H", "Week 1 notification, data request, set-up, surveys; weeks 1-2 case "
       "selection; week 3 on-site fieldwork and final feedback.", "dorsetcouncil.gov.uk "
       "lancashire.gov.uk", framework=NEW),
    _r("NF-WK-2", "M", "Six children or young people chosen for case tracking.",
       "send.essex.gov.uk", framework=NEW),
    _r("NF-WK-3", "H", "Survey volumes are large (thousands per inspection).", "espcf.org.uk",
       framework=NEW),
    _r("NF-WK-4", "H", "2023 inspections are notified, not unannounced.", "hackneylocaloffer.co.uk",
       framework=NEW),
    # §4.4 Outcomes
    _r("NF-OUT-1", "H", "Outcome 1 may be given where improvements are needed if the "
       "partnership is acting on them.", "schoolsweek.co.uk", framework=NEW),
    _r("NF-OUT-2", "H", "From June 2025 'judgement' becomes 'outcome'; use 'outcome'.",
       "gov.uk", framework=NEW, versions=("2025-06",), start="2025-06-06"),
    _r("NF-OUT-3", "H", "Reports say what the partnership does well, must improve, and who is "
       "responsible.", "gov.uk", framework=NEW),
    # §4.5 Post-inspection plans
    _r("NF-PLAN-1", "H/M/CONFLICT", "Every partnership updates and publishes its SEND strategic "
       "plan after a full inspection (30 WD per nasen).", "nasen.org.uk gov.uk", framework=NEW,
       obliges=AREA),
    _r("NF-PLAN-2", "M/CONFLICT", "Outcome 3: priority action plan submitted within 35 WD of "
       "receiving the report and published within 70 WD.", "hucknalldispatch.co.uk "
       "nottinghamshire.gov.uk", framework=NEW, obliges=AREA),
    _r("NF-PLAN-3", "H", "DfE and NHS England support and challenge, rising with the outcome.",
       "gov.uk parallelparliament.co.uk", framework=NEW, obliges=DFE),
    _r("NF-PLAN-4", "H", "DfE may issue an Improvement Notice after outcome 3; notices can be "
       "lifted.", "lancashire.gov.uk kentonline.co.uk", framework=NEW),
    # §4.6 Monitoring
    _r("NF-MON-1", "H", "Monitoring inspection only after areas for priority action, usually "
       "18 months from receipt of the final report (June 2025; earlier: after the inspection).",
       "gov.uk nottinghamshire.gov.uk", framework=NEW, obliges=INSPECTORATE),
    _r("NF-MON-2", "H/L", "Monitoring evaluates progress on each area for priority action; "
       "outcome categories from June 2025 not confirmed.", "nottinghamshire.gov.uk gov.uk",
       framework=NEW),
    # §4.7 Engagement and thematic
    _r("NF-ENG-1", "H/L", "Annual engagement meetings with every partnership.", "nasen.org.uk "
       "nottinghamshire.gov.uk", framework=NEW, obliges=INSPECTORATE),
    _r("NF-THEM-1", "H", "Thematic visits to a few areas a year (2023 AP, 2024 preparation for "
       "adulthood, 2025 not in school); no area judgement.", "gov.uk leeds.gov.uk",
       framework=NEW, start="2023-01-01"),
    # §4.8 Publication
    _r("NF-PUB-1", "L", "No fixed publication deadline found; observed median 43 WD, 90th "
       "percentile 68.", "democracy.eastsussex.gov.uk eastlondontimes.co.uk", framework=NEW,
       obliges=INSPECTORATE),
)  # fmt: skip

RULES: Mapping[str, Rule] = MappingProxyType({r.id: r for r in _RULES})


@dataclass(frozen=True)
class OutcomeRule:
    """One row of the §4.4 table: what a 2023 full inspection's outcome triggers."""

    outcome: Outcome
    number: int
    label: str
    next_full_param: str
    priority_actions: bool  # only outcome 3 has areas for priority action
    consequences: tuple[str, ...]
    confidence: str


OUTCOMES: Mapping[Outcome, OutcomeRule] = MappingProxyType(
    {
        Outcome.POSITIVE: OutcomeRule(
            Outcome.POSITIVE, 1,
            "The local area partnership's SEND arrangements typically lead to positive "
            "experiences and outcomes for children and young people with SEND. The local area "
            "partnership is taking action where improvements are needed.",
            "nf.next_full_years.positive", False,
            ("annual engagement meetings", "update and publish the strategic plan",
             "areas for improvement may still be listed"),
            "H",
        ),
        Outcome.INCONSISTENT: OutcomeRule(
            Outcome.INCONSISTENT, 2,
            "The local area partnership's arrangements lead to inconsistent experiences and "
            "outcomes for children and young people with SEND. The local area partnership must "
            "work jointly to make improvements.",
            "nf.next_full_years.inconsistent", False,
            ("engagement meetings", "areas for improvement", "update the strategic plan",
             "DfE/NHSE support and challenge"),
            "H",
        ),
        Outcome.SYSTEMIC_FAILINGS: OutcomeRule(
            Outcome.SYSTEMIC_FAILINGS, 3,
            "There are widespread and/or systemic failings leading to significant concerns "
            "about the experiences and outcomes of children and young people with SEND, which "
            "the local area partnership must address urgently.",
            "nf.next_full_years.systemic_failings", True,
            ("areas for priority action and areas for improvement", "priority action plan",
             "monitoring inspection about 18 months after the final report",
             "engagement meetings", "intensive DfE/NHSE support",
             "possible DfE Improvement Notice"),
            "H",
        ),
    }
)  # fmt: skip
