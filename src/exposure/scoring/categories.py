"""Task categories: administrative, routine coding and entry-level creative work.

Each task is tagged with three independent booleans, following the operational
definitions of ``docs/methods/categories.md`` (version 2):

``admin``
    the routine office work of moving information and paper around an organisation:
    scheduling, data entry and typing, filing, mail and routine correspondence, telephones
    and front desk, routine business paperwork (forms, invoices, orders, shipping papers,
    payroll, claims), operating office equipment. Not professional record keeping
    (clinical, scientific, engineering, inspection, legal), sales, cash handling, management.
``routine_coding``
    writing, modifying, testing and debugging code, and routine IT support (installing,
    configuring, monitoring and troubleshooting software, computers, networks, accounts).
    Not architecture, strategy, recommendations, specifications, manuals or training.
``entry_creative``
    drafting content, basic design and preliminary research of creative and media jobs
    that need little preparation: O*NET Job Zone 1 to 3
    (:data:`ENTRY_CREATIVE_MAX_JOB_ZONE`), or a junior/assistant title for free text.

How a task is tagged (every decision can be explained with :func:`explain_categories`):

1. **The occupation** gives each task a *context* per category (:data:`CONTEXT_SOC`,
   :data:`CONTEXT_TITLE`): ``clerical`` (SOC 43 and a few clerical occupations outside
   it), ``computer`` (SOC 15-12) and ``creative`` (arts, design and media occupations).
   It comes from the ``onetsoc_code`` column; for free text from the occupation title
   (``occupation_column``, default ``"title"``): the nearest O*NET occupation title when
   ``onet`` is given (:func:`nearest_occupations`), else keywords of the title. Free text
   with neither code nor title takes its contexts from its own words
   (:data:`CONTEXT_TEXT`); they let the context rules count but not lift the
   ``exclude_outside`` vetoes.
2. **Text rules** (:data:`TEXT_RULES`, matched by :mod:`exposure.scoring._rules`) of seven
   kinds (:data:`RULE_KINDS`): ``strong`` and ``any`` rules fire in every occupation;
   ``context`` rules only in the category's context (in an office job, "maintain files"
   is clerical; in a laboratory it is not); ``free`` rules like ``context`` rules, but on
   free text only (rows without ``onetsoc_code``: today's wording, such as pull requests,
   tickets, captions and agendas); ``free_work`` rules (admin, round 5) count on free text
   in the context or with no occupation at all (neither code nor title: the clerical work
   the text names decides), not under a known occupation outside the context;
   ``exclude`` rules veto the category
   (management verbs, architecture, sales, performing); ``exclude_outside`` rules veto it
   outside the context only (clinical, scientific or engineering records for admin), but
   never a ``strong`` rule (unmistakably clerical work: appointments, telephones, mail,
   bookkeeping). A rule's ``rows`` (:data:`RULE_ROWS`) keeps it to rows with an O*NET-SOC
   code (the validated reading of the O*NET tasks) or to free text (its own vetoes: a
   leading "manage" only of staff or budgets, the professional content rather than the
   setting of records, stock handling, transcripts, professional letters, code work).
3. **Work-activity mapping** (with ``onet`` and task keys): the task's detailed work
   activities (DWAs) are looked up in the versioned mapping file
   (``exposure/data/categories/mapping-<version>.csv``, columns ``level``, ``id``,
   ``category``, ``scope`` (``any`` or ``context``), ``note``). A DWA entry takes
   precedence over the entry of its intermediate work activity (IWA); ``none`` switches
   the IWA's entries off for that DWA. An entry of scope ``any`` counts like an ``any``
   rule, one of scope ``context`` like a ``context`` rule.
4. ``entry_creative`` needs the creative context and an entry-level occupation (job zone
   at most 3, from ``onet`` or a ``job_zone`` column, or a junior/assistant title; free
   text with neither code nor title counts as entry level unless its job zone is given). A
   ``job_zone`` cell is a whole number from 1 to 5, as a number or text (``3``, ``"3.0"``),
   or missing or blank (``onet``'s zone then); anything else is refused
   (:func:`exposure.scoring._inputs.check_job_zones`).

Validation (blind-labelled random sample, population precision and recall with
intervals): :mod:`exposure.reports.categories`.
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import itertools
import logging
import math
import operator
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from exposure._args import as_real, check_column, is_number, shown
from exposure._measures import CATEGORIES
from exposure._tables import index_hint, norm_task_ids
from exposure.errors import DataFormatError
from exposure.schemas._fields import ONETSOC_PATTERN
from exposure.scoring._features import normalise_texts, unmarked
from exposure.scoring._inputs import (
    BINARY_TYPES,
    DWA_TABLES,
    MOJIBAKE_ADVICE,
    RowNames,
    argument_given,
    argument_named,
    bytes_advice,
    cell_shown,
    check_onet,
    check_release_table,
    check_task_ids,
    check_titles_not_texts,
    dwa_task_keys,
    has_keys,
    ids_without_codes,
    is_placeholder,
    is_spreadsheet_error,
    job_zone_lookup,
    job_zone_values,
    missing_occupation_column,
    mojibake,
    no_letter_reason,
    none_given,
    onetsoc_code_message,
    release_name,
    remembered,
    repeated_index_message,
    spelled_name,
    task_dwa_links,
    task_texts,
    warn_codes_not_read,
    warn_repeated_index,
    with_index_label,
    without_other_ids,
)
from exposure.scoring._inputs import (
    column_key as _column_key,  # read by rubric too
)
from exposure.scoring._inputs import (
    is_missing as _is_missing,  # one cell missing: the tagger's and the advice on bytes' rule
)
from exposure.scoring._rules import (
    PatternRule,
    RuleSet,
    alternatives,
    found_pairs,
    plain_texts,
    rule_texts,
    strip_list_marker,
)

__all__ = [
    "CATEGORIES",
    "CATEGORY_MAPPING_VERSION",
    "CONTEXT_OF",
    "CONTEXT_SOC",
    "CONTEXT_SOC_EXCEPT",
    "CONTEXT_TEXT",
    "CONTEXT_TITLE",
    "ENTRY_CREATIVE_MAX_JOB_ZONE",
    "ENTRY_LEVEL_TITLE",
    "RULE_KINDS",
    "RULE_ROWS",
    "TEXT_RULES",
    "TextRule",
    "load_category_mapping",
    "nearest_occupations",
    "tag_categories",
    "explain_categories",
]

logger = logging.getLogger(__name__)

#: Version of the tagger: the mapping file ``mapping-v7.csv`` and the text rules below. v7
#: (6 December 2026) is v2's mapping with text rules revised on the errors of the blind
#: samples v3 and v4 (tagger v3, shipped on the fresh sample v5), of v5 and v6 (the
#: ``rev4`` rules, tagger v4, shipped on v7), of v5 to v7 (the ``rev5`` rules, tagger v5,
#: shipped on v8), of v5 to v8 (the ``rev6`` rules, tagger v6, shipped on v9) and of v5 to
#: v9 (the ``rev7`` rules), shipped on the fresh sample v10 (docs: Validation, Categories).
CATEGORY_MAPPING_VERSION = "v7"

#: Highest O*NET Job Zone counted as "little required preparation" for entry_creative.
ENTRY_CREATIVE_MAX_JOB_ZONE = 3

#: The occupation context of each category.
CONTEXT_OF = {"admin": "clerical", "routine_coding": "computer", "entry_creative": "creative"}

#: O*NET-SOC code prefixes of each context.
CONTEXT_SOC = {
    # office and administrative support, plus clerical occupations classified elsewhere:
    # court reporters, library technicians, medical records specialists, medical
    # transcriptionists, pharmacy aides
    "clerical": ("43-", "27-3092", "25-4031", "29-2072", "31-9094", "31-9095"),
    # computer occupations
    "computer": ("15-12",),
    # arts, design, entertainment and media, without sports (27-202x), interpreters
    # (27-3091) and court reporters (27-3092); plus desktop publishers and proofreaders
    "creative": ("27-1", "27-201", "27-203", "27-204", "27-209", "27-30", "27-3041",
                 "27-3042", "27-3043", "27-3099", "27-4", "43-9031", "43-9081"),
}

#: O*NET-SOC code prefixes taken out of a context: desktop publishers do page design.
CONTEXT_SOC_EXCEPT = {"clerical": ("43-9031",), "computer": (), "creative": ()}

#: Keywords of an occupation title that put free text without an O*NET match in a context.
CONTEXT_TITLE = {
    "clerical": (
        r"\b(clerks?|clerical|secretar\w*|receptionists?|typists?|word processors?"
        r"|administrative assistants?|office (assistants?|workers?|administrators?|coordinators?)"
        r"|data entry|bookkeep\w*|payroll|billing|records (specialists?|technicians?|clerks?)"
        r"|transcriptionists?|mail (clerks?|room)|dispatchers?|telephone operators?"
        r"|switchboard|court reporters?|library (assistants?|technicians?)|front desk)\b"
    ),
    "computer": (
        r"\b(software|programmers?|developers?|web|computers?|networks?|databases?|IT"
        r"|information technology|sys ?admins?|systems? (administrators?|analysts?|engineers?)"
        r"|devops|help ?desk|desktop support|technical support|data engineers?|QA|testers?)\b"
    ),
    "creative": (
        r"\b(designers?|artists?|illustrators?|animators?|writers?|copywriters?|editors?"
        r"|photographers?|videographers?|camera|film|video|media|content|journalists?"
        r"|reporters?|news|producers?|broadcast\w*|sound|audio|lighting|displays?"
        r"|decorators?|choreographers?|dancers?|actors?|musicians?|composers?|publishers?"
        r"|proofreaders?|creative)\b"
    ),
}

#: Words of a task text that name a context's work, for text with no occupation at all
#: (neither ``onetsoc_code`` nor a title): the text's own words then stand for the
#: occupation, so that the context rules can count ("Draft captions for Instagram
#: posts" is creative work wherever it is done). A context found this way lets the
#: context rules count but does not lift the ``exclude_outside`` vetoes (it is not an
#: occupation), and the row counts as entry level unless a ``job_zone`` cell says
#: otherwise: free text without a title says nothing of the job's level, so the kind of
#: work decides (drafts, basic design, preliminary research).
CONTEXT_TEXT = {
    "clerical": (
        r"\b(inbox(es)?|voicemails?|memos?|letters?|correspondence|mail|mailboxes"
        r"|envelopes|invoices?|paperwork|appointments?|calendars?|agendas?|meeting (minutes"
        r"|notes|invitations?)|spreadsheets?|Excel|Google Sheets|Google Drive|SharePoint"
        r"|timesheets?|time sheets|payroll|expense reports?|purchase orders?|requisitions?"
        r"|(customer|client|contact|tenant|member|donor|student|employee|personnel|office"
        r"|business|vendor|supplier) (records|files|lists|databases?|details|addresses)"
        r"|front desk|reception|visitors?|telephones?|phone calls?|phone lines?|main line"
        r"|calls through|CRM|Salesforce|HubSpot|QuickBooks|Xero|ERP|BambooHR|Workday|ADP"
        r"|Gusto|mailing lists?|data entry|notices|shared drives?|Dropbox|Calendly|Outlook"
        r"|flights|hotel (rooms?|bookings?)|travel (portals?|bookings?|arrangements)"
        r"|itinerar(y|ies)|packing slips|shipping labels|incoming post|rotas?|Expensify"
        r"|expense claims|meeting (schedules?|invites?)|Teams invites?|dictated|dictation"
        r"|front-of-house|Google Forms?|paper forms|typ(e|es|ed|ing) up|handwritten|minutes"
        r"|(staff|shift|ward) rotas?|room bookings?|booking (systems?|diar(y|ies)|enquiries)"
        r"|(scheduling|reservations?|booking|case management|document management"
        r"|property management) systems?|registration (forms?|lists?)|courier portals?"
        r"|customs declarations|delivery notes|dispatch office|filings|(HR|personnel|billing"
        r"|invoicing|ordering|order|stock|job management|practice management|practice|housing"
        r"|tenancy|student|membership|finance|accounts|ticketing|hire|lettings|patient"
        r"|administration) (systems?|software|databases?|portals?)|MIS|back[- ]office|trackers?"
        r"|folders?)\b"
    ),
    "computer": (
        r"\b(code|codebases?|source code|(shell|automation|deployment|test|build|install\w*"
        r"|Apps|cron) scripts?|APIs?|endpoints?|repos|repositor(y|ies)"
        r"|GitHub|GitLab|Bitbucket|pull requests?|merge requests?|CI/CD|SQL|Docker\w*"
        r"|Kubernetes|AWS|Azure|GCP|Terraform|VPN|network drives?|Wi-?Fi|routers?|firewalls?"
        r"|laptops?|printer drivers?|macOS|Linux|user accounts?|e-?mail accounts?|passwords?"
        r"|log-?ins?|two-factor|2FA|MFA|single sign-on|SSO|help-?desk|bug reports?|unit tests?"
        r"|test suites?|landing pages?|HTML|CSS|JavaScript|TypeScript|Python|Bash|PowerShell"
        r"|Node\.js|npm|plugins?|WordPress|macros?|VBA|regular expressions?|regex|JSON|YAML"
        r"|coding assistants?|(staging|production|dev|file|web|mail) (servers?|environments?)"
        r"|Grafana|Datadog|Prometheus|CloudWatch|PagerDuty|Sentry|VLANs?|(network|Ethernet)"
        r" (switches|cards?|ports?)|Microsoft 365|Office 365|M365|Google Workspace"
        r"|Active Directory|Okta|Intune|Jamf|Android|iOS|Macs|MacBooks?|Freshservice"
        r"|ServiceNow|Jira|ETL|backups?|backup (jobs?|logs?)|memory leaks?|Playwright"
        r"|Selenium|Cypress|pytest|Jest|refactor\w*|linters?|IT (help|tickets?|support)"
        r"|it-help|Creative Cloud|Postgres\w*|MySQL|MongoDB|Redis|Airflow|dbt|Snowflake"
        r"|BigQuery|REST|GraphQL|SDKs?|antivirus|React( Native)?|Django|Flask|Java|PHP"
        r"|Visual Basic|Kotlin|front-?end|back-?end|PCs|desktops?"
        r"|workstations?|cloud resources|print(-release)? software"
        r"|app store|mobile apps?|web apps?|jQuery|Flutter|Swift|Rust|Ruby|Rails|Laravel|Vue"
        r"|Angular|Svelte|Next\.js|Tailwind|Bootstrap|Liquid|Shopify themes?|Stripe|Power Query"
        r"|SSL|TLS|SSL certificates?|DNS|Cloudflare|Vercel|Netlify|Heroku|Firebase|Supabase"
        r"|Ansible|Jenkins|GitHub Actions|CircleCI|DAGs?|static (web)?sites?|database migrations?"
        r"|migration scripts|Postman|Copilot|VS Code|web servers?)\b"
        # CI alone, out of the list above (the same texts match): RE2's filter requires
        # words of three characters or more, and the whole list ran on every text
        # (_FAST_GATES)
        r"|\bCI\b"
        # C# and .NET start or end with a character that is not a word character, so
        # they cannot sit inside \b(...)\b (a "\b" after "#" or before "." never matched
        # "C# code" or " .NET"): C# not followed by a word character ("C#m" is a chord),
        # nor by "major"/"minor" (the key); .NET with a capital N ("example.net" is a
        # domain), after anything ("ASP.NET", "VB.NET")
        r"|\bC#(\s*$|[^\w\s#]|\s+([^\sm]|m[^ai]|ma[^j]|mi[^n]))|(?-i:\.N)et\b"
    ),
    "creative": (
        r"\b(blogs?|blog posts?|social media|Instagram|TikTok|YouTube|LinkedIn|Facebook"
        r"|newsletters?|captions?|headlines?|(ad|advertising|marketing|product|website) copy"
        r"|copywriting|press releases?|articles?|storyboards?|podcasts?|videos?|video clips?"
        r"|footage|photos?|photographs?|photo shoots?|illustrations?|graphics?|banners?"
        r"|banner ads?|ads|(radio|TV|video|display|social|print) ads?|advertisements?"
        r"|(ad|advertising|marketing) campaigns?|brand"
        r"|logos?|mock-?ups?|thumbnails?|show notes|subtitles?|content (calendars?|plans?"
        r"|ideas|creators?)|news stories|editorials?|magazines?|episodes?|Canva|Photoshop"
        r"|Figma|Premiere|alt text|infographics?|posters?|flyers?|product (descriptions"
        r"|listings)|(news|copy|video|photo|senior|managing|lead) (editors?|designers?)"
        r"|producers?|reporters?|journalists?|newsrooms?|news desks?|documentar(y|ies)"
        r"|filming|yearbooks?|InDesign|Illustrator|After Effects|Final Cut|DaVinci|Descript"
        r"|Lightroom|mood ?boards?|highlight reels?|reels|icons?|(window|store) displays?"
        r"|radio (stations?|spots?)|promos?|profile pieces?|social posts|headshots|influencers?"
        r"|wall labels|exhibitions?|fundraising appeals?|donor stories|title cards"
        r"|animations?|animated|newspapers?|brochures?|leaflets?|prospectus(es)?|case studies"
        r"|PR pitches|media alerts|IVR|hold messages|push[- ]notifications?|subject lines"
        r"|listing descriptions|synopses|synopsis|wireframes?|CapCut|rough cuts?|first-pass edits?"
        r"|lower thirds|e-?mail banners?|marketing e-?mails?|hashtags|trending)\b"
    ),
}

#: A title marking a junior role: free text counts as entry level for entry_creative.
ENTRY_LEVEL_TITLE = (
    r"\b(junior|jr|assistant|associate|trainee|intern|apprentice|entry[- ]level|aide|helper)\b"
)

#: Kinds of text rules (see the module docstring).
RULE_KINDS = ("strong", "any", "context", "free", "free_work", "exclude", "exclude_outside")

#: Rows a text rule counts on (:attr:`TextRule.rows`): every row, rows with an O*NET-SOC
#: code only, or free text only. The rules of the O*NET tasks with their codes are those the
#: validation sample measured; free text has a few rules and vetoes of its own (round 5).
RULE_ROWS = ("all", "coded", "free")


@dataclass(frozen=True)
class TextRule(PatternRule):
    """A named regular expression on the task text, for or against one category.

    Attributes
    ----------
    rule_id : str
        Short identifier shown in explanations (e.g. ``"admin:schedule"``); vetoes are
        named ``<category>!<what>``.
    category : str
        One of :data:`CATEGORIES`.
    pattern : str
        Case-insensitive regular expression searched in the task text (RE2 syntax: no
        look-arounds or back-references).
    note : str
        What the rule is meant to catch.
    kind : str, default "any"
        One of :data:`RULE_KINDS`.
    rows : str, default "all"
        Which rows the rule counts on (:data:`RULE_ROWS`): ``"all"``; ``"coded"``, rows
        with an O*NET-SOC code only (a veto whose free-text counterpart is narrower);
        ``"free"``, free text only (rows without a code). Rules of kind ``free`` count on
        free text only whatever this says.

    Examples
    --------
    >>> TextRule("x", "admin", r"\\bfile\\b", "filing").search("File reports.")
    True
    """

    rule_id: str
    category: str
    pattern: str
    note: str
    kind: str = "any"
    rows: str = "all"


_W = r"[^.;]{0,40}"  # up to 40 characters within the same clause
_HEAD = r"^\W*"  # the verb that heads the task statement
_CLAUSE = r"(?:^\W*|,\s*|\band\s+|\bor\s+)"  # a verb heading the task or a coordinated clause

#: Text rules, in the order they are reported.
TEXT_RULES: tuple[TextRule, ...] = (
    # --- admin -------------------------------------------------------------------
    TextRule(
        "admin:schedule", "admin",
        r"\b(schedul\w*|book\w*|reserv\w*|arrang\w*|confirm\w*|cancel\w*|reschedul\w*)\b" + _W
        + r"\b(appointments?|meetings?|reservations?|conference rooms?|travel|itinerar\w+|trips)\b"
        r"|\b(appointment (books?|calendars?)|calendars?|work schedules|staff schedules"
        r"|shift schedules|travel arrangements)\b"
        r"|\bschedul\w*\b" + _W + r"\b(staff|employees|workers|crews?|personnel|shifts)\b"
        r"|\bassign\w*\b" + _W + r"\b(shifts|schedules|work hours|rosters|rotas)\b"
        r"|\bschedules? to (work )?crews\b",
        "scheduling appointments, meetings, travel, staff or shifts",
        "strong",
    ),
    TextRule(
        "admin:phones", "admin",
        r"\b(answer|handl|screen|rout|transfer|receiv|plac|relay|forward)\w*\b" + _W
        + r"\b(telephones?|phones?|(telephone |phone )?calls|switchboards?)\b"
        r"|\b(operat|answer|staff)\w* (\w+ ){0,2}(switchboards?|paging systems?|telephone systems?)\b"
        r"|\b(take|taking|relay\w*|deliver\w*|record\w*)\b" + _W + r"\bmessages\b"
        r"|\bgreet\w*\b" + _W + r"\b(visitors?|callers?)\b|\bswitchboard operators?\b",
        "answering telephones, messages, greeting visitors or callers",
        "strong",
    ),
    TextRule(
        "admin:typing", "admin",
        r"\bdata entry\b|\btranscri\w+\b|\bword[- ]process\w*\b|\btake dictation\b"
        r"|\b(shorthand|stenotype|stenograph\w*)\b"
        r"|\b(enter|key|input)\w*\b" + _W
        + r"\b(data|information|orders?|records?|entries|transactions|changes|details)\b"
        + _W + r"\b(computers?|databases?|systems?|files|records|forms?|spreadsheets?)\b"
        r"|\b(enter|key|input)\w* (\w+ ){0,3}(data|records|orders|information)\b"
        r"|\btyp(e|es|ed|ing)\b (\w+ ){0,3}(letters|correspondence|reports|documents|forms"
        r"|minutes|memos|manuscripts|envelopes|labels|lists|statements|tables)\b"
        r"|\brecord\w* minutes\b|\bminutes of meetings\b",
        "data entry, typing, transcription, minutes",
    ),
    TextRule(
        "admin:filing", "admin",
        _CLAUSE + r"fil(e|es|ing)\b" + _W + r"\b(documents?|records|reports|papers|correspondence|forms"
        r"|cards|folders|letters|claims|copies|materials|notes)\b"
        r"|\b(filing|photocop\w+|copiers?|fax\w*|scanners?)\b"
        r"|\b(maintain|keep|organiz|updat)\w*\b" + _W + r"\barchives\b"
        r"|\b(copy|copies|scan|scans|retriev\w*)\b" + _W + r"\b(documents?|records|files|papers)\b",
        "filing, retrieving, copying, scanning, archiving documents",
        "any",
        "coded",
    ),
    TextRule(
        "admin:filing_free", "admin",
        _CLAUSE + r"fil(e|es|ing)\b" + _W + r"\b(documents?|records|reports|papers|correspondence|forms"
        r"|cards|folders?|letters|claims|copies|materials|notes|certificates)\b"
        r"|\b(filing|photocop\w+|fax\w*|refil(e|es|ed|ing))\b"
        r"|\b(maintain|keep|organiz|updat)\w*\b" + _W + r"\barchives\b"
        r"|\b(copy|copies|scan|scans|scanned|scanning|retriev\w*)\b" + _W + r"\b(documents?|records"
        r"|files|papers|forms|letters|contracts|receipts|invoices|paperwork|post|mail|notes"
        r"|certificates|statements)\b"
        r"|\bpull\w* (\w+ ){0,3}(charts|files|folders|case files)\b",
        "free text: filing, retrieving, copying, scanning, archiving documents (a scanner or "
        "copier named as a tool is not the work)",
        "any",
        "free",
    ),
    TextRule(
        "admin:mail", "admin",
        r"\b(sort|rout|send|mail|forward|open|read|answer|respond\w* to|distribut|stamp|fold"
        r"|address|prepar)\w*\b" + _W + r"\b(mail|e-?mails?|correspondence|letters|memos?"
        r"|faxes|circulars|mailings?)\b"
        r"|\b(incoming|outgoing)( (or|and) (incoming|outgoing))? (mail|correspondence|letters)\b"
        r"|\bpostage\b"
        r"|\b(mail|letters|envelopes|flats|mailpieces)\b" + _W
        + r"\b(sacks|mailbags|mail bags|bins|trays|pigeonholes|pouches)\b"
        r"|\b(insert|stuff|address|seal)\w*\b" + _W + r"\benvelopes\b"
        r"|\broutine (letters|correspondence)\b",
        "mail, e-mail and routine correspondence",
        "strong",
    ),
    TextRule(
        "admin:paperwork", "admin",
        # rev7: distributing the paperwork too (moving paper around an organisation)
        r"\b(prepar|process|complet|fill\w* (out|in)|issu|submit|post|record|distribut)\w*\b" + _W
        + r"\b(invoices?|bills of lading|shipping (documents|papers|paperwork|forms|orders)"
        r"|paperwork|forms|payroll|timesheets|time sheets|time cards|requisitions"
        r"|purchase orders|order forms|insurance claims?|claims forms|billings?|vouchers"
        r"|permits|licenses|passes|badges|identification cards|certificates|receipts"
        r"|registrations?|work tickets|delivery tickets|production sheets|work orders"
        # rev7: sales order tickets are order forms
        r"|(sales )?order tickets|sales tickets"
        r"|(sales|charge|credit|deposit|withdrawal|delivery|packing|order|rental|pay) slips)\b"
        r"|\b(process|complet)\w*\s+(\w+\s+){0,2}applications\b",
        "routine business paperwork: forms, invoices, orders, payroll, claims, permits",
    ),
    TextRule(
        "admin:bookkeeping", "admin",
        r"\b(accounts (payable|receivable)|bookkeeping|general ledgers?|trial balances?|invoices"
        r"|billing (information|statements)|bills of lading|shipping (documents|papers|paperwork)"
        r"|purchase requisitions|payroll (records|information)|insurance claims? forms"
        r"|financial records)\b",
        "bookkeeping, billing, invoices, shipping papers, requisitions, payroll",
        "strong",
    ),
    TextRule(
        "admin:business_records", "admin",
        r"\b(maintain|keep|updat|record|log|compil|complet|prepar|track)\w*\b" + _W
        + r"\b(attendance|grades|personnel|payroll|sales|purchases|receipts|deliveries"
        r"|orders|financial|accounts?|transactions|money|expenses|time|costs?|business"
        r"|office|required|state-required|employee|student|merchandise|items distributed"
        r"|logistics|order)\b[^.;]{0,60}\b(records?|files|logs?|reports|documents|forms|rolls)\b"
        r"|\blog\w*\b" + _W + r"\b(items|keys|visitors|deliveries|shipments)\b"
        r"|\b(records?|files|logs?)(,? such as| of)\b" + _W + r"\b(sales|purchases|receipts|deliveries|orders"
        r"|transactions|money|expenses|merchandise|items|keys|clothing|valuables|attendance)\b",
        "keeping business records: sales, orders, attendance, personnel, accounts",
    ),
    TextRule(
        "admin:schedule_work", "admin",
        r"((^\W*|,\s*|\band\s+|\bor\s+|\bto\s+)schedul(e|ed|ing)|^\W*schedules)\b" + _W
        + r"\b(activities|rehearsals|performances|events|observations|engagements|bookings"
        r"|interviews|tours|movements?|shipments|deliveries|pickups|pick-ups|visits)\b",
        "scheduling (the verb, not a schedule read or followed) activities, events, rehearsals, "
        "visits or the movement of materials; professional content still vetoes outside "
        "office jobs (O*NET rows only: free text has admin:schedules_free)",
        "any",
        "coded",
    ),
    TextRule(
        "admin:notices", "admin",
        _CLAUSE + r"(send|sen|mail|prepar|distribut)\w*\b (\w+ ){0,3}(notices|notifications"
        r"|reminders|renewal notices|delinquency notices)\b",
        "sending routine notices and reminders (routine correspondence; issuing notices of "
        "violation is enforcement and stays out)",
        "any",
        "coded",
    ),
    TextRule(
        "admin:document_library", "admin",
        r"\b(maintain|keep|organiz|updat|build)\w*\b (\w+ ){0,3}(librar(y|ies)|repositor(y|ies)"
        r"|collections?) of (\w+ ){0,3}(documents|templates|forms|records|files|reports"
        r"|correspondence)\b"
        r"|\b(maintain|keep|updat)\w* (\w+ ){0,2}card files\b",
        "maintaining libraries of documents, forms or templates, card files (filing and "
        "archiving)",
        "any",
        "coded",
    ),
    TextRule(
        "admin:production_records", "admin",
        r"\b(record|log|keep|maintain|tally|post)\w*\b (\w+ ){0,3}(production|stock|inventory"
        r"|output) (information|data|records|logs|figures|quantities|counts|totals|sheets)\b"
        r"|\brecords (on|of) (the )?(use|issue|receipt|damage)( (or|and) \w+)? of (\w+ ){0,2}"
        r"(stock|supplies|materials|equipment|tools)\b",
        "routine production and stock records kept by any worker (quantities produced, stock "
        "used or damaged): business records; readings and test results stay professional",
        "any",
        "coded",
    ),
    TextRule(
        "admin:agendas", "admin",
        r"\b(prepar|draft|compil|writ|distribut|typ|circulat)\w*\b (\w+ ){0,2}agendas?\b",
        "preparing and distributing meeting agendas",
    ),
    TextRule(
        "admin:orders_ctx", "admin",
        _CLAUSE + r"(order|reorder|requisition)(s|ed|ing)?\b" + _W + r"\b(supplies|materials"
        r"|parts|replacements|stock|merchandise|inventory|equipment|books|forms|stationery)\b",
        "in clerical jobs: ordering or requisitioning supplies",
        "context",
    ),
    TextRule(
        "admin:orders", "admin",
        _CLAUSE + r"(order|reorder|requisition)(s|ed|ing)?\b (\w+ ){0,3}(supplies|parts"
        r"|replacements|replacement parts|spare parts|stock)\b",
        "in any job: ordering or requisitioning parts, supplies or stock (processing orders "
        "and requisitions; purchasing decisions and managing purchasing stay out)",
        "any",
        "coded",
    ),
    TextRule(
        "admin:clerical", "admin",
        r"\b(clerical (duties|tasks|work|support|functions)|office duties|secretarial"
        r"|general office|administrative (duties|tasks|support|functions)|office machines?"
        r"|office equipment)\b",
        "clerical and office duties, office equipment",
        "strong",
    ),
    TextRule(
        "admin:records_ctx", "admin",
        r"\b(maintain|keep|updat|record|log|compil|organiz|stor|retriev|track|post|enter"
        r"|reconcil|process|prepar|complet|sort|collat|assembl|proof|check|verif|review|cod"
        # rev7: balancing accounts (bookkeeping); balancing a till stays out (admin!sales_cash)
        r"|balanc"
        r"|index|issu|obtain|search|locat|calculat|comput|resolv|file|fil|compar|examin|match"
        r"|identif)\w*\b" + _W
        + r"\b(records?|files?|logs?|ledgers?|journals?|registers?|documents?|documentation"
        r"|paperwork|forms?|reports?|data|databases?|information|accounts?|transactions?"
        r"|orders?|figures|postings|entries|details|status|work|pages|copies|catalog\w*"
        r"|materials|tickets|statements|charges|fees|balances|discrepancies|items|correspondence"
        r"|exhibits|proceedings|depositions|testimony|notes|bills|bids|criteria|applications?"
        r"|passes|typed|text|mistakes)\b",
        "in clerical jobs: keeping, checking and processing records, orders and documents",
        "context",
    ),
    TextRule(
        "admin:contact_ctx", "admin",
        r"\b(answer|respond|direct|refer|rout|transfer|forward|receiv|log|record)\w*\b" + _W
        + r"\b(inquiries|questions|requests|complaints)\b|\bprovid\w* information\b"
        r"|\b(contact|notify|correspond|call|telephon|communicat|listen)\w*\b"
        + _W + r"\b(customers?|clients?|patrons?|agents?|suppliers?|vendors?|departments?"
        r"|employers?|callers?|public|coworkers|co-workers|staff|attorneys?|guests?|patients?"
        r"|visitors?|requests)\b"
        r"|\b(telephones?|phones?|busy lines|calls|callers|paging|bells|buzzers|greet\w*"
        # rev7: "jams" only as paper or equipment jams (an office machine's); clearing jams
        # in sorting or production machines is machine tending, not contact or clerical work
        r"|submit\w*|relay\w*|switchboards?|dial\w*|connections|(paper|equipment) jams)\b",
        "in clerical jobs: routine contact with customers, callers and departments",
        "context",
    ),
    TextRule(
        "admin:office_ctx", "admin",
        r"\b(draft|writ|compos|typ|summar|turn|convert|proofread|format|prepar|send|forward"
        r"|distribut|mail)\w*\b" + _W + r"\b(memos?|letters?|notices?|minutes|agendas?"
        r"|invitations?|replies|messages|meeting notes|summar(y|ies))\b"
        r"|\b(enter|key|input|log|upload|add|type)\w*\b" + _W + r"\b(details|data|information"
        r"|entries|numbers|addresses|dates|hours|invoices?|receipts|timesheets|orders)\b"
        r"|\b(generat|creat|print|prepar|issu)\w*\b" + _W + r"\b(packing slips|shipping labels"
        r"|paperwork|invoices?|purchase orders|forms)\b"
        r"|\b(archiv|upload|organiz|renam|sort|tag|scan|index|date-stamp|open)\w*\b" + _W
        + r"\b(files|documents|folders|records|contracts|forms|scans|post|inbox|mail|letters)\b"
        r"|\b(compil|send|collect|process|chas)\w*\b" + _W + r"\b(hours|timesheets|payroll"
        r"|expense claims|receipts|rotas?)\b"
        r"|\b(coordinat|book|schedul|arrang|set\w* up|mov|reschedul|confirm)\w*\b" + _W
        + r"\b(slots|interviews|calls|meetings?|appointments?|visits|rooms|flights|hotels"
        r"|travel)\b|\breminders?\b" + _W + r"\b(appointments?|meetings?|deadlines?|renewals?)\b"
        r"|\b(answer|pick\w* up|cover)\w* (\w+ ){0,2}(main |phone |front |office )?(lines?"
        r"|phones?)\b|\bput\w* calls through\b"
        r"|\btyp(e|es|ed|ing) up\b|\btyp(e|es|ed|ing)\b (\w+ ){0,2}(and \w+ )?(\w+ ){0,2}(filings"
        r"|notes|documents|job sheets|letters|reports|forms)\b"
        r"|\b(take|takes|took|taking|circulat\w*|distribut\w*)\b (\w+ ){0,2}minutes\b"
        r"|\b(maintain|updat|coordinat|manag|run|keep|fill)\w*\b" + _W + r"\b(rotas?|rosters?"
        r"|room bookings|bookings|shifts)\b"
        r"|\b(book|schedul|arrang)\w*\b" + _W + r"\b(follow-?ups?|transport|catering|couriers?"
        r"|collections|deliveries)\b"
        r"|\b(compil|produc|pull|run|generat)\w*\b" + _W + r"\b(\w+ ){0,3}(occupancy|arrivals"
        r"|absence|attendance|bookings?) (reports?|lists?)\b",
        "in office work: drafting routine letters and notices, data entry, paperwork, filing, "
        "scheduling, phones",
        "free",
    ),
    TextRule(
        "admin:entry_free", "admin",
        r"\b(enter|enters|entered|entering|key|keys|keyed|keying|input\w*|log|logs|logged"
        r"|logging|typ(e|es|ed|ing)|transferr?\w*|copy|copies|copied|copying|convert\w*"
        r"|process\w*|register\w*)\b"
        r"[^.;]{1,60}\b(into|onto|on to|in|on) (the |our |a |an |their |each |my )?"
        r"([\w'-]+ ){0,3}(systems?|software|database|CRM|spreadsheets?|Google Sheets?"
        r"|Excel|(shop|store|Shopify|WooCommerce|Etsy) (admin|back ?end|dashboard)|portal|MIS"
        r"|EHR|EPR|PAS|ERP|ledger|Sage|Xero|QuickBooks|SAP|Epic|(contact|mailing"
        r"|distribution) lists?)\b"
        r"|\b(updat|chang|edit|enter|key|upload|amend|correct|maintain)\w*\b[^.;]{0,30}"
        r"\b(prices|price lists?|stock levels|stock counts|contact details|addresses"
        r"|bank details)\b"
        r"|\bde-?dup\w*\b|\bclean\w* up\b[^.;]{0,30}\b(contacts|mailing lists?|CRM)\b"
        r"|\b(typ|transcrib|turn|word-process|format|produc|prepar)\w*\b[^.;]{0,40}\b(dictated"
        r"|dictation)\b"
        r"|\bcategori[sz]\w*\b[^.;]{0,30}\b(transactions|receipts|expenses|invoices)\b"
        r"|\b(maintain|keep|kept|updat)\w*\b (the |our |a |an )?(\w+ ){0,2}(registers?|log ?books?"
        r"|trackers?|lists?) of\b"
        r"|\b(record|log|tak|took|process|enter|handl)\w*\b (\w+ ){0,2}(phone|telephone|e-?mail"
        r"|email) (orders|bookings|reservations|enquiries|messages)\b",
        "free text: data entry, keying records into a system, updating routine details "
        "(prices, stock levels, contact details) in records",
        "free_work",
    ),
    TextRule(
        "admin:correspondence_free", "admin",
        r"(^\W*|,\s*|\band\s+|\bor\s+|\b(I|we|you|you'll|you will|then)\s+)(e-?mail|email)"
        r"(s|ed|ing)?\b (the |our |all |\w+'s )?(\w+ ){0,2}(suppliers?"
        r"|customers?|clients?|contractors|subcontractors|families|parents|tenants|landlords"
        r"|members|hauliers|couriers|candidates|applicants|guests|policyholders|attendees"
        r"|delegates|vendors|students|volunteers|donors)\b"
        r"|\b(repl(y|ies|ied|ying)|respond\w*|answer\w*|handl\w*|clear\w*|triag\w*"
        r"|deal\w* with|work\w* through|monitor\w*|manag\w*)\b[^.;]{0,40}\b(e-?mails?"
        r"|emails?|inbox(es)?|mailbox(es)?|live chat|web ?chat|chat messages|voicemails?"
        r"|(e-?mail|email|written|online|chat|routine) (\w+ )?(enquiries|inquiries|queries))\b"
        r"|\bchas\w*\b[^.;]{0,40}\b(suppliers?|deliveries|invoices?|payments?|paperwork"
        r"|signatures|documents|forms|timesheets|responses|replies|RSVPs|confirmations)\b"
        r"|\b(e-?mail|email|sen|send)\w*\b[^.;]{0,30}\bconfirmations?\b"
        r"|\b(e-?mail|email)\w*\b[^.;]{0,40}\bto (confirm|chase|remind|request|arrange"
        r"|rearrange|reschedule)\b"
        r"|\b(listen\w* to|check\w*|clear\w*|pick\w* up|go\w* through|return\w*)\b"
        r"[^.;]{0,30}\bvoicemails?\b"
        r"|\b(generat|produc|print|send|sen|issu|prepar|draft|writ|creat|set\w* up|mail[- ]merg"
        r"|run|updat)\w*\b[^.;]{0,40}\b(renewal|reminder|confirmation|cancellation"
        r"|acknowledg\w*|chaser|arrears|overdue|standard|template|routine|covering|booking"
        r"|appointment|payment|receipt|rejection|refusal)( [\w-]+){0,2} (letters?|e-?mails?"
        r"|emails?|notices?|messages|texts|templates|notifications)\b"
        r"|\b(send|sen|issu|generat|chas)\w*\b[^.;]{0,30}\b(reminders|renewal notices)\b"
        r"|\bsen\w*\b( out)? (\w+ ){0,3}(invites|invitations|calendar invites?)\b"
        r"|\b(print|post|mail|send|sen)\w*\b( and (print|post|mail|send|sen)\w*)?"
        r" (out )?(the |our )?(\w+ ){0,2}(statements|invoices|letters|notices|reminders|receipts)\b"
        r"|\b(standard|template|routine|holding) (replies|responses)\b"
        r"|\b(bookings?|reservations?|orders|enquiries|inquiries|appointments|messages) (over|by"
        r"|on) (the )?(tele)?phone\b"
        r"|\b(sort|open|frank|distribut|log)\w*\b (the |our )?(internal |incoming |outgoing |daily"
        r" |morning |office |company )?(post|mail|mailbags?)\b([^-]|$)"
        r"|\b(summar|turn|convert|draft|writ)\w*\b[^.;]{0,60}\b(memos?|agendas?"
        r"|meeting invitations?)\b",
        "free text: routine correspondence: e-mailing suppliers or customers about routine "
        "matters, answering an inbox or chat queries, chasing, routine letters from templates",
        "free_work",
    ),
    TextRule(
        "admin:routing_free", "admin",
        r"\b(rout(e|es|ed|ing)|forward\w*|direct\w*|pass\w*|assign\w*|allocat\w*|redirect\w*"
        r"|send\w*|sent|escalat\w*)\b[^.;]{0,60}\bto (the |each )?(right|correct|relevant"
        r"|appropriate|responsible) (\w+ ){0,2}(person|people|teams?|departments?|staff"
        r"|colleagues?|members?|contractors?|queues?|inbox(es)?|agents?|engineers?|managers?"
        r"|offices?|desks?|services?)\b"
        r"|\btriag\w*\b[^.;]{0,40}\b(requests?|inbox(es)?|mailbox(es)?|e-?mails?"
        r"|enquiries|inquiries|queries|calls|messages|referrals)\b"
        r"|\b(forward\w*|rout(e|es|ed|ing)|redirect\w*)\b (on )?(\w+ ){0,3}(queries|enquiries"
        r"|inquiries|requests|e-?mails|messages|calls|complaints)\b"
        r"|\b(direct\w*|rout(e|es|ed|ing)|forward\w*|pass\w*|refer\w*) (\w+ ){0,2}(enquiries"
        r"|inquiries|queries|requests|calls|visitors|callers) to\b",
        "free text: directing or routing inquiries and requests to the right person or team",
        "free_work",
    ),
    TextRule(
        "admin:paperwork_free", "admin",
        r"\b(check|review|verif|vet|go\w* through|audit)\w*\b[^.;]{0,60}\b(forms?|claims?"
        r"|applications?|documents?|paperwork|timesheets?|invoices?|submissions?|files|records"
        r"|registers|returns|certificates|each one|entries)\b[^.;]{0,30}\b(for|against)"
        r" (\w+ ){0,2}(completeness|missing|signatures|omissions|mismatches)\b"
        r"|\bflag\w* (\w+ ){0,2}(missing (entries|signatures|documents|forms|timesheets)"
        r"|mismatch\w*)\b"
        r"|(^\W*|,\s*|\band\s+|\b(I|we|you|you'll|you will)\s+)process(ed|ing)?\b[^.;]{0,40}"
        r"\bapplications\b"
        r"|\b(submit|complet|fill\w* (in|out)|lodg|fil(e|es|ed|ing)|make|mak|send)\w*\b"
        r"[^.;]{0,60}\b(claims?|claim forms?|returns|registrations?|declarations?"
        r"|notifications?|renewals?)\b[^.;]{0,60}\b(online|portals?)\b"
        r"|\b(submit|complet|fill|lodg|process)\w*\b[^.;]{0,30}\bonline (\w+ ){0,2}(claims?"
        r"|forms?|returns|registrations?|declarations?)\b"
        r"|\bregister\w*\b[^.;]{0,60}\bonline\b"
        r"|\b(index|paginat|collat|bates[- ]?number|bundl)\w*\b[^.;]{0,40}\b(documents?"
        r"|pages|papers|files|bundles?|exhibits|records|registers|letters|correspondence"
        r"|deeds)\b",
        "free text: routine business paperwork: checking documents for completeness, claims "
        "and registrations submitted online, indexing and paginating documents",
        "free_work",
    ),
    TextRule(
        "admin:schedules_free", "admin",
        r"\b(build|buil|draw\w* up|plan|creat|prepar|produc|draft|put\w* together|sort\w* out"
        r"|set\w* up|work\w* out|publish|organi[sz]|writ|do|doing|did|fill\w* in)\w*\b"
        r"[^.;]{0,40}\b(rotas?|rosters?|shift (patterns?|plans?|schedules?)|staff schedules?"
        r"|meeting schedules?|duty lists?)\b"
        r"|\b(book|rebook|reserv)\w*\b[^.;]{0,40}\b(slots|collections|deliveries|couriers?"
        r"|transport|taxis?|catering|rooms|interviews|visits|viewings|follow-?ups?)\b"
        r"|\b(schedul|arrang|confirm|reschedul)\w*\b[^.;]{0,40}\b(slots|collections|couriers?"
        r"|rooms)\b"
        r"|\b(mov|push|bring|brought)\w*\b (\w+ ){0,3}(meetings?|appointments?|interviews)\b"
        r"|\b(organi[sz]|sort\w* out|handl)\w*\b[^.;]{0,20}\b(travel|hotels?|flights"
        r"|accommodation|itinerar\w+)\b"
        r"|\b(manag|maintain|keep|run|updat)\w*\b[^.;]{0,20}\b(waiting|wait) ?lists?\b",
        "free text: scheduling: staff rotas and rosters, meeting schedules, booking slots, "
        "transport, couriers and visits",
        "free_work",
    ),
    TextRule(
        "admin:reports_free", "admin",
        r"\b(compil|produc|pull|run|generat|prepar|build|put\w* together|summar|collat"
        r"|assembl)\w*\b[^.;]{0,60}\b(reports?|summar(y|ies)|breakdowns?|figures|lists?|totals"
        r"|returns)\b[^.;]{0,40}\bfrom (the |our |a |an |their |each |\w+'s )?[^.;]{0,30}"
        r"\b(exports?|records|systems?|spreadsheets?|databases?|logs|registers|timesheets|sheets"
        r"|till|CRM|ERP|MIS|Sage|Xero|QuickBooks|SAP|Excel)\b",
        "free text: compiling routine reports from records or system exports",
        "free_work",
    ),
    # rev4: admin-like tasks of other occupations (O*NET rows only)
    TextRule(
        "admin:business_logs", "admin",
        _CLAUSE + r"(record|log|tally|post)(s|ed|ged|ging|ing)?\b (\w+ ){0,4}(quantities|tonnages"
        r"|weights of (shipments|loads|goods)|serial numbers|car numbers"
        r"|model numbers|locations of (goods|shipments|freight))\b"
        r"|\b(record|keep|maintain|enter)\w*\b[^.;]{0,60}\b(on|in) (the )?(specified|appropriate"
        r"|required|standard|designated) (forms|logs|log ?books|ledgers)\b",
        "routine records and logs of business activity (quantities, shipments, entries on "
        "set forms) kept by any worker; professional content still vetoes",
        "any",
        "coded",
    ),
    TextRule(
        "admin:completeness", "admin",
        r"\b(check|verif|review|examin|evaluat|ensur)\w*\b[^.;]{0,60}\b(documents?|documentation"
        r"|forms?|applications?|files|papers|paperwork|records|reports|logs|claims)\b[^.;]{0,40}"
        r"\b(completeness|proper order)\b|\bcompletion of (\w+ ){0,2}(forms|documents|paperwork"
        r"|applications)\b",
        "checking documents for completeness (routine business paperwork)",
        "any",
        "coded",
    ),
    TextRule(
        "admin:confirmations", "admin",
        r"\b(e-?mail|deliver|send|sen|mail)\w*\b (\w+ ){0,2}confirmations?\b"
        r"|\bnotif\w*\b[^.;]{0,60}\bby (\w+,? ){0,2}(mail|e-?mail|letters?)\b",
        "routine mail or e-mail notices and confirmations (routine correspondence)",
        "any",
        "coded",
    ),
    TextRule(
        "admin:payments", "admin",
        _CLAUSE + r"(pay|pays|paying)\b (\w+ ){0,2}(bills|invoices|claims|freight|charges)\b"
        r"|\barrang\w* (for )?(the )?payments?\b",
        "paying bills or claims and arranging payments (routine business paperwork)",
        "any",
        "coded",
    ),
    TextRule(
        "admin:arrange", "admin",
        _CLAUSE + r"(arrang|schedul)(e|es|ed|ing)\b (and \w+ )?(for )?(\w+ ){0,3}(schedules"
        r"|deliver(y|ies)|shipments?|transfers?|pickups?|(use|uses) of (\w+ ){0,2}"
        r"(facilities|rooms|studios?|equipment))\b",
        "arranging or scheduling deliveries, transfers, schedules and facility use "
        "(scheduling)",
        "any",
        "coded",
    ),
    # rev5: directories and contact lists, reconciling transactions (O*NET rows only)
    TextRule(
        "admin:record_lists", "admin",
        r"\b(maintain|keep|updat|compil|creat|prepar)\w*\b( (and|or) \w+)? (a |an |the )?(\w+ ){0,2}"
        r"(director(y|ies)|rolls|registers|card files) of\b"
        # rev7: after other objects too ("Maintain databases, mailing lists, ...")
        r"|\b(maintain|keep|updat|compil)\w*\b( (and|or) \w+)? (\w+,? ){0,3}(rate|contact|supplier"
        r"|vendor|customer|client|mailing|address) (databases?|lists|director(y|ies)|files)\b",
        "keeping directories, rolls or contact and rate databases of routine information (the work is keeping "
        "records, not code); professional content still vetoes",
        "any",
        "coded",
    ),
    TextRule(
        "admin:reconcile", "admin",
        r"\breconcil\w*\b[^.;]{0,40}\b(transactions|accounts|statements|books|ledgers|receipts"
        r"|invoices|bills|summaries)\b",
        "reconciling transactions or accounts (bookkeeping)",
        "any",
        "coded",
    ),
    # rev6: clerical paperwork and correspondence of workers outside office jobs (O*NET
    # rows only): the definitions exclude professional records, not routine clerical work
    # because the occupation is not clerical
    TextRule(
        "admin:job_billing", "admin",
        _CLAUSE + r"(record|log|keep|kept|maintain|complet|prepar|calculat|comput|submit"
        r"|distribut|verif|fill\w* (in|out))\w*\b[^.;]{0,120}\b(parts used|labou?r time|time spent"
        r"|hours worked|customer charges|charges for (\w+ ){0,2}repairs|repair bills|time ?cards"
        r"|expense reports|for billing( purposes)?|(ticket )?fares( received)?)\b"
        r"|\b(calculat|comput|prepar)\w* (\w+ ){0,2}(bills|billings)\b",
        "billing and timekeeping records of a job (labour time, parts used, charges, fares, "
        "time cards, expense reports, bills): bookkeeping and billing, whatever the work "
        "billed; professional content still vetoes",
        "any",
        "coded",
    ),
    TextRule(
        "admin:billing", "admin",
        r"\bbilling (documents|records|information|statements|requests|issues|problems|errors"
        r"|inquiries|disputes)\b|\bresolv\w* (\w+ ){0,2}billing\b",
        "billing documents, requests and problems (bookkeeping and billing); professional "
        "content still vetoes",
        "any",
        "coded",
    ),
    TextRule(
        "admin:records_of", "admin",
        r"\b(records?|files|logs?|log ?books?|balance sheets)(,? such as|,? including| of| on"
        r"| related to| pertaining to| concerning| showing| that show)( the| all| each)?"
        r" ([\w'-]+,? ){0,3}(quantities|quantity|amounts?|numbers? of|materials|goods|items"
        r"|products|stock|supplies|inventor(y|ies)|contents|circulation|sales|finances|financial"
        r"|expenditures|costs?|time|hours|customers?|orders|work assignments|transactions"
        r"|menus)\b",
        "records of routine business content (quantities, goods and materials received, used "
        "or moved, stock, sales, costs, hours) kept by any worker; professional content still "
        "vetoes",
        "any",
        "coded",
    ),
    TextRule(
        "admin:routine_reports", "admin",
        _CLAUSE + r"(complet|prepar|submit|fill\w* out|compil|writ)\w*\b( and \w+)? (\w+,? ){0,3}"
        r"(production|shift|daily|weekly|monthly|trip|collection|sales|inventory|delivery"
        r"|occupancy|attendance|mileage|fuel) (reports|logs|records|sheets|tickets|summaries)\b",
        "completing routine periodic reports (daily, shift, production, sales, collection "
        "reports) from records; professional content still vetoes",
        "any",
        "coded",
    ),
    TextRule(
        "admin:permits", "admin",
        r"\b(obtain|secur|get|gets|getting|appl(y|ies|ied|ying) for|request)\w*\b (\w+ ){0,3}"
        r"(permits?|licen[sc]es|copyrights?|visas|passports)\b"
        r"|\bregister\w* (\w+ ){0,2}(births|deaths|marriages|guests|visitors)\b"
        r"|\bprepar\w* (\w+ ){0,3}manifests\b",
        "obtaining permits, licences or copyrights, registering deaths or guests, preparing "
        "manifests: routine business paperwork",
        "any",
        "coded",
    ),
    # rev6: office work that the context rules did not list (clerical occupations; like the
    # other context rules they count on every row in a clerical context)
    TextRule(
        "admin:arrange_ctx", "admin",
        r"\barrang(e|es|ed|ing) (for )?([\w'-]+,? ){0,4}(repairs?|maintenance|training"
        r"|deliver(y|ies)|advertising|posting|times|dates|meetings|appointments|typing"
        r"|duplication|printing|copies|paperwork|documents|documentation)\b"
        r"|\bmak\w* (\w+ )?arrangements\b|\bto arrange\b"
        r"|\bplac(e|es|ed|ing) (\w+ ){0,2}orders\b|\border placement\b"
        r"|\b(schedul|reserv|book)\w*\b (\w+ ){0,3}space\b",
        "in clerical jobs: arranging deliveries, repairs, training or postings, making "
        "arrangements, placing orders, reserving space (arranging the transport of goods or "
        "insurance is logistics the samples label otherwise)",
        "context",
    ),
    TextRule(
        "admin:notices_ctx", "admin",
        _CLAUSE + r"(post|provid|send|mail|prepar|distribut)\w*\b ([\w'-]+ ){0,3}(notices"
        r"|notifications?)\b|" + _CLAUSE + r"issu\w* (\w+ ){0,2}notifications?\b"
        r"|\bnotif(y|ies|ied|ying) (\w+ ){0,2}(workers|employees|applicants|customers|clients"
        r"|consignees) of\b"
        r"|\b(refer|rout|forward|transfer)\w* (\w+ ){0,3}(customers|clients|callers|visitors"
        r"|applicants|patrons|grievances|complaints|inquiries|requests|questions|calls) to (the )?"
        r"(appropriate|designated|proper|right|correct|responsible) (\w+ )?(personnel|staff"
        r"|departments?|persons?|individuals|offices?|workers|units)\b"
        r"|\bcorrespond(s|ed|ing)? with\b",
        "in clerical jobs: sending or posting routine notices (issuing notices of violation is "
        "enforcement), referring customers or requests to the right staff, corresponding "
        "with outside parties",
        "context",
    ),
    TextRule(
        "admin:checks_ctx", "admin",
        r"\b(prepar|issu|writ|encod|cancel|order|process|mail)\w*\b( and \w+)? ([\w']+ ){0,3}"
        r"(checks|cheques)\b",
        "in clerical jobs: preparing, encoding, issuing or ordering cheques (routine business "
        "paperwork; cashing cheques is cash handling)",
        "context",
    ),
    TextRule(
        "admin:machines_ctx", "admin",
        # rev7: office and mail machines, by their name or their work (copies, envelopes,
        # stencils, inserts), not every machine: "Operate machines" matched ~180 production
        # tasks, listed in their explanations as needing a clerical occupation
        _CLAUSE + r"(operat|start|set\w* up|adjust|regulat)\w*\b[^.;]{0,60}\b((office|business"
        r"|mail\w*|address\w*|folding|inserting|sealing|stamping|postage|franking|copy|copying"
        r"|duplicating|photocopying|collating|binding|billing|bookkeeping|adding|calculating"
        r"|typing|dictating|dictation|transcribing|fax|facsimile|tabulating|bursting"
        r"|stencil[- ]cutting|microfilm|check[- ]writing|check[- ]encoding|accounting|posting)"
        r"( \w+)? machines?|machines?\b[^.;]{0,80}\b(copies|envelopes|stencils|mail|letters"
        r"|documents|postage|inserts|card inserters)|card inserters|addressographs?|mimeographs?"
        r"|collators|postage meters)\b"
        r"|\boperat\w* (\w+ ){0,2}(e-?mail|electronic mail|messaging|mail) systems\b"
        r"|\b(monitor|observ)\w*\b (\w+ ){0,2}(machines?|machine operations?)\b",
        "in clerical jobs: operating, setting up and adjusting office and mail machines, "
        "e-mail systems (the office equipment is the work itself; routing and dispatch "
        "equipment is not)",
        "context",
    ),
    # rev4: non-clerical work of other kinds (O*NET rows only)
    TextRule(
        "admin!physical", "admin",
        _HEAD + r"(walk|ride|rides|riding|drive|drives|driving|restock)\w*\b|\band restock\b"
        r"|\bclean\w*\b (\w+,? ){0,3}(equipment|work areas|areas|shelves|machines|counters"
        r"|windows|floors|premises|rooms|vehicles|tools)\b"
        r"|\b(weigh|measur)\w*\b[^.;]{0,25}\b(materials|products|equipment|goods|loads)\b"
        r"|" + _HEAD + r"inspect\w*\b[^.;]{0,40}\b(defects|damage|malfunctions|wear)\b"
        # rev5: packing, unloading, carrying or repairing goods heads the task (stock handling)
        r"|" + _HEAD + r"(pack|wrap|unload|lift|stack|repair|mend)(s|ed|ing)?\b"
        # rev6: "carry out" (perform) is no carrying; removing, transporting or accompanying
        # goods or people heading the task is physical work
        r"|" + _HEAD + r"carr(y|ies|ied|ying),? ([^o\W]|o[^u])"
        r"|" + _HEAD + r"(transport|accompan|escort)\w*\b"
        # rev7: removing vetoes only when goods or material are removed ("Remove old
        # records and file them in storage" is filing)
        r"|" + _HEAD + r"remov\w*\b[^.;]{0,60}\b(products|loads|containers|parcels|packages"
        r"|materials|items|goods|stock|workpieces|parts|equipment|debris|trash|waste|dirt|grease"
        r"|rust|burrs|irregularities|moldings|dies|molds|machines?|vehicles|furniture|props)\b"
        # rev7: sorting goods or inspecting them heading the task (stock handling, quality
        # inspection); sorting mail, documents or records stays clerical
        r"|" + _HEAD + r"sort(s|ed|ing)?\b (\w+,? ){0,4}(books|products|items|goods|parcels"
        r"|packages|merchandise|stock)\b"
        r"|" + _HEAD + r"(inspect|examin)\w*\b (\w+,? ){0,4}(products|materials|parts|goods"
        r"|loads|merchandise|workpieces|stock)\b",
        "physical work heading the task (walking or driving routes, weighing, measuring, "
        "cleaning, restocking, inspecting, sorting or removing goods, handwork): not clerical",
        "exclude",
        "coded",
    ),
    TextRule(
        "admin!purchasing", "admin",
        _CLAUSE + r"(purchas(e|es|ed|ing)|buy|buys|buying)( (and|or) \w+)? (of )?(\w+ )?(supplies"
        r"|materials|equipment|merchandise|goods|items|products|food|stock|parts)\b"
        r"|\b(develop|prepar|administer)\w* (\w+ ){0,3}budgets\b|\bnegotiat\w*\b",
        "purchasing, budgeting and negotiating: not clerical",
        "exclude",
        "coded",
    ),
    # rev5: keying data as the means of design work (a tool for another profession)
    TextRule(
        "admin!design_input", "admin",
        r"\b(enter|key|input|typ)\w*\b[^.;]{0,80}\bto (retouch|draw|render|lay out|make color"
        r"|(create|produce|design) (\w+ ){0,2}(layouts|designs|graphics|images|drawings"
        r"|illustrations|artwork))\b",
        "keying data or instructions to create layouts, designs or retouched images: design "
        "work using software as a tool, not data entry",
        "exclude",
        "coded",
    ),
    # rev6: words of office work used in another sense (transcribing music, filing tools)
    TextRule(
        "admin!other_senses", "admin",
        r"\btranscri\w*\b[^.;]{0,60}\b(music\w*|melod\w*|compositions?|notation|Braille)\b"
        r"|\bfiling tools\b|" + _HEAD + r"announc\w*\b[^.;]{0,80}\bpublic address\b",
        "office words in another sense: transcribing music into notation or teaching material "
        "into Braille (musical or teaching work), filing tools (metalwork), announcements over "
        "a public address system (not correspondence)",
        "exclude",
        "coded",
    ),
    TextRule(
        "admin!legal_research", "admin",
        r"\b(statutes|court decisions|case law|legal (precedents?|publications|research))\b",
        "legal research (laws, court decisions): professional work, not clerical",
        "exclude",
        "coded",
    ),
    TextRule(
        "admin!management", "admin",
        _HEAD + r"(supervis|direct|manag|oversee|hire|recruit|train|negotiat|approv|teach"
        r"|instruct|evaluat|establish|lead|formulat|recommend|solicit|sell|promot|analy[sz]"
        r"|interpret|design|investigat|troubleshoot)\w*\b"
        # rev5: tracing (skip-tracing, investigating) heads the task; tracking records does not
        r"|" + _HEAD + r"trac(e|es|ed|ing)\b"
        r"|\b(findings|recommendations|confidentiality)\b"
        r"|\b(job|employee|staff|work) performance (problems|issues)\b"
        r"|\bdiscuss\w* (\w+ ){0,2}performance\b"
        # rev5: supervising or training among the task's leading verbs (management)
        r"|" + _HEAD + r"\w+(,? (and |or )?\w+){0,2},? (and |or )?(supervise|supervises|train|trains)\b",
        "management, training, sales, analysis, staff performance problems: not clerical",
        "exclude",
        "coded",
    ),
    TextRule(
        "admin!management_free", "admin",
        _HEAD + r"(supervis|direct|oversee|oversaw|hire|recruit|train|negotiat|approv|teach"
        r"|taught|instruct|evaluat|establish|lead|led|formulat|recommend|solicit|sell|sold"
        r"|promot|analy[sz]|interpret|design|trac|investigat|troubleshoot)\w*\b"
        r"|" + _HEAD + r"manag\w*\b" + _W + r"\b(staff|teams?|people|employees|workers|volunteers"
        r"|budgets?|projects?|departments?|operations|contracts?|relationships?|accounts?"
        r"|portfolios?|vendors|suppliers|stakeholders|campaigns?|programm?es?|risks?|performance"
        r"|strateg\w*|sales|stock|inventory|the (office|business|company|practice|shop|store|site"
        r"|branch|restaurant|team))\b"
        r"|\b(findings|recommendations|confidentiality|product (choice|questions|advice)"
        r"|recommend\w* (\w+ ){0,2}products)\b"
        r"|\b(job|employee|staff|work) performance (problems|issues)\b"
        r"|\bdiscuss\w* (\w+ ){0,2}performance\b",
        "free text: management, training, sales, analysis, staff performance problems; a "
        "leading 'manage' only of staff, "
        "budgets, projects or the business (managing a calendar, inbox or bookings is clerical)",
        "exclude",
        "free",
    ),
    TextRule(
        "admin!head_role", "admin",
        r"\bserv(e|es|ed|ing) as (a |an |the )?(\w+ ){0,2}(heads?|chairs?|chairpersons?|deans?"
        r"|directors?)\b",
        "serving as a department head, chair or director: management, not clerical (even when "
        "called administrative duties)",
        "exclude",
    ),
    # rev7: conferring with colleagues about schedules or problems, and work done according
    # to a schedule, are not scheduling (O*NET rows only)
    TextRule(
        "admin!meetings", "admin",
        _HEAD + r"(confer|consult)\w*\b (\w+ )?with (\w+,? ){0,6}(managers?|management|personnel"
        r"|staff|staff members|supervisors?|contractors|agencies|engineers|teams?)\b[^.;]{0,40}"
        r"\bto (discuss|determine|resolve|plan)\b"
        r"|\baccording to\b[^.;]{0,80}\bschedules\b",
        "conferring with managers, staff or contractors to discuss, determine, resolve or plan "
        "(a meeting: the schedules or problems discussed are not the work), and work done "
        "according to schedules: not clerical",
        "exclude",
        "coded",
    ),
    TextRule(
        "admin!read_to_work", "admin",
        _CLAUSE + r"read\w*\b (\w+ ){0,3}(bills of lading|work orders|job orders|production orders"
        r"|rolling orders|delivery (orders|tickets|instructions)|manifests|route sheets)\b"
        + _W + r"\bto (determine|obtain|identify|learn|find)\b",
        "reading orders or bills of lading to learn one's own work: the document is a tool, "
        "not paperwork being processed",
        "exclude",
    ),
    TextRule(
        "admin!physical_supplies", "admin",
        r"\b(maintain|keep)\w* (a |an )?(adequate |sufficient )?(supply|supplies|stocks?) of\b",
        "keeping a physical supply or stock of materials: stock handling, not clerical",
        "exclude",
    ),
    TextRule(
        "admin!mail_rounds", "admin",
        r"\b(pick\w* up|collect\w*)\b (\w+ ){0,2}mail\b" + _W + r"\b(routes?|relay boxes"
        r"|collection boxes|mailboxes|post offices?)\b",
        "collecting mail from boxes or post offices on a route: physical mail handling, not "
        "clerical",
        "exclude",
    ),
    TextRule(
        "admin!projects", "admin",
        r"\bproject (activities|schedules|personnel|teams?|budgets?|plans?)\b",
        "outside clerical jobs: scheduling or planning a project's activities is managing the "
        "project, not clerical",
        "exclude_outside",
        "coded",
    ),
    TextRule(
        "admin!sales_cash", "admin",
        r"\b(sell\w*|solicit(s|ed|ing|ations?)?|sales pitch\w*|cash registers?|cash drawers?"
        r"|count\w* (cash|money)|make change|bets|wagers|(hold|keep|maintain|post|schedul)\w*"
        r" (\w+ ){0,2}office hours|explain\w*|advis\w* customers"
        r"|inform\w* customers (of|about))\b",
        "selling, advising customers, cash handling, office hours: not clerical",
        "exclude",
    ),
    TextRule(
        "admin!professional", "admin",
        r"\b(patients?|medical|clinical|vital signs|treatments?|diagnos\w*|specimens?"
        r"|laborator\w*|experiments?|research|scientific|test results|tests|readings"
        r"|inspections?|investigations?|evidence|maintenance (records|logs|schedules)"
        # rev6: no "repairs": repairs named in bills, time and parts records, orders for
        # parts or work orders are the subject of business paperwork, not technical content
        r"|engineering|technical|design|validation|compliance|weather|instrument readings"
        r"|operating data|equipment (problems|readings|performance)|progress|observations?"
        # rev6: no "cash": records of cash receipts are bookkeeping (cash handling at a till
        # stays out by admin!sales_cash; making bank deposits stays out here)
        r"|findings|case (files|records|notes)|soil|water|environmental|deposits|fees"
        r"|usage|portfolios?|artwork|regulatory|legal|prescriptions?|evaluations?"
        r"|assessments?)\b",
        "outside clerical jobs: professional or technical records, deposits and fees are not "
        "admin",
        "exclude_outside",
        "coded",
    ),
    TextRule(
        "admin!professional_free", "admin",
        r"\b(vital signs|treatments?|diagnos\w*|symptoms|specimens?|laborator\w*|lab results"
        r"|experiments?|scientific|test results|tests|(instrument|gauges?|sensors?|blood pressure"
        r"|temperature|pressure|dial|glucose|oxygen|ECG|test) readings|inspections?"
        r"|investigations?"
        r"|evidence|maintenance (records|logs|schedules)|repairs?|engineering (drawings|data"
        r"|calculations)|technical (drawings|specifications|reports)|design|validation|weather"
        r"|operating data|equipment (problems|readings|performance)|progress"
        r"|observations?|findings|case notes|clinical (notes|records|data|documentation|findings)"
        r"|medical (histor\w*|notes|records)|care plans?|soil|water|monitoring data|measurements"
        r"|cash|deposits"
        r"|fees|usage|portfolios?|artwork|prescriptions?|evaluations?|regulatory)\b"
        r"|(^|[^-\w])assessments?\b",
        "free text outside clerical jobs: the professional, technical or cash content of the "
        "records (a word naming only the setting, such as patient, medical, research or legal, "
        "does not make typing, booking or filing professional work)",
        "exclude_outside",
        "free",
    ),
    TextRule(
        "admin!stock_handling", "admin",
        r"\b(pick|pack|load|unload|stack|restock|shelv|mov|carry|carri|lift|wrap)"
        r"(s|e|es|ed|ing)?\b( (and|or) (pick|pack|load|unload|stack|wrap)\w*)?"
        r"( (up|out|in|off))? ((the|a|an|our|my|each|customer|online|inbound|outbound"
        r"|incoming|outgoing|web|aircraft|\w+'s) )?(orders|pallets?|parcels|packages|goods"
        r"|stock|boxes|cartons|cages|roll cages|trucks|lorries|vans|containers|baggage|bags"
        r"|luggage|shelves|totes|bag tags|deliveries|items)\b"
        r"|\bput(s|ting)? (\w+ ){0,2}away\b|\bput-?aways?\b"
        r"|\b(pickers?|forklifts?|fork-lift|reach trucks?|pick (path|list|face)s?"
        r"|shelf[- ](filling|stacking)|replenish\w*)\b"
        r"|\b(repair|replac|servic|fix|install|clean)\w*\b[^.;]{0,60}\b(photocopiers?|copiers"
        r"|printers|fax machines|scanners)\b",
        "free text: physical stock handling (picking, packing, loading goods) or servicing "
        "office machines, with a scanner or labels as its tool: not clerical",
        "exclude",
        "free",
    ),
    TextRule(
        "admin!hands_on", "admin",
        _HEAD + r"(weld|mow|cook|bak|plaster|plumb|dig|plant|harvest|milk|groom|paint|sew|massag"
        r"|repair|install|driv|drove|vaccinat|inject|prescrib|reposition|hang|hung|tile"
        r"|pour|scal(e|es|ed|ing) and polish|take bloods|took bloods|taking bloods)\w*\b",
        "free text: hands-on, clinical or trade work heads the task; a record of it in an app "
        "is incidental (the main activity decides)",
        "exclude",
        "free",
    ),
    TextRule(
        "admin!from_transcript", "admin",
        r"\b(summar|condens|edit|turn|repurpos|distil|cod)\w*\b" + _W + r"\btranscripts?\b"
        r"|\btranscripts? (into|editor)\b"
        r"|\b(descriptions?|show notes|chapters?|summar(y|ies)|key points|posts?|articles?|recaps?"
        r"|highlights|bug reports|quotes)\b" + _W + r"\bfrom (the |a |an |their |my |our |each )?"
        r"(\w+ ){0,3}transcripts?\b",
        "free text: summarising or drafting from a transcript (not transcribing)",
        "exclude",
        "free",
    ),
    TextRule(
        "admin!code_work", "admin",
        r"\b(writ|wrote|build|buil|develop|creat|maintain|fix|debug|refactor|test)\w*\b (\w+ ){0,3}(SQL"
        r"|queries|scripts?|code|macros?|dashboards?|pipelines?|DAGs?|applications?|apps?|APIs?"
        r"|functions?)\b|\b(resolv|fix|clos)\w*\b[^.;]{0,30}\btickets?\b|\bpassword resets?\b",
        "free text: writing queries, scripts or applications, resolving IT tickets: routine "
        "coding, not clerical",
        "exclude",
        "free",
    ),
    TextRule(
        "admin!professional_letters", "admin",
        r"\b(quote|quotation|estimate|suitability|advice|audit|tender|opinion|expert|referee)"
        r"( \w+)? (letters?|memos?|reports?)\b"
        r"|\b(legal|research|policy|briefing|investment|credit)( \w+)? memos?\b",
        "free text: letters and memos of professional content (quotes, advice, audit, "
        "planning): not routine correspondence",
        "exclude",
        "free",
    ),
    # --- routine coding ----------------------------------------------------------
    TextRule(
        "routine_coding:code", "routine_coding",
        r"\b(write|writes|writing|code|coding|program|develop\w*|modif\w*|debug\w*|rewrit\w*"
        r"|revis\w*|correct\w*|maintain\w*|implement\w*|convert\w*|customiz\w*|updat\w*"
        r"|test\w*|creat\w*|build\w*)\b" + _W
        + r"\b(software|computer programs?|source code|code|stored procedures|macros|queries"
        r"|(test|shell|automation|SQL|computer) scripts|scripts to automate"
        r"|(software|computer|web|mobile|business|database) applications?"
        r"|software tools|web ?sites?|web pages?|HTML|APIs?)\b"
        r"|\b(write|writes|writing|code|coding|debug\w*|rewrit\w*|modif\w*|test\w*|trial runs of)"
        r"\b" + _W + r"\bprograms\b|\bcoded in a computer language\b",
        "writing, modifying, testing or maintaining code, software, websites",
    ),
    TextRule(
        "routine_coding:languages", "routine_coding",
        r"\b(computer programming|programming code|(computer|programming) languages|debugging|source code|SQL|HTML|JavaScript"
        r"|Python|unit tests?|test cases|test scripts|regression tests?|software (testing|tests"
        r"|bugs?|defects?|errors?|patches|updates|upgrades)|bug reports?|stored procedures"
        r"|help ?desk|IT support|desktop support|user accounts?|access rights|virus protection"
        r"|anti-?virus|malware|network (outages?|traffic|performance)|passwords?|user access"
        r"|(penetration|infiltration) tests?|vulnerability (scans?|tests?))\b",
        "programming and IT support vocabulary",
    ),
    TextRule(
        "routine_coding:it_support", "routine_coding",
        r"\b(troubleshoot|resolv|diagnos|fix|repair|debug)\w*\b[^.;]{0,70}"
        + r"\b(computers?|software|networks?|servers?|systems? (problems?|malfunctions?|errors?)"
        r"|program (malfunctions?|errors?|problems?)|applications?|e-?mail|workstations?)\b"
        r"|\b(install|configur|set up|upgrad|patch|back up|backup|reimag)\w*\b" + _W
        # rev5: bare "hardware" (locks, hinges, fittings) is not computer hardware
        + r"\b(software|operating systems?|computers?|computer (hardware|systems?|equipment)"
        r"|servers?|workstations?|(computer )?networks?|e-?mail|virus\w*|firewalls?"
        r"|user accounts?|passwords?|files)\b",
        "IT support: installing, configuring, troubleshooting computers and networks",
    ),
    TextRule(
        "routine_coding:ctx", "routine_coding",
        r"\b(maintain|updat|modif|expand|monitor|test|troubleshoot|correct|support|assist"
        r"|administer|perform|back)\w*\b" + _W
        + r"\b(databases?|systems?|networks?|web ?sites?|programs?|applications?|servers?"
        r"|users?|problems|intrusions?|logging|hardware|maintenance operations|help desk"
        r"|infrastructure)\b|\bimplement\w*\b" + _W + r"\blogging\b|\bprogramming\b"
        r"|\b(network|user|technical|help desk|desktop) support\b",
        "in computer jobs: maintaining, monitoring and supporting systems and users",
        "context",
    ),
    # rev7: software test plans, procedures and scripts (testing software: writing test
    # cases and test scripts, documenting tests)
    TextRule(
        "routine_coding:tests_ctx", "routine_coding",
        r"\b(develop|design|creat|writ|document|review|updat|maintain|execut|run|conduct|perform"
        r"|build|prepar|revis)\w*\b (\w+,? ){0,2}(test (plans?|procedures|routines|scenarios"
        r"|scripts|cases|files|suites)|testing (routines|procedures|programs|tools|scripts)"
        r"|plans (\w+ ){0,2}for (\w+ ){0,3}testing)\b",
        "in computer jobs: writing, documenting or reviewing software test plans, procedures, "
        "scripts and tools",
        "context",
    ),
    TextRule(
        "routine_coding:tools_ctx", "routine_coding",
        r"\b(writ|fix|debug|refactor|port|convert|upgrad|migrat|configur|install|set\w* up|reset"
        r"|resolv|troubleshoot|automat|review|reproduc|deploy|generat|build|edit|creat|answer"
        r"|patch|updat|map|provision|unlock|grant|revok|watch|check|restart|rerun|swap|replac"
        r"|bump|add|turn\w* on|enabl|disabl|licens|triag|lint|monitor|reimag|implement"
        r"|ship)\w*\b" + _W
        + r"\b(code|codebases?|scripts?|functions?|modules?|endpoints?|APIs?|queries|migrations?"
        r"|workflows?|configurations?|builds?|tests?|test suites?|bugs?|pull requests?"
        r"|dependencies|packages|plugins?|accounts?|passwords?|permissions?|VPN|drivers?"
        r"|laptops?|devices?|tickets?|errors?|regular expressions?|regex\w*|network drives?"
        r"|authentication|two-factor|repositor\w*|links|themes?|macros?|services|jobs|logs"
        r"|dashboards|VLANs?|switches|cards?|servers?|apps?|caches?|leaks?|crashes|logging"
        r"|pipelines?|Wi-?Fi|MFA|Macs|problems|troubles?|issues|questions|channels?"
        r"|features|backends?|sites|templates|PCs|keyboards?|docks?|applications?|software"
        r"|resources|access)\b",
        "in computer work: today's coding and IT support (scripts, pull requests, tickets, "
        "accounts)",
        "free",
    ),
    TextRule(
        "routine_coding!design", "routine_coding",
        _HEAD + r"(architect|recommend|evaluat|assess|specif|direct|supervis|hire"
        r"|oversee|manag\w* (\w+ ){0,2}(projects?|staff|teams?|personnel|workers|budgets?)"
        # rev7: no "consult", "confer", "communicate", "collaborate": routine_coding!confer
        r"|coordinat|train|teach|instruct|research|analy[sz]"
        r"|select|determine|propos|negotiat|demonstrat|establish"
        r"|design(s|ed|ing)? (\w+ ){0,2}(architectur\w*|systems?|computers?|software|networks?"
        r"|databases?|solutions|hardware|applications?|games?|interfaces?|technolog\w*"
        r"|security solutions|data (models|structures))"
        r"|purchas|order|provide (training|consultation)|prepare (\w+ ){0,2}"
        r"(requisitions|budgets|reports|proposals)|(develop|create|write|revise|prepare)"
        r"\w*,? (\w+,? ){0,3}(strateg|plans?|models?|standards|polic|specifications"
        r"|methods|requirements|architectur|manuals?|instructions|documentation|training"
        r"|processes|methodolog"
        r"|materials|guidelines|best practices))\w*\b"
        # rev5: "stored procedures" are code (In), other procedures are writing procedures
        r"|" + _HEAD + r"(develop|create|write|revise|prepare)\w*,? ((\w+,? ){0,2}(\w{1,5}|\w*([^d\W]"
        r"|[^e\W]d|[^r\W]ed|[^o\W]red|[^t\W]ored|[^s\W]tored)),? )?procedures\b"
        r"|\b(architectures?|architectural|data models?|strategies|road ?maps?|recommendations|models and"
        r" simulations|user (instructions|manuals|guides)|evaluat\w*|usability|effectiveness"
        # rev7: system design is architecture
        r"|usage analys\w*|design reviews?|systems? design)\b"
        r"|\busing (\w+ ){0,3}(software|program software)\b",
        "design, architecture, strategy, recommendations, manuals, management: not routine",
        "exclude",
    ),
    # rev7: conferring with users heads the task: in computer jobs it is user support when
    # it is about their problems, accounts or configuration ("Confer with network users about
    # solutions to existing system problems"), not when it is about needs, requirements,
    # designs, methods or projects; outside computer jobs it vetoes as before
    TextRule(
        "routine_coding!confer", "routine_coding",
        _HEAD + r"(consult|confer|communicat|collaborat)\w*\b",
        "conferring, consulting, communicating or collaborating heads the task (outside "
        "computer jobs: not routine coding)",
        "exclude_outside",
    ),
    TextRule(
        "routine_coding!confer_about", "routine_coding",
        _HEAD + r"(consult|confer|communicat|collaborat)\w*\b[^.;]*\b(needs|requirements"
        r"|designs?|strateg\w*|methods|projects?|proposals|status|principles|usability|purchases"
        r"|pricing|priorit\w*|style|goals|polic(y|ies)|specifications|plans|capabilities"
        r"|limitations|intent|criteria|features)\b",
        "conferring or collaborating about needs, requirements, designs, methods, projects or "
        "policies: analysis and design, not routine coding",
        "exclude",
    ),
    # rev4: management, security analysis, keeping current, specifications
    TextRule(
        "routine_coding!not_code", "routine_coding",
        _HEAD + r"assign\w*\b|\b(work|activities) of (\w+ ){0,2}(personnel|staff|programmers"
        r"|employees|workers)\b"
        r"|\b(forensics|security analys[ie]s|malware analysis|root cause analysis)\b"
        r"|\b(identif|devis|formulat|find)\w*( (or|and) \w+)? (\w+ ){0,2}solutions\b"
        r"|\b(continuing education|professional (conferences|development|organizations|groups"
        r"|publications|journals)|industry (web ?sites|publications|literature|trends|journals"
        r"|news)|maintain\w* (an )?understanding|keep\w* (abreast|current|up to date|informed))\b"
        r"|\bdescriptions of (\w+ ){0,3}specifications\b"
        # rev7: applying knowledge or a science heads the task (research and analysis); game
        # play is game design
        r"|" + _HEAD + r"(apply|applies|use|uses|utiliz\w*) (\w+ ){0,3}(knowledge|expertise|science"
        r"|theory|theories)\b|\bgameplay\b",
        "assigning and reviewing staff work, security analysis or forensics, devising "
        "solutions, keeping current with the field, describing specifications, applying "
        "knowledge, gameplay: not routine coding",
        "exclude",
    ),
    TextRule(
        "routine_coding!plan_programs", "routine_coding",
        r"\b(education|educational|treatment|training|exercise|fitness|therapy|rehabilitation"
        r"|instructional|study|activity|recreation|recreational|wellness|nutrition|safety"
        r"|conditioning|dietary|care|lesson|intervention|behavior|behaviour|outreach) programs?\b"
        r"|\bIEPs?\b"
        # rev5: testing, development or drilling programmes (plans of work); cutting programs (CNC)
        r"|\b((and|or) testing|development|drilling|modification|cutting|machining|flight test)"
        r" programs\b",
        "programs that are plans of education, treatment, training or activities, not code",
        "exclude",
    ),
    # rev5: writing or posting content for web sites is content work, not code
    TextRule(
        "routine_coding!web_content", "routine_coding",
        r"\b(reports|articles|stories|posts|press releases|copy|news|content) (for|on|to) (\w+ ){0,2}"
        r"(web ?sites?|web pages?|intranets?|social media)\b"
        r"|\b(post|upload|publish)\w*\b[^.;]{0,20}\bcontent\b",
        "writing, posting or updating content for web sites or social media: content work, "
        "not code",
        "exclude",
    ),
    TextRule(
        "routine_coding!tool", "routine_coding",
        r"\b(using|use|with|in)\s+(\w+\s+){0,3}(software|computers?|programs?|applications?"
        r"|databases?)\b|\b(robots?|CNC|PLCs?|machine tools?|teach pendant|lighting consoles?"
        r"|controllers?)\b",
        "outside computer jobs: software as a tool, programming machines",
        "exclude_outside",
    ),
    # --- entry-level creative (creative occupations only) ---------------------------
    TextRule(
        "entry_creative:drafting", "entry_creative",
        r"\b(write|writ\w*|draft\w*|compos\w*|edit\w*|proofread\w*|rewrit\w*|revis\w*)\b" + _W
        + r"\b(copy|articles?|stories|scripts?|captions?|press releases?|content|blogs?|posts"
        r"|advertis\w+|brochures?|newsletters?|speeches|headlines?|lyrics|outlines?"
        r"|storyboards?|text|material|dialogue|videotapes?|video|footage|films?|audio|sound"
        r"|recordings?|soundtracks?|music|photographs?|images?|pictures|tapes|descriptions)\b"
        r"|\b(synchroniz|splic|retouch)\w*\b|\bpost-?production\b",
        "in creative jobs: drafting or editing written, audio or visual content",
        "context",
    ),
    TextRule(
        "entry_creative:design", "entry_creative",
        r"\b(design|sketch|draw|illustrat|lay out|creat|prepar|develop|devis|render|plan|produc"
        r"|choos|select|generat|make|mak)\w*\b" + _W
        + r"\b(sketch\w*|graphics?|logos?|layouts?|illustrations?|artwork|art|posters?|flyers?"
        r"|brochures?|signs|signage|displays?|mock-?ups?|storyboards?|concepts?|ideas|themes"
        r"|designs?|drawings?|patterns|prototypes|models|images?|visual aids|charts|costumes"
        r"|sets|clothing|garments|accessories|dances?|choreography|routines|music|sound effects"
        r"|colors|props|decorations|advertis\w+|pages|page layouts|typefaces|type|fonts)\b"
        r"|\b(choreograph\w*|retouch\w*)\b"
        r"|\b(enhance|manipulat)\w*\b" + _W + r"\b(images?|photographs?)\b",
        "in creative jobs: basic design: sketches, layouts, graphics, concepts, displays",
        "context",
    ),
    TextRule(
        "entry_creative:research", "entry_creative",
        r"\b(research\w*|stud(y|ies|ied)|seek\w*|gather\w*|collect\w*|compil\w*|look\w* up"
        r"|search\w*|review\w*|visit\w*|investigat\w*)\b" + _W
        + r"\b(background|reference (materials?|information)|trends?|ideas|inspiration|sources"
        r"|facts|influences|styles|pictures|books|period|history|fabrics|locations"
        r"|photographs|examples|references|story ?lines|scripts|scores)\b|\bfor reference\b",
        "in creative jobs: preliminary research for a creative or media work",
        "context",
    ),
    TextRule(
        "entry_creative:media_ctx", "entry_creative",
        r"\b(draft|writ|outlin|brainstorm|rewrit|adapt|edit|trim|caption|subtitl|summar"
        r"|generat|produc|creat|design|research|gather|find|pick|select|script|repurpos|resiz"
        r"|retouch|mock\w* up|sketch|storyboard|pull|illustrat|assembl|compil|dig\w* up"
        r"|knock\w* out|come\w* up with|put\w* together|mak|proofread|copy-edit)\w*\b" + _W
        + r"\b(posts?|captions?|hashtags|headlines?|subtitles?|subtitle files|thumbnails?"
        r"|show notes|blurbs?|taglines?|slogans?|scripts?|outlines?|storyboards?|rough (cuts?"
        r"|edits?)|footage|clips?|episodes?|banners?|ads?|graphics?|mock-?ups?|illustrations?"
        r"|images?|photos?|mood ?boards?|ideas|alt text|meta (titles|descriptions)"
        r"|descriptions?|questions|newsletters?|articles?|blogs?|copy|press releases?|sounds"
        r"|trends?|briefs?|themes|profiles?|variations|drafts?|layouts?|options|audio|reels?"
        r"|icons?|pages?|FAQs?|background|facts|timelines?|videos?|versions|concepts|labels"
        r"|headshots|title cards|appeals?|stories|brochures?|leaflets?|prospectus\w*"
        r"|case studies|pitches|media alerts|subject lines|notification copy|push notifications?"
        r"|synopses|summaries|wireframes?|infographics?|flyers?|cuts?|edits?)\b",
        "in media work: drafting posts, captions, scripts and briefs, basic graphics, research",
        "free",
    ),
    TextRule(
        "entry_creative!not_drafting", "entry_creative",
        _HEAD + r"(perform|rehears|audition|sing|play|dance|act|operat|install|repair|maintain"
        r"|clean|purchas|buy|sell|negotiat|supervis|direct|coordinat|confer|consult"
        r"|collaborat|meet|discuss|teach|train|instruct|attend|load|unload|set up|adjust|test"
        r"|inspect|monitor|control|assemble|transport|send|license|promot|hold|provid|arrang"
        r"|schedul|order|follow|cut|sew|obtain|work with|conduct)\w*\b"
        r"|" + _HEAD + r"read\w* (\w+ ){0,3}(blueprints|sketches|drawings|plans|specifications|work orders)"
        r"|\b(manuals?|workbooks?|equipment layouts?|layouts? of (audio|video|lighting)"
        r"|contracts?|live (performances?|events|broadcasts?|shows?)|scanners?|scanning"
        r"|photofinishing)\b"
        r"|\b(and|or) (play|perform|sing)\w*\b",
        "performing, operating, installing, managing, reading drawings: not drafting or design",
        "exclude",
    ),
)

_ID_RE = re.compile(r"^[0-9]+(\.[A-Za-z0-9]+)*\Z")
_SCOPES = ("any", "context")


def _data_file(*parts: str):
    return importlib.resources.files("exposure").joinpath("data", *parts)


def load_category_mapping(version: str = CATEGORY_MAPPING_VERSION) -> pd.DataFrame:
    """Read the shipped work-activity -> category mapping.

    Parameters
    ----------
    version : str, default :data:`CATEGORY_MAPPING_VERSION`
        Mapping version; the file is ``exposure/data/categories/mapping-<version>.csv``.
        ``v1`` (no ``scope`` column) is read with scope ``any``.

    Returns
    -------
    pandas.DataFrame
        Columns ``level`` (``"dwa"`` or ``"iwa"``), ``id``, ``category`` (one of
        :data:`CATEGORIES` or ``"none"``), ``scope`` (``"any"``: counts in every
        occupation; ``"context"``: only in the category's occupation context) and ``note``.

    Raises
    ------
    exposure.errors.DataFormatError
        When the version does not exist or a row is malformed (naming file and row).

    Examples
    --------
    >>> mapping = load_category_mapping()
    >>> sorted(mapping["category"].unique())
    ['admin', 'entry_creative', 'none', 'routine_coding']
    >>> sorted(mapping["scope"].unique())
    ['any', 'context']
    """
    resource = _data_file("categories", f"mapping-{version}.csv")
    if not resource.is_file():
        raise DataFormatError(f"no category mapping version {version!r}", path=str(resource))
    with resource.open("r", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected = ["level", "id", "category", "scope", "note"]
    allowed = set(CATEGORIES) | {"none"}
    seen = set()
    for line, row in enumerate(rows, start=2):
        if "scope" not in row and list(row) == ["level", "id", "category", "note"]:
            row["scope"] = "any"  # v1 files
        if sorted(row) != sorted(expected):
            raise DataFormatError(f"expected columns {expected}", path=str(resource), row=line)
        if row["level"] not in ("dwa", "iwa"):
            raise DataFormatError(
                f"level must be 'dwa' or 'iwa', got {row['level']!r}",
                path=str(resource), row=line, column="level",
            )
        if not _ID_RE.match(row["id"] or ""):
            raise DataFormatError(
                f"bad work-activity id {row['id']!r}", path=str(resource), row=line, column="id"
            )
        if row["category"] not in allowed:
            raise DataFormatError(
                f"unknown category {row['category']!r}",
                path=str(resource), row=line, column="category",
            )
        if row["scope"] not in _SCOPES:
            raise DataFormatError(
                f"scope must be 'any' or 'context', got {row['scope']!r}",
                path=str(resource), row=line, column="scope",
            )
        key = (row["level"], row["id"], row["category"])
        if key in seen:
            raise DataFormatError(f"duplicate entry {key}", path=str(resource), row=line)
        seen.add(key)
    return pd.DataFrame([[r[c] for c in expected] for r in rows], columns=expected).astype(str)


# the fast path matches the rules that count in every occupation against every text, and
# the context rules and the vetoes only against the texts of rows where they can change a
# flag: rows in a context, or with a positive rule or a mapping entry of scope "any"
_CORE_KINDS = ("strong", "any", "free_work")  # matched against every text


def _fast_idx(core: bool, rows: str) -> list[int]:
    """Rules of the fast path's core (or context) pass for rows of one kind.

    ``"coded"`` rows skip the free-text rules, ``"free"`` rows the rules of coded rows;
    ``"mixed"`` input matches them all.
    """
    out = []
    for j, r in enumerate(TEXT_RULES):
        if (r.kind in _CORE_KINDS) != core:
            continue
        if rows == "coded" and (r.rows == "free" or r.kind in ("free", "free_work")):
            continue
        if rows == "free" and r.rows == "coded":
            continue
        out.append(j)
    return out


_FAST_IDX = {(core, rows): _fast_idx(core, rows) for core in (True, False)
             for rows in ("mixed", "coded", "free")}
_FAST_NAMES = {(core, rows): f"_{'CORE' if core else 'CTX'}{'' if rows == 'mixed' else '_' + rows.upper()}"
               "_RULESET" for core, rows in _FAST_IDX}
_CORE_IDX = _FAST_IDX[(True, "mixed")]
_CTX_IDX = _FAST_IDX[(False, "mixed")]
_N_CORE = len(_CORE_IDX)


#: The gates of the fast path's alternatives that RE2's filter would run on every text
#: (:class:`~exposure.scoring._rules.RuleSet`): no word of three characters is in each of
#: their matches. Each gate is found in every text its alternative matches (``\bCI\b``
#: itself; ``C#``, which every match of the ``C#`` words begins with). Run on every text,
#: the two (with the computer words, ``CI`` among them) took some 0.3 s of the 1.6 s of the
#: core rules on 200,000 free texts; their gates take 0.08 s.
_FAST_GATES = {
    r"\bCI\b": r"\bCI\b",
    r"\bC#(\s*$|[^\w\s#]|\s+([^\sm]|m[^ai]|ma[^j]|mi[^n]))": "C#",
}


def _split_ruleset(patterns: list[str], use_re2: bool) -> tuple[RuleSet, np.ndarray]:
    """A rule set of the patterns' alternatives, and where each pattern's alternatives start."""
    parts = [alternatives(p) for p in patterns]
    starts = np.cumsum([0, *map(len, parts)])[:-1]
    return RuleSet([q for ps in parts for q in ps], use_re2=use_re2, gates=_FAST_GATES), starts


def _fast_hits(name: str, found: list) -> np.ndarray:
    """Hit matrix (texts, patterns) of the fast-path rule set ``name`` from its ``found``."""
    starts = _FAST_STARTS[name]
    hits = np.zeros((len(found), len(starts)), dtype=bool)
    texts, parts = found_pairs(found)
    # a pattern fires when one of its alternatives does (the OR of its columns of alternatives)
    hits[texts, np.searchsorted(starts, parts, side="right") - 1] = True
    return hits


def _rulesets(use_re2: bool = True) -> dict[str, RuleSet]:
    """The module's rule sets by name (tests build them with ``use_re2=False`` too).

    Examples
    --------
    >>> sets = _rulesets()
    >>> len(_FAST_STARTS["_CORE_RULESET"]) == _N_CORE + len(CONTEXT_TEXT)
    True
    >>> len(sets["_CORE_RULESET"].patterns) > len(_FAST_STARTS["_CORE_RULESET"])  # alternatives
    True
    """
    def rules(idx):
        return RuleSet((TEXT_RULES[j].pattern for j in idx), use_re2=use_re2)

    words = list(CONTEXT_TEXT.values())
    sets = {"_TEXT_RULESET": rules(range(len(TEXT_RULES))),
            "_CONTEXT_TEXT_RULESET": RuleSet(words, use_re2=use_re2)}
    for (core, _), name in _FAST_NAMES.items():
        idx = _FAST_IDX[(core, _)]
        # the words of CONTEXT_TEXT ride along with the core rules (one pass over every text);
        # the fast path matches each rule's alternatives (_rules.alternatives) as patterns
        sets[name] = _split_ruleset([*(TEXT_RULES[j].pattern for j in idx),
                                     *(words if core else [])], use_re2)[0]
    return sets


_RULESETS = _rulesets()
_FAST_STARTS = {name: _split_ruleset([*(TEXT_RULES[j].pattern for j in _FAST_IDX[key]),
                                      *(CONTEXT_TEXT.values() if key[0] else [])], True)[1]
                for key, name in _FAST_NAMES.items()}
_TEXT_RULESET = _RULESETS["_TEXT_RULESET"]
_CORE_RULESET = _RULESETS["_CORE_RULESET"]
_CTX_RULESET = _RULESETS["_CTX_RULESET"]
_CORE_CODED_RULESET = _RULESETS["_CORE_CODED_RULESET"]
_CTX_CODED_RULESET = _RULESETS["_CTX_CODED_RULESET"]
_CORE_FREE_RULESET = _RULESETS["_CORE_FREE_RULESET"]
_CTX_FREE_RULESET = _RULESETS["_CTX_FREE_RULESET"]
_CONTEXT_TEXT_RULESET = _RULESETS["_CONTEXT_TEXT_RULESET"]
_CONTEXT_TITLE_RE = {ctx: re.compile(p, re.IGNORECASE) for ctx, p in CONTEXT_TITLE.items()}
_ENTRY_LEVEL_RE = re.compile(ENTRY_LEVEL_TITLE, re.IGNORECASE)
_STOP = frozenset("and or of the a an in for to with except all other including".split())


def _one_spaced(texts: list) -> list:
    """``texts`` as the text rules read them (the same list when none changes).

    As the rubric reads them (:func:`exposure.scoring._rules.rule_texts`): each run of
    white space as one space, an en dash, figure dash or minus sign inside a word as
    ``-``, the typographic apostrophe ``\u2019`` as ``'``; spaces at the ends dropped. The
    rules are written with single spaces, hyphens and ``'`` (``data entry``, ``client
    databases``, ``e-?mail``, ``you'll``): two spaces, a tab or a line break (a cell pasted
    from a document, Alt+Enter in a spreadsheet) between the words, ``e\u2013mail`` as a
    word processor writes it, or ``You\u2019ll email customers.``, lost the tag
    (``Develop  Web sites.`` was not ``routine_coding``, nor that text ``admin``).

    Examples
    --------
    >>> _one_spaced(["Develop  Web\\tsites.", " Lay\\r\\nbricks. ", "Set up e\\u2013mail."])
    ['Develop Web sites.', 'Lay bricks.', 'Set up e-mail.']
    >>> texts = ["Weld pipes."]
    >>> _one_spaced(texts) is texts
    True
    """
    if plain_texts(texts, ends=True):  # rule_texts and strip change none (one look at all texts)
        return texts
    read = [t.strip(" ") for t in rule_texts(texts)]
    return texts if read == texts else read


#: An ASCII line (of texts joined by line feeds, from the line feed before it) that
#: :func:`~exposure.scoring._rules.strip_list_marker` may change: one that does not begin
#: with a letter, holds ``.`` or ``)`` among its 2nd to 5th characters, or begins with
#: Word's second-level bullet (``o``, a space or tab, a capital). An empty line is none (and
#: a match never takes the line feed of the next line: each line is looked at).
_MAYBE_MARKED = re.compile(r"\n(?:[^A-Za-z\n]|[^\n][^\n]{0,3}[.)]|o[ \t][A-Z])")


def _unlisted(texts: list) -> list:
    """``texts`` without a list marker before their first word (the same list when none has one).

    As the rubric reads a task's verb (:func:`exposure.scoring._rules.strip_list_marker`):
    a duty copied from a numbered or lettered list (``1. File records.``, ``a) Supervise
    staff.``, ``(iv) Weld pipes.``) lost the tags of the rules that look for the verb
    heading the task (``^\\W*``): ``1`` or ``a`` was read as its first word. Bullets
    (``-``, ``•``) were skipped already; O*NET's statements have no marker.

    Examples
    --------
    >>> _unlisted(["1. File records.", "b) Supervise staff.", "- Weld pipes."])
    ['File records.', 'Supervise staff.', '- Weld pipes.']
    >>> texts = ["Weld pipes."]
    >>> _unlisted(texts) is texts
    True
    """
    lines = "\n".join(texts)
    if lines.isascii() and lines.count("\n") == len(texts) - 1:  # no text holds a line feed
        # strip_list_marker returns a text as it is when it begins with a letter, holds no "."
        # nor ")" among its 2nd to 5th characters and is not Word's "o" bullet: one search of
        # all texts joined (line by line) finds the others, which are read one by one
        starts = [m.start() for m in _MAYBE_MARKED.finditer("\n" + lines)]
        if not starts:
            return texts
        line_ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
        read = list(texts)
        for i in np.unique(np.searchsorted(line_ends, starts, side="right")).tolist():
            read[i] = strip_list_marker(texts[i])
    else:
        read = [strip_list_marker(t) for t in texts]
    return texts if read == texts else read


def _unmarked_texts(texts: list, *, column: str | None = None, check: bool = True) -> list:
    """:func:`~exposure.scoring._features.unmarked` of each text (the same list when none changes).

    With ``check``, a text that holds a letter or digit only inside its references
    (``&nbsp;``, a cell of an empty bullet) is refused, as an empty text is, naming its
    row and ``column`` (it was read as a task and tagged with nothing).

    Examples
    --------
    >>> texts = ["Weld pipes."]
    >>> _unmarked_texts(texts) is texts
    True
    >>> _unmarked_texts(["File&nbsp;records."])
    ['File records.']
    """
    joined = "".join(texts)  # one look at all texts
    if "&" not in joined and "_" not in joined:
        return texts
    read = [unmarked(t) if "&" in t or "_" in t else t for t in texts]
    for pos, (was, now) in enumerate(zip(texts, read, strict=True)):
        if check and now is not was and not any(c.isalnum() for c in now):
            raise DataFormatError(f"task text holds no letter or digit once its HTML character "
                                  f"references are read, got {was!r}: give the task statement "
                                  "(drop such rows)", row=pos + 1, column=column)
    return read


def _read_title(title):
    """An occupation title as the texts are read: normalised and one-spaced; None when blank.

    A title was read as given while the texts were normalised: ``Data\\u00a0Entry Keyer``
    (a non-breaking space), full-width letters, ``Entry\\u2011level`` or two spaces
    between the words lost the title's context or entry level.

    Examples
    --------
    >>> _read_title("Data\\u00a0Entry  Keyer"), _read_title("  "), _read_title(None)
    ('Data Entry Keyer', None, None)
    """
    if not isinstance(title, str):
        return None
    return _read_titles([title])[0]


def _read_titles(titles: list) -> list:
    """:func:`_read_title` of each of ``titles`` (all text), in one look at them all.

    The distinct titles of a frame (900 of O*NET's) were read one by one, each its own
    look (:func:`~exposure.scoring._rules.plain_texts`): 20 ms of a release's 18,796 tasks.

    Examples
    --------
    >>> _read_titles(["Data\\u00a0Entry  Keyer", " ", "Welders"])
    ['Data Entry Keyer', None, 'Welders']
    """
    return [t or None for t in _one_spaced(normalise_texts(titles))]


def _title_tokens(title: str) -> list[str]:
    """Lower-case word stems of a title (plural ``s`` dropped, stop words removed)."""
    out = []
    for tok in re.findall(r"[a-z]+", title.lower()):
        if tok in _STOP:
            continue
        if len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss"):
            tok = tok[:-1]
        out.append(tok)
    return out


def nearest_occupations(titles, occupations: pd.DataFrame, *, min_score: float = 0.5) -> list:
    """O*NET-SOC code of the occupation whose title is nearest to each free-text title.

    Titles are compared as sets of word stems weighted by inverse document frequency over
    the O*NET titles (cosine similarity); the best match is kept when its similarity is at
    least ``min_score``. Of equally near occupations, the lowest code is kept (whatever
    the row order of ``occupations``).

    Parameters
    ----------
    titles : sequence of str or None
        Occupation titles of the free-text tasks.
    occupations : pandas.DataFrame
        ``onetsoc_code`` and ``title`` (e.g. ``load_onet(...).occupations``).
    min_score : float, default 0.5
        Lowest cosine similarity accepted, a real number in [0, 1] (a NumPy number too).

    Returns
    -------
    list of str or None
        One code per title (None: no title or no match good enough).

    Raises
    ------
    exposure.errors.DataFormatError
        ``titles`` is one str or not a sequence (None, a number, a dict, a DataFrame), or
        holds a title that is neither text nor missing (bytes, a number: it was read as no
        title); ``occupations`` lacks its columns, has one twice, or has an occupation
        without a code or with one that is not text (its code was returned as ``'None'``
        or ``'nan'``), or holds no occupation (every title matched none); ``min_score`` is
        not in [0, 1]. A missing column's message names a column of another case or
        spelling (``Title``) or the index that holds it.

    Examples
    --------
    >>> occ = pd.DataFrame({"onetsoc_code": ["43-4171.00", "15-1252.00"],
    ...                     "title": ["Receptionists and Information Clerks", "Software Developers"]})
    >>> nearest_occupations(["Receptionist", "senior software developer", "Welder", None], occ)
    ['43-4171.00', '15-1252.00', None, None]
    >>> nearest_occupations("Software developer", occ)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: titles must be a sequence of titles, not one str (it was read letter by letter): pass ['Software developer']
    """
    if isinstance(titles, (str, bytes)):
        raise DataFormatError(f"titles must be a sequence of titles, not one str (it was read "
                              f"letter by letter): pass [{titles!r}]")
    if isinstance(titles, (dict, pd.DataFrame)) or not hasattr(titles, "__iter__"):  # None: "not iterable"
        raise DataFormatError(f"titles must be a sequence of titles (str or None), got {shown(titles)}")
    if not isinstance(occupations, pd.DataFrame) or not {"onetsoc_code", "title"} <= set(occupations.columns):
        raise DataFormatError("occupations must be a frame with columns 'onetsoc_code' and 'title' "
                              f"(e.g. load_onet(...).occupations){_occupations_hint(occupations)}")
    _check_occupations(occupations)
    titles = list(titles)
    # bytes or a number was read as no title (None), without a word
    odd = next((pos for pos, t in enumerate(titles) if not isinstance(t, str) and not _is_missing(t)), None)
    if odd is not None:
        raise DataFormatError(f"titles must be occupation titles (str) or missing, got {shown(titles[odd])} "
                              f"at position {odd}")
    # any real number (np.float32(0.6) was refused as not "a number in [0, 1]"); True and NaN fail;
    # a Decimal or a Fraction is the number it is (Decimal('0.5') was refused)
    given, min_score = min_score, as_real(min_score)
    if not (is_number(min_score) and 0 <= min_score <= 1):
        raise DataFormatError(f"min_score must be a number in [0, 1], got {given!r}")
    codes = [str(c) for c in occupations["onetsoc_code"].tolist()]
    docs = [set(_title_tokens(str(t))) for t in occupations["title"].tolist()]
    df: dict[str, int] = {}
    for doc in docs:
        for tok in doc:
            df[tok] = df.get(tok, 0) + 1
    n = len(docs)
    idf = {tok: math.log((1 + n) / (1 + k)) + 1.0 for tok, k in df.items()}
    norms = [math.sqrt(sum(idf[t] ** 2 for t in doc)) or 1.0 for doc in docs]
    postings: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        for tok in doc:
            postings.setdefault(tok, []).append(i)
    cache: dict[str, str | None] = {}
    out: list[str | None] = []
    for title in titles:
        if not isinstance(title, str) or not title.strip():
            out.append(None)
            continue
        if title not in cache:
            query = set(_title_tokens(title))
            q_norm = math.sqrt(sum(idf.get(t, math.log(1 + n) + 1.0) ** 2 for t in query)) or 1.0
            scores: dict[int, float] = {}
            for tok in query:
                for i in postings.get(tok, ()):
                    scores[i] = scores.get(i, 0.0) + idf[tok] ** 2
            best, best_score = None, 0.0
            # ties go to the lowest code (not to the first row of ``occupations``: the
            # same release with its table in another order matched another occupation)
            for i in sorted(scores, key=lambda i: (codes[i], i)):
                s = scores[i] / (norms[i] * q_norm)
                if s > best_score + 1e-12:
                    best, best_score = i, s
            cache[title] = codes[best] if best is not None and best_score >= min_score else None
        out.append(cache[title])
    return out


def _occupations_hint(occupations) -> str:
    """What an ``occupations`` frame lacking a column of :func:`nearest_occupations` has instead.

    A column in another case or spelling (``Title``, ``O*NET-SOC Code``: rename it) or a
    column that is the index (:func:`~exposure._tables.index_hint`); ``""`` for what is
    not a frame, or a frame with neither. Before, the message said only which columns it
    must have, of a frame that showed ``Title``.

    Examples
    --------
    >>> _occupations_hint(pd.DataFrame({"O*NET-SOC Code": ["11-1011.00"], "Title": ["Chief Executives"]}))
    "; it has 'O*NET-SOC Code' for 'onetsoc_code' and 'Title' for 'title': rename them"
    >>> _occupations_hint(pd.DataFrame({"title": ["Chief Executives"]}, index=pd.Index(["11-1011.00"], name="onetsoc_code")))
    "; 'onetsoc_code' is the index: reset_index() first"
    """
    if not isinstance(occupations, pd.DataFrame):
        return ""
    missing = [c for c in ("onetsoc_code", "title") if c not in occupations.columns]
    near = {}
    for name in missing:
        found = [c for c in occupations.columns if isinstance(c, str) and _column_key(c) == _column_key(name)]
        if found:
            near[name] = found[0]
    if near:
        said = " and ".join(f"{c!r} for {name!r}" for name, c in near.items())
        return f"; it has {said}: rename {'them' if len(near) > 1 else 'it'}"
    return index_hint(occupations, missing)


def _check_occupations(occupations: pd.DataFrame) -> None:
    """Refuse an ``occupations`` frame of :func:`nearest_occupations` whose codes it cannot return.

    A column given twice raised pandas'
    ``AttributeError: 'DataFrame' object has no attribute 'tolist'``; an occupation without
    a code (None, NaN) or with one that is not text was returned as its code's text
    (``'None'``, ``'nan'``, ``'151252'``) to every title nearest to it, without a word; a
    frame of no row matched no title, without a word.
    The message names ``occupations`` first, then the row (from 1) and the column, once
    (it was ``column 'title': occupations has the column 'title' twice: keep one`` and
    ``row 1, column 'onetsoc_code': occupations: O*NET-SOC code is missing``).

    Examples
    --------
    >>> _check_occupations(pd.DataFrame({"onetsoc_code": [None], "title": ["Clerks"]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: occupations, row 1, column 'onetsoc_code': O*NET-SOC code is missing: give each occupation its code
    >>> _check_occupations(pd.DataFrame({"onetsoc_code": [151252], "title": ["Software Developers"]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: occupations, row 1, column 'onetsoc_code': O*NET-SOC code must be text (like 43-4171.00), got int 151252
    """
    for name in ("onetsoc_code", "title"):
        if (occupations.columns == name).sum() > 1:
            raise DataFormatError("given more than once: keep one", path="occupations", column=name)
    codes = occupations["onetsoc_code"].tolist()
    if not codes:  # every title matched nothing (None), without a word
        raise DataFormatError("occupations holds no occupation: no title can be matched; give the "
                              "release's occupations (load_onet(...).occupations)")
    if all(map(isinstance, codes, itertools.repeat(str))):  # the usual column
        return
    pos = next(pos for pos, c in enumerate(codes) if not isinstance(c, str))
    what = ("is missing: give each occupation its code" if _is_missing(codes[pos])
            else f"must be text (like 43-4171.00), got {shown(codes[pos])}")
    raise DataFormatError(f"O*NET-SOC code {what}", path="occupations", row=pos + 1, column="onetsoc_code")


@dataclass
class _Occupations:
    """Per row: the O*NET-SOC code used, the job zone, entry level and the contexts."""

    codes: list
    zones: list
    entry_level: np.ndarray
    context: dict  # context name -> bool array
    source: list  # "code", "nearest", "title" or ""
    # rows with no occupation at all (no code, no title): their text may give a context
    bare: np.ndarray
    text_context: dict | None = None  # context name -> bool array, from the text's words

    @functools.cached_property
    def free_text(self) -> np.ndarray:
        """Rows without an O*NET-SOC code (where rules of kind ``free`` count).

        Computed once: :func:`explain_categories` reads it for every row and category.
        """
        return np.fromiter(map(operator.ne, self.source, itertools.repeat("code")), dtype=bool,
                           count=len(self.source))


def _occupation_keys(codes: list, titles: list) -> tuple[np.ndarray, list]:
    """Index of each row's (code, else ``("title", title)``) among the distinct ones, and those.

    Examples
    --------
    >>> keys, uniques = _occupation_keys(["11-1011.00", None, None, "11-1011.00"],
    ...                                  [None, "Clerk", None, "x"])
    >>> keys.tolist(), uniques
    ([0, 1, 2, 0], ['11-1011.00', ('title', 'Clerk'), ('title', None)])
    """
    # a dict numbers the keys in order of first appearance, as pd.factorize would, and is
    # several times faster than building and factorizing a string column; a code (str)
    # and a title key (tuple) never compare equal, so a title that looks like a code stays apart
    index: dict = {}
    keys = [index.setdefault(c if c is not None else ("title", t), len(index))
            for c, t in zip(codes, titles, strict=True)]
    return np.asarray(keys, dtype=np.int64), list(index)


def _occupations(frame: pd.DataFrame, onet, occupation_column: str | None) -> _Occupations:
    n = len(frame)
    if not ({"onetsoc_code", "job_zone"} & set(frame.columns)
            or (occupation_column and occupation_column in frame.columns)):
        # texts alone: no code, title or job zone, so no context and no entry level
        return _Occupations([None] * n, [None] * n, np.zeros(n, dtype=bool),
                            {ctx: np.zeros(n, dtype=bool) for ctx in CONTEXT_SOC}, [""] * n,
                            np.ones(n, dtype=bool))
    codes: list = [None] * n
    if "onetsoc_code" in frame.columns:
        codes = [c.strip() or None if isinstance(c, str) else None
                 for c in frame["onetsoc_code"].tolist()]
    source = ["" if c is None else "code" for c in codes]
    titles: list = [None] * n
    if occupation_column and occupation_column in frame.columns:
        # read as the texts are (normalised, one-spaced); titles repeat, so each distinct once
        given = frame[occupation_column].tolist()
        distinct = list(dict.fromkeys(t for t in given if isinstance(t, str)))
        read = dict(zip(distinct, _read_titles(distinct), strict=True))
        titles = [read[t] if isinstance(t, str) else None for t in given]
    occ = getattr(onet, "occupations", None) if onet is not None else None
    if occ is not None:  # a table (occupations=5 was an AttributeError)
        check_release_table(occ, "occupations", ())
    if occ is not None and "title" in occ.columns:
        need = [i for i in range(n) if codes[i] is None and titles[i] is not None]
        if need:
            found = nearest_occupations([titles[i] for i in need], occ)
            for i, code in zip(need, found, strict=True):
                if code is not None:
                    codes[i], source[i] = code, "nearest"
    zones: list = [None] * n
    if "job_zone" in frame.columns:  # 3, 3.0 or "3.0"; blank is unknown; 3.9 or 0 refused
        zones = job_zone_values(frame["job_zone"])
    if onet is not None:
        lookup = job_zone_lookup(onet)
        zones = [lookup.get(c) if jz is None and c is not None else jz
                 for jz, c in zip(zones, codes, strict=True)]
    # titles repeat (one per occupation), so search each distinct title once
    junior_of = {t: _ENTRY_LEVEL_RE.search(t) is not None for t in set(titles) if t is not None}
    entry = np.fromiter((jz is not None and jz <= ENTRY_CREATIVE_MAX_JOB_ZONE for jz in zones),
                        dtype=bool, count=n)
    entry |= np.fromiter((s != "code" and junior_of.get(t, False)
                          for s, t in zip(source, titles, strict=True)), dtype=bool, count=n)
    # contexts of each distinct (code, title): from the code when known, else the title
    keys, uniques = _occupation_keys(codes, titles)
    context = {}
    for ctx, prefixes in CONTEXT_SOC.items():
        rx = _CONTEXT_TITLE_RE[ctx]
        but = CONTEXT_SOC_EXCEPT[ctx]
        per_unique = np.fromiter(
            ((u.startswith(prefixes) and not u.startswith(but) if isinstance(u, str)
              else u[1] is not None and rx.search(u[1]) is not None) for u in uniques),
            dtype=bool, count=len(uniques),
        )
        context[ctx] = per_unique[keys] if n else np.zeros(0, dtype=bool)
    any_context = np.zeros(n, dtype=bool)
    for arr in context.values():
        any_context |= arr
    for i in np.flatnonzero(any_context).tolist():  # usually a few rows, not all n
        if codes[i] is None and titles[i] is not None:
            source[i] = "title"
    bare = np.fromiter((c is None and t is None for c, t in zip(codes, titles, strict=True)),
                       dtype=bool, count=n)
    return _Occupations(codes, zones, entry, context, source, bare)


def _mapping_index(mapping: pd.DataFrame) -> tuple[dict, dict]:
    by_dwa: dict[str, list[tuple[str, str, str]]] = {}
    by_iwa: dict[str, list[tuple[str, str, str]]] = {}
    cols = ["level", "id", "category", "scope", "note"]
    for level, id_, cat, scope, note in mapping[cols].itertuples(index=False):
        target = by_dwa if level == "dwa" else by_iwa
        target.setdefault(id_, []).append((cat, scope, note))
    return by_dwa, by_iwa


def _mapping_evidence(frame: pd.DataFrame, onet) -> list[list[tuple[str, str, str]]] | None:
    """Per row, ``[(category, scope, "dwa|iwa <id>: note"), ...]`` (None without onet/keys).

    Rows of the same task share their list (and rows without evidence one empty list):
    treat them as read-only.
    """
    if onet is None or not has_keys(frame):
        return None
    links, dwa_to_iwa = task_dwa_links(onet)
    by_dwa, by_iwa = _mapping_index(load_category_mapping())
    # only a few DWAs have mapping entries: find them, then the tasks linked to them (the
    # inverted links), instead of walking every row's DWAs
    keys_of = dwa_task_keys(onet)
    per_dwa: dict[str, list[tuple[str, str, str]]] = {}
    for dwa, iwa in ((d, dwa_to_iwa.get(d, "")) for d in keys_of):
        if dwa in by_dwa:  # a DWA's own entries replace its IWA's
            entries = [(c, s, f"dwa {dwa}: {note}") for c, s, note in by_dwa[dwa]]
        else:
            entries = [(c, s, f"iwa {iwa}: {note}") for c, s, note in by_iwa.get(iwa, [])]
        entries = [e for e in entries if e[0] in CATEGORIES]
        if entries:
            per_dwa[dwa] = entries
    keyed: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for dwa in per_dwa:
        for key in keys_of[dwa]:
            if key in keyed:
                continue
            items: list[tuple[str, str, str]] = []
            # in DWA ID order (O*NET's own), first occurrence kept: not in the row order of
            # task_dwas, which listed the evidence in another order for the same release
            for d in sorted(links[key]):
                for item in per_dwa.get(d, ()):
                    if item not in items:
                        items.append(item)
            keyed[key] = items
    empty: list = []
    return [keyed.get(key, empty) for key in _mapping_keys(frame)]


def _mapping_keys(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """``(onetsoc_code, canonical task id)`` of every row, the code read as for its context.

    A code with spaces around it takes its context and job zone from the stripped code
    (:func:`_occupations`), so its work activities are looked up by it too (they were
    looked up with the spaces, and never found).

    Examples
    --------
    >>> _mapping_keys(pd.DataFrame({"onetsoc_code": [" 43-9061.00", "43-9061.00"], "task_id": [7.0, 8]}))
    [('43-9061.00', '7'), ('43-9061.00', '8')]
    """
    codes = [c.strip() if isinstance(c, str) else str(c) for c in frame["onetsoc_code"].tolist()]
    return list(zip(codes, norm_task_ids(frame["task_id"]), strict=True))


def _check_codes(frame: pd.DataFrame) -> None:
    """Refuse an ``onetsoc_code`` cell that is neither missing nor a code, naming its row.

    A cell that is not text (a number, bytes such as ``b'43-4171.00'``, a bool) was read as
    no code: the row became free text, its contexts taken from its words. Text is read
    stripped (blank is no code) and must then be of the form ``00-0000.00``. The message
    names the row, not the index label (:func:`_evidence` adds it for a non-default index).
    """
    if "onetsoc_code" not in frame.columns:
        return
    col = frame["onetsoc_code"]
    values = col.tolist()
    # a code of text is read stripped (blank is no code); of the rest, only the form
    # 00-0000.00 names an occupation ('n/a' or a SOC code '27-3043' was read as the code
    # of an occupation no one knows: no context, no job zone, the free-text rules off)
    form = _ONETSOC_RE.match
    bad_text = {v for v in set(v for v in values if isinstance(v, str))
                if v.strip() and form(v.strip()) is None}
    if not bad_text and all(map(isinstance, values, itertools.repeat(str))):  # the usual column
        return
    for pos, value in enumerate(values):
        if isinstance(value, str):
            if value not in bad_text:
                continue
            what = onetsoc_code_message(value)  # with the code to write ('27-3043': '27-3043.00')
        elif _is_missing(value):
            continue
        else:  # 151252 (a number): the code to write; bytes: how to decode them
            # bytes, a bytearray, a memoryview: "bytes" is said after it (it was "got bytearray")
            got = cell_shown(value) if isinstance(value, BINARY_TYPES) else shown(value)
            what = onetsoc_code_message(value, col, what="O*NET-SOC code must be text (like 43-4171.00) "
                                                            f"or missing, got {got}")
        raise DataFormatError(what, row=pos + 1, column="onetsoc_code")


#: The form of an O*NET-SOC code (:data:`~exposure.schemas._fields.ONETSOC_PATTERN`).
_ONETSOC_RE = re.compile(ONETSOC_PATTERN)
#: A SOC code given as a title (``27-1024``, without the O*NET ``.00``).
_SOC_RE = re.compile(r"^\d{2}-\d{4}\Z")
#: The columns the tagger reads as what they are, not as titles: what each holds.
_READ_COLUMNS = {"onetsoc_code": "O*NET-SOC codes", "task_id": "task IDs", "job_zone": "job zones"}


def _check_titles(frame: pd.DataFrame, occupation_column, *, path=None, row_offset: int = 1) -> None:
    """Refuse an occupation title cell that is neither a title nor missing, naming its row.

    Such a cell (bytes such as ``b'Senior Art Director'``, a number, a list) was read as no
    title: the row became free text, its contexts taken from its words. Text without a
    letter (a code ``'27-1024.00'`` in the title column, a placeholder ``'-'``) was read as
    a title no occupation has: the row lost the contexts of its words and its entry level
    (blank text is no title). So was the mark of a missing cell (``N/A``, ``TBD``, ``none``:
    :func:`~exposure.scoring._inputs.is_placeholder`), which :func:`pandas.read_csv` reads
    as missing: ``Write press releases.`` under it lost the ``entry_creative`` tag it has
    with no title. Its letters are read as the task texts' are
    (:func:`~exposure.scoring._inputs.no_letter_reason`): ``½``, ``①``, ``ʼʼ`` passed as
    titles, read as digits and an apostrophe, while ``12345`` was refused. A title of UTF-8
    read as Windows-1252 or Latin-1 (``Clerkâ€™s``: :func:`~exposure.scoring._inputs.mojibake`)
    is refused as such a task text is: it was read as a title no occupation has. So was a
    spreadsheet's error value (``#N/A`` of a title lookup that
    found nothing, ``#REF!``, LibreOffice's ``Err:502``), refused as a task text is
    (:data:`~exposure.scoring._inputs.SPREADSHEET_ERRORS`): under it ``Write captions for
    social media posts.`` lost its ``entry_creative`` tag, without a word. Also the check of
    :func:`exposure.scoring.score_tasks`, whose rows are counted from ``row_offset`` in
    ``path``. The message names the row, not the index label (the callers add it for a
    non-default index of a frame of the caller).

    An ``occupation_column`` naming a column the rows are read by already
    (:data:`_READ_COLUMNS`: ``onetsoc_code``, ``task_id``, ``job_zone``) is refused as the
    argument it is: its cells were refused one by one with advice that was wrong there
    (``give it in the 'onetsoc_code' column`` of a code in the ``onetsoc_code`` column
    itself; ``leave the cell empty`` of a job zone or a task ID).
    """
    if occupation_column is None or occupation_column not in frame.columns:
        return
    if occupation_column in _READ_COLUMNS:
        # in the command's words under exposure score (--occupation-column None names a column 'None')
        raise DataFormatError(f"{argument_named('occupation_column', occupation_column)} is the column of "
                              f"{_READ_COLUMNS[occupation_column]}, read as such already: give the column "
                              f"of occupation titles, or {none_given('occupation_column')} (no titles)",
                              path=path, column=occupation_column)
    values = frame[occupation_column].tolist()
    # titles repeat (one per occupation): look at each distinct text once; its letters as
    # the texts' (no_letter_reason: '½', '①', 'ʼʼ' were titles, '12345' not)
    all_text = all(map(isinstance, values, itertools.repeat(str)))  # the usual column: set() in C
    distinct = set(values) if all_text else {v for v in values if isinstance(v, str)}
    no_letter = {t for t in distinct if t.strip() and no_letter_reason(t) is not None}
    placeholders = {t for t in distinct if is_placeholder(t)}
    failed = {t for t in distinct if is_spreadsheet_error(t)}
    garbled = {t: found for t in distinct if (found := mojibake(t)) is not None}
    if not no_letter and not placeholders and not failed and not garbled and all_text:
        return
    for pos, value in enumerate(values):
        if isinstance(value, str):
            if value in garbled and value not in no_letter:  # 'Clerkâ€™s': UTF-8 read as Latin-1
                raise DataFormatError(f"occupation title holds {garbled[value][0]!r} for {garbled[value][1]!r} "
                                      f"(UTF-8 read as Windows-1252 or Latin-1), got {cell_shown(value)}"
                                      f"{MOJIBAKE_ADVICE}", path=path, row=pos + row_offset,
                                      column=occupation_column)
            if value in failed:  # "#N/A" of a lookup: read as a title no occupation has
                raise DataFormatError(f"occupation title is a spreadsheet error value, got {value!r}: a "
                                      "formula that failed in the spreadsheet (a lookup that found "
                                      "nothing?), not a title; correct the formula, or leave the cell "
                                      "empty", path=path, row=pos + row_offset, column=occupation_column)
            if value in placeholders and value not in no_letter:
                raise DataFormatError(f"occupation title is a placeholder, got {value!r}: the mark of a missing "
                                      "cell; give the occupation's title or leave the cell empty", path=path,
                                      row=pos + row_offset, column=occupation_column)
            if value not in no_letter:
                continue
            code = value.strip()
            if _ONETSOC_RE.match(code):
                what = (f"occupation title {value!r} is an O*NET-SOC code, not a title: give it "
                        "in the 'onetsoc_code' column")
            elif _SOC_RE.match(code):
                what = (f"occupation title {value!r} is a SOC code, not a title: give the "
                        f"O*NET-SOC code (like {code}.00) in the 'onetsoc_code' column")
            else:
                what = (f"occupation title holds no letter, got {cell_shown(value)}: give the "
                        "occupation's title or leave the cell empty")
        elif _is_missing(value):
            continue
        else:
            # b'Clerk' (a database driver): how to decode them ("bytes" is said after the cell)
            what = (f"occupation title must be text or missing, got {cell_shown(value)}"
                    f"{bytes_advice(occupation_column, frame[occupation_column], path=path)}"
                    if isinstance(value, BINARY_TYPES) else
                    f"occupation title must be text or missing, got "
                    f"{shown(value.item() if isinstance(value, np.generic) else value)}")
        raise DataFormatError(what, path=path, row=pos + row_offset, column=occupation_column)


def _check_inputs(frame: pd.DataFrame, text_column, onet, occupation_column) -> list[str]:
    """The checks of the public functions; the checked text column as a list of str.

    A named ``occupation_column`` must be a column (the default ``"title"`` may be
    absent); ``onetsoc_code`` cells must be text or missing; with ``onet``, task IDs must
    be integers (or missing), since they key its work activities.
    """
    texts = task_texts(frame, text_column, show_index=False, what="frame")
    check_column(occupation_column, "occupation_column", optional=True)
    if (occupation_column is not None and occupation_column != "title"
            and occupation_column not in frame.columns):  # a typo read every row as free text
        # Title for title: the column was named, not said to be there in another case; in
        # score_tasks' words (the columns were listed whole, a level of the index not named)
        raise missing_occupation_column(frame.columns, occupation_column, frame=frame)
    check_onet(onet, DWA_TABLES)  # a release name or a table was ignored without task keys
    _check_codes(frame)
    _check_titles(frame, occupation_column)
    if onet is not None and has_keys(frame):  # a task ID 1.5, True or -1 matched no task
        check_task_ids(frame["task_id"])  # the rule of score_tasks
    return texts


#: Other spellings of the optional columns, as :func:`~exposure.scoring._inputs.column_key` reads them.
#: The titles' other usual names too (``Occupation``, ``Position``, ``Role``): a frame with
#: its titles under them was tagged as if it had none, without a word.
_NEAR_COLUMNS = {"title": {"title", "jobtitle", "occupationtitle", "occupation", "occupationname",
                           "position", "positiontitle", "role", "jobrole", "jobname"},
                 "job_zone": {"jobzone"}, "onetsoc_code": {"onetsoccode"}, "task_id": {"taskid"}}


#: An occupation code at the start of a cell (``15-1252``, ``15-1252.00``, ``151252``).
_CODE_CELL = re.compile(r"\s*[0-9]{2}-?[0-9]{4}(\.[0-9]{2})?\s*$")


def _holds_codes(column) -> bool:
    """Whether the first values of ``column`` (a frame's column, or columns of one name) are occupation codes.

    An ``occupation`` column of codes is not a column of titles: it is not offered as the
    titles (:func:`_warn_near_columns`), which the title check would then refuse.

    Examples
    --------
    >>> _holds_codes(pd.Series(["15-1252.00", None])), _holds_codes(pd.Series(["Software Developers"]))
    (True, False)
    """
    if isinstance(column, pd.DataFrame):  # a name given twice
        column = column.iloc[:, 0]
    values = [v for v in column.head(100).tolist() if isinstance(v, str) or not pd.isna(v)]
    return bool(values) and all(_CODE_CELL.match(str(v)) for v in values)


def _warn_near_columns(frame: pd.DataFrame, occupation_column, onet, *, keys: bool = True, path=None,
                       caller: str | None = None) -> None:
    """Log a warning for each optional column that is absent while a near spelling is there.

    The optional columns are read only under their exact names: a frame with ``Title``,
    ``Job Title``, ``Job Zone`` or ``O*NET-SOC Code`` (O*NET's own header) was tagged as
    if it had no titles, job zones or codes (no occupation context, no entry-level gate),
    without a word; so was one with its titles under ``Occupation``, ``Position`` or
    ``Role`` (``Write ad copy.`` under ``Occupation`` ``Senior Art Director`` was tagged
    entry-level creative). The warning names the column found and the argument or name to give
    (the option, under ``exposure score``: :func:`~exposure.scoring._inputs.argument_given`).
    So is a level of the frame's index so named (``set_index(["onetsoc_code", "task_id"])``,
    ``set_index("title")``, as tasks are often kept): it was not read either, and the rows
    were tagged as free text without a word.
    ``keys`` False leaves the key columns to the caller (:func:`exposure.scoring.score_tasks`
    warns of them in its own words). ``path``: the file the columns are read from
    (``exposure score FILE``), which the warning names, and whose rows are scored: it
    said ``the frame has 'JOB_ZONE'`` and ``the rows are tagged``, naming neither the file
    nor what was done to it. ``caller``: the scorer of a frame (``score_tasks``), which
    starts the warning, as its other warnings; its rows are scored, not tagged.
    """
    if path is not None:
        where, had, done = f"{path}: ", "the file", "scored"
    else:
        where, had, done = ("", "the frame", "tagged") if caller is None else (f"{caller}: ", "the frame", "scored")
    # names of text, and tuples of texts (flattened levels: ('title', '')), as key_spellings reads them
    columns = [c for c in frame.columns if spelled_name(c)]
    levels = [n for n in frame.index.names if spelled_name(n)]
    wanted = [("title", "occupation_column")] if occupation_column == "title" else []
    wanted += [("job_zone", None)]
    if keys:
        wanted.append(("onetsoc_code", None))
    if keys and onet is not None:
        wanted.append(("task_id", None))
    for name, arg in wanted:
        if name in frame.columns:
            continue
        near = [c for c in columns if _column_key(c) in _NEAR_COLUMNS[name]
                and not (name == "title" and _holds_codes(frame[c]))]
        if near:
            # exposure score: --occupation-column 'Job Title' (options_named), not the API's words
            how = (f"give {argument_given(arg, near[0])}" if arg is not None else f"rename that column {name!r}")
            logger.warning("%sno %r column, but %s has %r: it is not read (the rows are %s without it); %s",
                           where, name, had, near[0], done, how)
            continue
        # set_index("onetsoc_code"): the codes (or titles, job zones) were not read, the rows
        # tagged as free text without a word
        level = next((n for n in levels if _column_key(n) in _NEAR_COLUMNS[name]), None)
        if level is not None:
            rename = "" if level == name else f", then rename it {name!r}"
            logger.warning("%sno %r column, but the frame's index has a level %r: it is not read (the "
                           "rows are %s without it); frame.reset_index() makes it a column%s",
                           where, name, level, done, rename)


def _warn_codes_not_read(frame: pd.DataFrame, skip, onet) -> None:
    """Log a warning (one line) when the rows' occupations or task IDs are in ``frame`` but not read.

    The occupation is read from ``onetsoc_code`` alone (other spellings of that name are
    :func:`_warn_near_columns`'s). A frame with its O*NET-SOC codes under another name
    (``onet_code``, ``occ_code``, ``soc``: :func:`~exposure.scoring._inputs.codes_not_read`),
    or, with ``onet``, with O*NET task IDs in ``task_id`` but no codes at all, was tagged
    as free text, without a word (``score_tasks`` warned of the first): the public
    relations managers' (job zone 4) task
    ``Design and edit promotional publications, such as brochures.``, under ``onet_code``
    or by its task ID alone, came out ``entry_creative``. The first is said by
    :func:`~exposure.scoring._inputs.warn_codes_not_read`, in ``score_tasks``' words (the
    rows ``were tagged as if they had none``): it was a copy, in words of its own.
    The columns in ``skip`` (the text and title columns) are not looked at.
    """
    if warn_codes_not_read(frame, skip=skip, verb="tagged", log=logger):  # in score_tasks' words
        return
    # a spelling of onetsoc_code is _warn_near_columns's to say
    with_id = 0 if onet is None else ids_without_codes(frame, skip)
    if with_id:
        logger.warning("no 'onetsoc_code' column: the task IDs of 'task_id' are not read (%s's work "
                       "activities are keyed by onetsoc_code and task_id), so the %d row(s) with a task "
                       "ID are tagged as free text; add the rows' O*NET-SOC codes as a column "
                       "'onetsoc_code' to have them read", release_name(onet), with_id)


def _warn_unread_keys(frame: pd.DataFrame, onet, *, path=None, row_offset: int = 1) -> None:
    """Log a warning (one line each) for coded rows whose O*NET evidence ``onet`` cannot give.

    With ``onet``: a frame with ``onetsoc_code`` but no ``task_id`` column, or a coded row
    with a missing task ID, gets no work activities (they are keyed by both); a
    well-formed code that the release's ``occupations`` lack (an older release's code,
    such as ``15-1132.00``) gets no work activities and no job zone, and its context is
    read from the code's prefix alone; a task ID that the release's ``tasks`` do not list
    under the row's (known) code (an unknown ID, another occupation's task) gets no work
    activities; a ``job_zone`` cell other than the release's zone of the row's code is
    used instead of it (a column from another release?).
    Rows are counted from ``row_offset`` in ``path`` (the first such row is named).
    """
    if onet is None or "onetsoc_code" not in frame.columns:
        return
    codes = [c.strip() or None if isinstance(c, str) else None
             for c in frame["onetsoc_code"].tolist()]
    coded = [i for i, c in enumerate(codes) if c is not None]
    if not coded:
        return
    where = f"{path}: " if path is not None else ""
    name = release_name(onet)
    with_id = []  # coded rows with a task ID
    if "task_id" not in frame.columns:
        logger.warning("%sno 'task_id' column: the %d row(s) with an O*NET-SOC code get no "
                       "work activities from %s (they are keyed by onetsoc_code and task_id); "
                       "add the task IDs to use them", where, len(coded), name)
    else:
        ids = frame["task_id"].tolist()
        missing = list(map(_is_missing, map(ids.__getitem__, coded)))  # one look at each cell
        no_id = list(itertools.compress(coded, missing))  # a blank one is refused
        if no_id:
            logger.warning("%s%d row(s) with an O*NET-SOC code have no task ID (first: row %d, "
                           "column 'task_id'): no work activities from %s for them", where,
                           len(no_id), no_id[0] + row_offset, name)
            with_id = [i for i, gone in zip(coded, missing, strict=True) if not gone]
        else:
            with_id = coded
    occ = getattr(onet, "occupations", None)
    if not isinstance(occ, pd.DataFrame) or "onetsoc_code" not in occ.columns:
        return
    # the release's codes, built once for the same table (a file scored in batches)
    known = remembered("categories_known_codes", (occ,),
                       lambda: frozenset(occ["onetsoc_code"].astype(str).str.strip()))
    listed = list(map(known.__contains__, map(codes.__getitem__, coded)))  # one look at each code
    unknown = [i for i, there in zip(coded, listed, strict=True) if not there]
    if unknown:
        first = unknown[0]
        logger.warning("%s%d row(s) have an O*NET-SOC code that %s lacks (first: row %d, "
                       "column 'onetsoc_code': %r; another release's code?): no work activities "
                       "or job zone for them, their context read from the code alone",
                       where, len(unknown), name, first + row_offset, codes[first])
        with_id = [i for i in with_id if codes[i] in known]
        coded = list(itertools.compress(coded, listed))
    _warn_other_task_ids(frame, onet, with_id, codes, where=where, name=name, row_offset=row_offset)
    _warn_other_job_zones(frame, onet, coded, codes, where=where, name=name, row_offset=row_offset)


def _release_task_codes(tasks: pd.DataFrame) -> dict[str, set]:
    """``{canonical task ID: {O*NET-SOC codes listing it}}`` of a release's ``tasks``."""
    out: dict[str, set] = {}
    for code, task_id in zip(tasks["onetsoc_code"].astype(str).str.strip().tolist(),
                             norm_task_ids(tasks["task_id"]), strict=True):
        out.setdefault(task_id, set()).add(code)
    return out


def _warn_other_task_ids(frame, onet, rows: list, codes: list, *, where: str, name: str,
                         row_offset: int) -> None:
    """Warn (one line) of ``rows`` whose task ID ``onet.tasks`` does not list under the code.

    Such a row (an unknown task ID, another release's, another occupation's task) gets no
    work activities. Without the release's ``tasks`` (a made-up release), nothing is said:
    ``task_dwas`` alone would name the tasks that have no work activities.
    """
    tasks = getattr(onet, "tasks", None)
    if (not rows or not isinstance(tasks, pd.DataFrame)
            or not {"onetsoc_code", "task_id"} <= set(tasks.columns)):
        return
    try:
        of_id = remembered("categories_task_codes", (tasks,), lambda: _release_task_codes(tasks))
    except (DataFormatError, TypeError, ValueError):  # IDs of a made-up release: say nothing
        return
    ids = norm_task_ids(frame["task_id"].iloc[rows])
    other = [(i, t) for i, t in zip(rows, ids, strict=True) if codes[i] not in of_id.get(t, ())]
    if not other:
        return
    first, task_id = other[0]
    owners = sorted(of_id.get(task_id, ()))
    whose = f"; it is a task of {', '.join(owners)}" if owners else ""
    logger.warning("%s%d row(s) have a task ID that %s does not list under their O*NET-SOC "
                   "code (first: row %d, column 'task_id': %s under %r%s): no work activities "
                   "from %s for them", where, len(other), name, first + row_offset, task_id,
                   codes[first], whose, name)


def _warn_other_job_zones(frame, onet, rows: list, codes: list, *, where: str, name: str,
                          row_offset: int) -> None:
    """Warn (one line) of ``rows`` whose ``job_zone`` cell is not the release's zone of the code.

    The cell is used (it takes precedence over the release's zone); a zone the check
    refuses is left to that check.
    """
    if not rows or "job_zone" not in frame.columns:
        return
    try:
        given = job_zone_values(frame["job_zone"].iloc[rows])
        lookup = job_zone_lookup(onet)
    except DataFormatError:  # refused by the job-zone check, which names the row
        return
    other = [(i, jz, lookup[codes[i]]) for i, jz in zip(rows, given, strict=True)
             if jz is not None and codes[i] in lookup and lookup[codes[i]] != jz]
    if not other:
        return
    first, jz, theirs = other[0]
    logger.warning("%s%d row(s) have a job_zone other than %s's for their O*NET-SOC code "
                   "(first: row %d, column 'job_zone': %d for %r, which has %d in %s): the "
                   "job_zone given is used", where, len(other), name, first + row_offset, jz,
                   codes[first], theirs, name)


_KIND_INDEX = {
    (cat, kind, rows): [j for j, r in enumerate(TEXT_RULES)
                        if r.category == cat and r.kind == kind and r.rows == rows]
    for cat in CATEGORIES for kind in RULE_KINDS for rows in RULE_ROWS
}


def _mapped_rows(mapping: list) -> list[int]:
    """Positions of the rows with mapping evidence (few: most DWAs are not mapped).

    Examples
    --------
    >>> _mapped_rows([[], [("admin", "any", "dwa 4.A: note")], []])
    [1]
    """
    return [i for i, items in enumerate(mapping) if items]


@dataclass
class _Evidence:
    codes: np.ndarray
    found: list
    hits: np.ndarray
    occ: _Occupations
    mapping: list | None


def _evidence(frame, text_column, onet, occupation_column, *, fast: bool = False,
              texts=None) -> _Evidence:
    """:func:`_evidence_of`, naming the index label of a bad row of the caller's frame.

    For the public functions (``texts`` None), an error about a row names its index label
    too when ``frame``'s index is not the default, whatever the check (the text, code and
    title checks named ``(index 0)`` for a default index, the job-zone and task-ID checks
    no label at all).
    """
    if texts is not None:
        return _evidence_of(frame, text_column, onet, occupation_column, fast=fast, texts=texts)
    try:
        return _evidence_of(frame, text_column, onet, occupation_column, fast=fast)
    except DataFormatError as exc:
        named = with_index_label(exc, frame)
        if named is exc:
            raise
        raise named from None


def _evidence_of(frame, text_column, onet, occupation_column, *, fast: bool = False,
                 texts=None) -> _Evidence:
    """Rule hits (per distinct text), occupations and mapping evidence of every row.

    ``fast``: match the context rules and the vetoes only against the texts of rows in a
    context or with a positive rule or a mapping entry of scope ``any`` (the only rows
    whose flags they can change); ``found`` is then None. ``texts``: the text column,
    already checked (:func:`~exposure.scoring._inputs.task_texts`) and normalised
    (:func:`~exposure.scoring._features.normalise_text`, as ``score_tasks`` does), as a list.
    """
    public = texts is None
    if public:  # the public functions: check the arguments
        # and read the texts as score_tasks does: "e\u2011mail", "Ｅｎｔｅｒ" matched no rule
        texts = _check_inputs(frame, text_column, onet, occupation_column)
        _unmarked_texts(texts, column=text_column)  # "&nbsp;" alone: refused, as an empty text
        names = RowNames.of(frame, texts)  # the other-IDs warning quotes the text as written
        texts = normalise_texts(texts)
        if occupation_column == text_column == "title":  # the default: texts under "title"
            occupation_column = None  # were read as titles too (score_tasks reads no titles)
        check_titles_not_texts(text_column, occupation_column)
        _warn_near_columns(frame, occupation_column, onet)
        _warn_codes_not_read(frame, (text_column, occupation_column), onet)  # onet_code: free text
        _warn_unread_keys(frame, onet)
        # a caller's own task ID under a real code (1, 2, 3) named another O*NET task: its
        # work activities tagged "Drive a forklift" admin; read such rows from their text
        # and code, as score_tasks does
        frame = without_other_ids(frame, texts, onet, names=names)
    texts = _one_spaced(texts)  # "Develop  Web sites." lost its tag
    texts = _unlisted(texts)  # "1. File records." lost the tags of its heading verb
    occ = _occupations(frame, onet, occupation_column)
    if public and onet is not None:
        _warn_unplaced_titles(frame, occ, occupation_column, onet)
    mapping = _mapping_evidence(frame, onet)
    if not fast:
        codes, uniques, found = _TEXT_RULESET.match(texts)
        _, _, found_ctx = _CONTEXT_TEXT_RULESET.match(uniques)
        _text_contexts(occ, codes, _CONTEXT_TEXT_RULESET.hit_matrix(found_ctx))
        return _Evidence(codes, found, _TEXT_RULESET.hit_matrix(found), occ, mapping)
    free = occ.free_text

    def rows_of(mask):  # which rules the rows need: those of free text, of coded rows or both
        return "free" if mask.all() else "coded" if not mask.any() else "mixed"

    variant = (True, rows_of(free))
    core_rs, core_idx = globals()[_FAST_NAMES[variant]], _FAST_IDX[variant]
    codes, uniques, found_core = core_rs.match(texts)
    core_hits = _fast_hits(_FAST_NAMES[variant], found_core)
    _text_contexts(occ, codes, core_hits[:, len(core_idx):])
    core_hits = core_hits[:, :len(core_idx)]
    hits = np.zeros((len(uniques), len(TEXT_RULES)), dtype=bool)
    hits[:, core_idx] = core_hits
    need = np.zeros(len(codes), dtype=bool)
    for arr in (*occ.context.values(), *occ.text_context.values()):
        need |= arr
    if len(codes):
        need |= core_hits.any(axis=1)[codes]
    if mapping is not None:
        for i in _mapped_rows(mapping):
            need[i] |= any(scope == "any" for _, scope, _ in mapping[i])
    sub = np.unique(codes[need])
    if len(sub):
        variant = (False, rows_of(free[need]))
        ctx_rs, ctx_idx = globals()[_FAST_NAMES[variant]], _FAST_IDX[variant]
        _, _, found_ctx = ctx_rs.match([uniques[u] for u in sub])
        hits[np.ix_(sub, ctx_idx)] = _fast_hits(_FAST_NAMES[variant], found_ctx)
    return _Evidence(codes, None, hits, occ, mapping)


def _warn_unplaced_titles(frame: pd.DataFrame, occ: _Occupations, occupation_column, onet) -> None:
    """Log a warning for rows whose title places them in no occupation and no context.

    Such a title (``Sachbearbeiter``, ``Secr\u00e9taire``: a title in another language, or
    one no O*NET title is near) is not no title: the row loses the contexts its own words
    would give it without a title (``Draft captions for TikTok posts.`` is entry-level
    creative work with no title, and nothing under ``Werkstudent Marketing``). The warning
    counts the rows and names the first.
    """
    if occupation_column is None or occupation_column not in frame.columns:
        return
    rows = [i for i, src in enumerate(occ.source) if src == "" and not occ.bare[i]
            and occ.codes[i] is None]
    if not rows:
        return
    first = rows[0]
    logger.warning("%d row(s) have a title that is near no occupation title of %s and "
                   "holds no context keyword (first: row %d, column %r: %r): they are tagged "
                   "with no occupation context, and not from their own words as rows without a "
                   "title are; give the title in English as O*NET words it, or leave it empty",
                   len(rows), release_name(onet), first + 1, occupation_column,
                   frame[occupation_column].iloc[first])


def _text_contexts(occ: _Occupations, codes: np.ndarray, found: np.ndarray) -> None:
    """Set ``occ.text_context`` (and entry level) of the rows without an occupation.

    ``found``: bool matrix (distinct texts, contexts in :data:`CONTEXT_TEXT` order) of
    the context words found in each distinct text; ``codes`` maps rows to distinct texts.
    A row without code or title and without a job zone counts as entry level.
    """
    n = len(codes)
    bare = occ.bare
    any_bare = bool(bare.any())
    occ.text_context = {ctx: found[:, k][codes] & bare if any_bare else np.zeros(n, dtype=bool)
                        for k, ctx in enumerate(CONTEXT_TEXT)}
    if any_bare:
        occ.entry_level = occ.entry_level | (bare & np.fromiter(map(operator.is_, occ.zones, itertools.repeat(None)),
                                                                dtype=bool, count=n))


def _flags(ev: _Evidence) -> dict[str, np.ndarray]:
    """The category flags of every row (the single decision rule of both public paths)."""
    n = len(ev.codes)
    mapped = _mapped_rows(ev.mapping) if ev.mapping is not None else []
    out = {}
    # the distinct texts any rule fired on (most fire none): each kind of rule is looked up
    # in their rows only, then spread to every row
    active = np.flatnonzero(ev.hits.any(axis=1)) if n else np.zeros(0, dtype=np.int64)
    active_hits = ev.hits[active]
    known: dict = {}

    def any_hit(idx: list) -> np.ndarray:
        """``ev.hits[:, idx].any(axis=1)[ev.codes]``, read from the active rows."""
        per_text = np.zeros(ev.hits.shape[0], dtype=bool)
        per_text[active] = active_hits[:, idx].any(axis=1)
        return per_text[ev.codes]

    for cat in CATEGORIES:
        ctx = ev.occ.context[CONTEXT_OF[cat]]
        # a context from the text's words lets the context rules count, not the vetoes go
        ctx_or_text = ctx | ev.occ.text_context[CONTEXT_OF[cat]]

        def kind(k, cat=cat):
            if (cat, k) in known:  # "exclude" is read twice
                return known[(cat, k)]
            out_k = np.zeros(n, dtype=bool)
            for rows in RULE_ROWS:
                idx = _KIND_INDEX[(cat, k, rows)]
                if not idx or n == 0:
                    continue
                hit = any_hit(idx)
                if rows == "coded":
                    hit &= ~ev.occ.free_text
                elif rows == "free":
                    hit &= ev.occ.free_text
                out_k |= hit
            known[(cat, k)] = out_k
            return out_k

        map_any = np.zeros(n, dtype=bool)
        map_ctx = np.zeros(n, dtype=bool)
        for i in mapped:
            for c, scope, _ in ev.mapping[i]:
                if c == cat:
                    if scope == "any":
                        map_any[i] = True
                    else:
                        map_ctx[i] = True
        positive = (kind("any") | map_any | (ctx_or_text & (kind("context") | map_ctx))
                    | (ctx_or_text & ev.occ.free_text & kind("free"))
                    | ((ctx_or_text | ev.occ.bare) & ev.occ.free_text & kind("free_work")))
        fired = (kind("strong") & ~kind("exclude")
                 | positive & ~(kind("exclude") | (~ctx & kind("exclude_outside"))))
        if cat == "entry_creative":
            fired &= ev.occ.entry_level
        out[cat] = fired
    return out


def explain_categories(
    frame: pd.DataFrame, *, text_column: str = "task", onet=None,
    occupation_column: str | None = "title",
) -> pd.DataFrame:
    """Tag categories and say which rule, work activity or occupation context decided.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per task with a text column; optionally ``onetsoc_code`` and ``task_id``
        (O*NET work activities and occupation), an occupation title column and
        ``job_zone`` (a cell takes precedence over ``onet``'s zone of the row's code). With
        ``onet``, a warning line names the first coded row whose evidence the release
        cannot give or contradicts: no ``task_id``, a code or a task ID it does not list
        (another release's, another occupation's task), a ``job_zone`` other than its own.
        A column of codes under another name (``onet_code``) and, with ``onet``, task IDs
        without a code column are warned of (the rows are tagged as free text).
    text_column : str, default "task"
        Column holding the task statement.
    onet : exposure.onet.OnetRelease or object, optional
        Anything with ``task_dwas`` [onetsoc_code, task_id, dwa_id], ``dwas`` [dwa_id,
        iwa_id] and ``occupations`` [onetsoc_code, title, job_zone] frames; anything
        without the first two (a release name such as ``"29.1"``, one of its tables) is
        refused.
    occupation_column : str or None, default "title"
        Column of occupation titles, used for rows without ``onetsoc_code`` (the default
        is ignored when absent; another name must be a column).

    Returns
    -------
    pandas.DataFrame
        Same index as ``frame`` (one that repeats a label gets one warning,
        :data:`EXPLAIN_REPEATED_INDEX_MESSAGE`, as ``score_tasks`` warns); bool columns ``admin``, ``routine_coding``,
        ``entry_creative``; ``job_zone`` (nullable Int64); ``occupation`` (the O*NET-SOC
        code used, given or nearest to the title; empty when none); ``context`` (the
        contexts of the row, e.g. ``"clerical"``); and string columns ``admin_rule``,
        ``routine_coding_rule``, ``entry_creative_rule`` listing the evidence, separated
        by ``"; "`` (``"text admin:filing"``, ``"dwa 4.A...: note"``, work activities in
        DWA ID order; context evidence is
        followed by ``"(clerical occupation)"``, or ``"(needs clerical occupation)"`` when
        it did not count). A veto is appended as ``"[vetoed: text admin!professional]"``,
        the entry-level gate as ``"[gated: job zone 4 > 3]"``.

    Raises
    ------
    exposure.errors.DataFormatError
        When the text column is missing or a cell is empty or not a string, or a
        ``job_zone`` is not a whole number from 1 to 5 (missing or blank is unknown);
        repeated or multi-level column names; an ``onet`` that is not a release; an
        ``occupation_column`` other than ``"title"`` that ``frame`` lacks, or naming
        ``onetsoc_code``, ``task_id`` or ``job_zone``; an
        ``onetsoc_code`` cell that is neither text nor missing (a number, bytes), or text
        not of the form ``00-0000.00`` (``"n/a"``, ``"27-3043"``); a title that is
        neither text nor missing, or text without a letter (a code ``"27-1024.00"``, a
        placeholder ``"-"``); with ``onet``, a ``task_id`` that is not an integer of
        0 or more (row and column named, and the row's index label when the index is not
        the default ``0..n-1``).

    Examples
    --------
    >>> tasks = pd.DataFrame({"task": ["Schedule appointments for patients.",
    ...                                "Sort and check orders.",
    ...                                "Draft copy for brochures."],
    ...                       "title": ["Dental Assistant", "Order Clerk", "Junior Copywriter"]})
    >>> out = explain_categories(tasks)
    >>> out.loc[0, "admin_rule"]
    'text admin:schedule; text admin:office_ctx (needs clerical occupation)'
    >>> out.loc[1, "admin_rule"]
    'text admin:records_ctx (clerical occupation)'
    >>> bool(out.loc[2, "entry_creative"]), out.loc[2, "context"]
    (True, 'creative')
    """
    out = _explain_categories(frame, text_column=text_column, onet=onet, occupation_column=occupation_column)
    warn_repeated_index(frame, logger, EXPLAIN_REPEATED_INDEX_MESSAGE)  # as score_tasks warns
    return out


def _explain_categories(frame: pd.DataFrame, *, text_column: str = "task", onet=None,
                        occupation_column: str | None = "title") -> pd.DataFrame:
    """:func:`explain_categories` without its warning on a repeated index (its other warnings stay).

    For a caller that reads the tags by position, not joined back by the index
    (:func:`exposure.reports.categories.category_shares`), as ``_tag_categories`` is to
    :func:`tag_categories`: the warning told of a fault that caller does not have.
    """
    ev = _evidence(frame, text_column, onet, occupation_column)
    flags = _flags(ev)
    n = len(frame)
    cols: dict[str, list] = {f"{cat}_rule": [] for cat in CATEGORIES}
    for i in range(n):
        found = ev.found[ev.codes[i]]
        mapped = ev.mapping[i] if ev.mapping is not None else []
        for cat in CATEGORIES:
            ctx_name = CONTEXT_OF[cat]
            in_ctx = bool(ev.occ.context[ctx_name][i])
            in_text = bool(ev.occ.text_context[ctx_name][i])
            free_text = bool(ev.occ.free_text[i])
            where_ctx = (f"{ctx_name} occupation" if in_ctx else f"{ctx_name} text" if in_text
                         else f"needs {ctx_name} occupation")
            items, vetoes, soft = [], [], []
            strong = False
            for c, scope, where in mapped:
                if c != cat:
                    continue
                if scope == "any":
                    items.append(where)
                else:
                    items.append(f"{where} ({where_ctx})")
            for j in found:
                rule = TEXT_RULES[j]
                if rule.category != cat or rule.rows == ("free" if not free_text else "coded"):
                    continue  # a rule of the other kind of row never counts here
                if rule.kind in ("strong", "any"):
                    items.append(f"text {rule.rule_id}")
                    strong = strong or rule.kind == "strong"
                elif rule.kind == "context":
                    items.append(f"text {rule.rule_id} ({where_ctx})")
                elif rule.kind == "free":
                    if free_text:  # not listed for rows with an O*NET-SOC code: never counts there
                        items.append(f"text {rule.rule_id} ({where_ctx})")
                elif rule.kind == "free_work":
                    if free_text:
                        where = ("no occupation" if bool(ev.occ.bare[i]) and not (in_ctx or in_text)
                                 else where_ctx)
                        items.append(f"text {rule.rule_id} ({where})")
                elif rule.kind == "exclude":
                    vetoes.append(f"text {rule.rule_id}")
                elif not in_ctx:
                    soft.append(f"text {rule.rule_id}")
            if not strong:  # a strong rule is not vetoed outside the context
                vetoes += soft
            text = "; ".join(items)
            if items and vetoes:
                text += f" [vetoed: {'; '.join(vetoes)}]"
            if (cat == "entry_creative" and items and not flags[cat][i] and not vetoes
                    and (in_ctx or in_text)):
                jz = ev.occ.zones[i]
                text += (" [gated: job zone unknown]" if jz is None
                         else f" [gated: job zone {jz} > {ENTRY_CREATIVE_MAX_JOB_ZONE}]")
            cols[f"{cat}_rule"].append(text)
    out = pd.DataFrame(index=frame.index)
    for cat in CATEGORIES:
        out[cat] = pd.Series(flags[cat], index=frame.index, dtype=bool)
    out["job_zone"] = pd.array(ev.occ.zones, dtype="Int64")
    out["occupation"] = pd.Series([c or "" for c in ev.occ.codes], index=frame.index, dtype=str)
    out["context"] = pd.Series(
        [",".join([*(ctx for ctx, arr in ev.occ.context.items() if arr[i]),
                   *(f"{ctx} (text)" for ctx, arr in ev.occ.text_context.items() if arr[i])])
         for i in range(n)],
        index=frame.index, dtype=str)
    for cat in CATEGORIES:
        out[f"{cat}_rule"] = pd.Series(cols[f"{cat}_rule"], index=frame.index, dtype=str)
    logger.debug("tagged %d tasks", n)
    return out


#: The warnings of :func:`explain_categories` and :func:`tag_categories` on a frame whose index repeats a
#: label (as :func:`exposure.scoring.score_tasks` warns): the tags keep that index, and
#: ``df.join(tag_categories(df))`` paired each row of a repeated label with every row of it, without a word.
EXPLAIN_REPEATED_INDEX_MESSAGE = repeated_index_message("explain_categories", "tags")
TAG_REPEATED_INDEX_MESSAGE = repeated_index_message("tag_categories", "tags")


def tag_categories(frame: pd.DataFrame, *, text_column: str = "task", onet=None,
                   occupation_column: str | None = "title") -> pd.DataFrame:
    """Tag each task as admin, routine coding and/or entry-level creative.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per task with a text column; optionally ``onetsoc_code`` and ``task_id``
        (O*NET work activities and occupation), an occupation title column and
        ``job_zone`` (a cell takes precedence over ``onet``'s zone of the row's code). With
        ``onet``, a warning line names the first coded row whose evidence the release
        cannot give or contradicts: no ``task_id``, a code or a task ID it does not list
        (another release's, another occupation's task), a ``job_zone`` other than its own.
        A column of codes under another name (``onet_code``) and, with ``onet``, task IDs
        without a code column are warned of (the rows are tagged as free text).
    text_column : str, default "task"
        Column holding the task statement. Texts and titles are read normalised
        (:func:`~exposure.scoring._features.normalise_text`), each run of white space as
        one space.
    onet : exposure.onet.OnetRelease or object, optional
        O*NET release providing ``task_dwas``, ``dwas`` and ``occupations`` (job zones,
        titles for the nearest occupation of free text); anything without the first two
        (a release name such as ``"29.1"``, one of its tables) is refused.
    occupation_column : str or None, default "title"
        Column of occupation titles, used for rows without ``onetsoc_code`` (the default
        is ignored when absent; another name must be a column).

    Returns
    -------
    pandas.DataFrame
        Bool columns ``admin``, ``routine_coding``, ``entry_creative``, same index as
        ``frame`` (one that repeats a label gets one warning,
        :data:`TAG_REPEATED_INDEX_MESSAGE`, as ``score_tasks`` warns: joined back by it,
        each row of the label got the tags of every row of it). :func:`explain_categories`
        gives the same flags (one decision function serves both) with the evidence. Each distinct text is matched once against all
        text rules (:class:`exposure.scoring._rules.RuleSet`: RE2's filtered matching for
        printable ASCII texts).

    Raises
    ------
    exposure.errors.DataFormatError
        When the text column is missing or a cell is empty or not a string; ``column`` is
        the text column and ``row`` the 1-based position of the bad row in ``frame`` (its
        index label is in the message when the index is not the default ``0..n-1``). Also a ``job_zone`` that is not a whole number
        from 1 to 5 (``3``, ``3.0``, ``"3.0"`` are zone 3; missing or blank is unknown);
        repeated or multi-level column names; an ``onet`` that is not a release, or one
        whose table lacks a column that is read or is not a frame
        (:func:`~exposure.scoring._inputs.check_release_table`); an
        ``occupation_column`` other than ``"title"`` that ``frame`` lacks (``"title"``
        may be absent; a column of that name in another case is offered), or naming ``onetsoc_code``, ``task_id`` or ``job_zone`` (read as
        such); an ``onetsoc_code`` cell that is neither text nor missing (a
        number, bytes such as ``b'43-4171.00'``: it was read as no code, the row as free
        text), or text not of the form ``00-0000.00`` (``"n/a"``, a SOC code
        ``"27-3043"``: read as an unknown occupation); an occupation title that is
        neither text nor missing (read as no title) or holds no letter (a code
        ``"27-1024.00"``, a placeholder ``"-"``: read as a title no occupation has, the
        row losing the contexts of its words); with ``onet``, a ``task_id`` that is
        not an integer of 0 or more (``1.5``, ``True``, ``-1``, ``b'1'``, a date: it
        matched no task). These name the row and column.

    Examples
    --------
    >>> tasks = pd.DataFrame({"task": ["Answer telephones and take messages.",
    ...                                "Write and debug code for web applications.",
    ...                                "Maintain records of patients' vital signs.",
    ...                                "Weld steel beams."]})
    >>> tag_categories(tasks)
       admin  routine_coding  entry_creative
    0   True           False           False
    1  False            True           False
    2  False           False           False
    3  False           False           False
    """
    out = _tag_categories(frame, None, text_column=text_column, onet=onet,
                          occupation_column=occupation_column)
    warn_repeated_index(frame, logger, TAG_REPEATED_INDEX_MESSAGE)  # as score_tasks warns
    return out


def _tag_categories(frame: pd.DataFrame, texts: list | None, *, text_column: str = "task", onet=None,
                    occupation_column: str | None = "title") -> pd.DataFrame:
    """:func:`tag_categories`, given the checked text column as a list of str (None: check it)."""
    flags = _flags(_evidence(frame, text_column, onet, occupation_column, fast=True, texts=texts))
    out = pd.DataFrame(index=frame.index)
    for cat in CATEGORIES:
        out[cat] = pd.Series(flags[cat], index=frame.index, dtype=bool)
    return out
