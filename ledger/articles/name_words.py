"""The word tables of names and attribution: honorifics, title heads, organisation words, pronouns, speech verbs.

``ledger.articles.actors`` reads names and resolves pronouns with them; the
extractor's other steps read the speech verbs and title heads from here too.
"""

from __future__ import annotations

__all__ = [
    "COMMITTING",
    "DEPARTMENT_WORDS",
    "GENERIC_SUBJECTS",
    "HONORIFICS",
    "NOT_ACTORS",
    "NOT_NAMES",
    "ORG_NOUNS",
    "ORG_WORDS",
    "PLACE_WORDS",
    "PRONOUNS",
    "SPEECH_VERBS",
    "TIME_WORDS",
    "TITLE_HEADS",
]

# Honorifics before a name, with the gender they tell (None: not told).
HONORIFICS = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "sir": "m",
    "dame": "f",
    "dr": None,
    "sen": None,
    "rep": None,
    "gov": None,
    "gen": None,
    "lt": None,
    "col": None,
    "prof": None,
    "sgt": None,
    "capt": None,
    "adm": None,
    "rev": None,
}

# The last word of a title: "Prime Minister", "Kremlin spokesman", "chief executive".
TITLE_HEADS = frozenset(
    """president minister secretary chancellor governor mayor senator speaker
    spokesman spokeswoman spokesperson chairman chairwoman chair leader chief
    executive director commissioner ambassador envoy general judge king queen
    prince premier candidate representative congressman congresswoman pope
    treasurer prosecutor officer adviser advisor negotiator head founder ceo
    cfo coo secretary-general president-elect nominee lawmaker councillor
    councilor""".split()
)

# Words that make a capitalised run an organisation.
ORG_WORDS = frozenset(
    """airlines airline airways motors energy telecom bank ministry commission
    council department agency party union inc corp corporation group office
    service services parliament kremlin congress senate court authority board
    fund company association federation committee government police army navy
    nato opec pentagon treasury reserve institute university organization
    organisation cabinet administration railways rail holdings industries
    technologies systems labs media network bureau assembly league alliance
    foundation trust commission regulator exchange municipality county city
    state house eu un who imf""".split()
)

# Words that begin a sentence and are not names ("The", "In", ...).
NOT_NAMES = frozenset(
    """the a an in on at but and or he she it they we i his her its their this
    that these those last next after before with when while as if for by from
    under over during since until however meanwhile also still yet our my your
    there here what who why how one two three some many most such no not both
    each every all any campaigning speaking asked according""".split()
)

# Capitalised words that name times, not actors.
TIME_WORDS = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday
    wednesday thursday friday saturday sunday christmas easter thanksgiving
    ramadan eid spring summer autumn fall winter""".split()
)

# Verbs that attribute speech or a stated intention to their subject.
SPEECH_VERBS = frozenset(
    """said says say told tells tell announced announces added adds wrote writes
    posted posts declared declares stated states confirmed confirms predicted
    insisted insists warned warns explained noted argued claimed acknowledged
    conceded stressed reiterated indicated suggested signaled signalled hinted
    assured telling saying adding announcing writing promised promises pledged
    pledges vowed vows threatened threatens reported reports""".split()
)

# Subjects that predict rather than commit ("analysts say ...").
GENERIC_SUBJECTS = frozenset(
    """analysts experts economists observers critics voters residents investors
    traders forecasters commentators pollsters scientists researchers""".split()
)

# Pronouns, with what they point back at: a gender, an organisation, the speaker, or many.
PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "it": "org",
    "its": "org",
    "we": "speaker",
    "our": "speaker",
    "i": "speaker",
    "my": "speaker",
    "they": "plural",
    "their": "plural",
}

# Generic nouns that point back at the last organisation of their kind.
ORG_NOUNS = {
    "company": None,
    "firm": None,
    "group": None,
    "carrier": None,
    "airline": None,
    "automaker": None,
    "bank": "bank",
    "lender": "bank",
    "ministry": "ministry",
    "department": "department",
    "agency": "agency",
    "commission": "commission",
    "council": "council",
    "union": "union",
    "party": "party",
    "government": None,
    "administration": None,
    "kremlin": "kremlin",
    "regulator": None,
}

# The last word of a capitalised run that names a thing, a place or an event, never an actor.
NOT_ACTORS = frozenset(
    """accord accords agreement treaty convention protocol act charter pact deal plan
    building tower hall palace square street avenue road bridge airport station hotel plaza
    center centre stadium tunnel canal river lake sea ocean island islands mountains valley bay
    coast gulf strait peninsula war crisis summit conference games cup olympics election
    elections street lawn garden gardens address speech session sessions ministerial forum meeting
    meetings negotiations talks round visit trip tour""".split()
)

# Words after a single name that make it the one committing: "Acme will", "Moscow plans".
COMMITTING = frozenset("will would plans plan aims intends expects wants is has".split())

# Prepositions that make the capitalised words after them a place: "in New York".
PLACE_WORDS = frozenset("in near outside across inside around into through toward towards visit visited".split())

# Words of a department's name in a title: "Secretary of Homeland Security".
DEPARTMENT_WORDS = frozenset(
    """the state defense defence treasury homeland security energy commerce labor labour health human
    services agriculture education transportation interior veterans affairs housing urban development
    justice foreign war finance trade""".split()
)
