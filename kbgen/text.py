"""English text helpers shared by extraction: tokens, singular forms and stopwords.

Generic English only: no field's vocabulary lives here.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: A word; code names stay whole so they never merge with a plain word: "C++" and "C#" are not
#: "C", and "std::vector", "unique_ptr" and ".NET" are one token each.
TOKEN = re.compile(r"(?:(?<![\w.])\.(?=[A-Z]{2}))?[^\W_]+(?:(?:::|_+|['’])[^\W_]+)*(?:\+\+|#(?![\w#]))?",
                   re.UNICODE)

STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
down during each either else etc even ever every eg e.g few for from further get gets getting got had
hadn't has hasn't have haven't having he her here hers herself him himself his how however i ie if in
into is isn't it it's its itself just least less let like made make makes many may me might mine more
most much must my myself neither no nor not now of off often on once one ones only or other others
otherwise our ours ourselves out over own per rather same shall she should shouldn't since so some
such than that that's the their theirs them themselves then there there's these they this those
though through thus to too toward towards under until up upon us use used uses using very via was
wasn't we were weren't what when where whether which while who whom whose why will with within
without would wouldn't yet you your yours yourself yourselves
""".split())

# Words that make a phrase a question fragment or filler rather than a concept.
GENERIC_NOUNS = frozenset("""
way ways idea ideas kind kinds type types thing things issue issues problem problems step steps
example examples part parts goal goals purpose role difference differences advantage advantages
disadvantage disadvantages benefit benefits reason reasons case cases number numbers lot lots
something anything everything nothing someone general main basic different various several certain
important possible common new old good bad best better large small big high low first second third
last next answer question answers questions definition term terms concept concepts meaning
process processes method methods technique techniques approach approaches result results
""".split())

VERBISH = frozenset("""
is are was were be been do does did done have has had make makes made take takes took give gives
gave get gets got go goes went use uses used try tries tried let lets work works worked need needs
needed want wants call called calls mean means meant improve improved avoid avoided perform
performed enable enables create creates created turn turns learn learns learned train trains
trained help helps stack stacks find finds compute computes increase increases reduce reduces
add adds include includes including select selects prefer prefers choose chooses allow allows
converge converges generalize generalizes parallelize multiply multiplied apply applies show
shows see look looks solve solves pick picks keep keeps become becomes run runs say says
""".split())
#: Last words that end a clause, not a name ("generalize well", "converge faster").
ENDERS = frozenset("well faster slower better worse more less much enough again first".split())


# Evaluative words that qualify a concept without being part of it ("limited model capacity").
MODIFIERS = frozenset("""
limited improper proper appropriate inappropriate poor poorly good bad better worse best worst
large larger small smaller big bigger high higher low lower extreme highly very too much more less
usual typical simple simpler complex basic certain various several different other same
main potential key major important common
""".split())

#: Ranks that make a phrase a description ("the first modern roller coaster"); an author's own
#: term ("First law of thermodynamics") is judged as a term, not by this.
ORDINALS = frozenset("first second third last only".split())

#: Words of the question itself, never of the thing asked about ("algorithms do you know").
QUESTION_WORDS = frozenset("you we i they he she do does did how what whats why when where".split())


@lru_cache(maxsize=1 << 16)
def zipf(word: str) -> float:
    """How common an English word is, on the Zipf scale (0 unknown … 7 "the"); wordfreq's data."""
    from wordfreq import zipf_frequency  # late import: loading the word list takes a moment
    return zipf_frequency(word, "en", wordlist="large")


def is_adverb(word: str) -> bool:
    """An "-ly" adverb built on a word ("commonly", "frequently"), not "anomaly" or "family"."""
    w = word.lower()
    return len(w) > 4 and w.endswith("ly") and (zipf(w[:-2]) >= 3.0 or w.endswith(("ally", "ily", "ably", "ibly")))


def is_common(word: str, threshold: float = 4.8) -> bool:
    """An everyday English word ("data", "clean", "original"), not a term of art."""
    return zipf(word.lower()) >= threshold


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """Singular of an English word by suffix rules; acronyms keep case ("GANs" → "GAN")."""
    w = word
    if len(w) <= 3 or w[-1] not in "sS":
        return w
    low = w.lower()
    if low.endswith(("ss", "us", "is", "ous", "ics")):
        return w
    if low.endswith("ies") and len(w) > 4:
        return w[:-3] + ("Y" if w[-3].isupper() else "y")
    if low.endswith(("series", "species")):
        return w
    if low.endswith(("trices", "dices")):  # matrices → matrix, indices → index
        return w[:-4] + ("ix" if low.endswith("trices") else "ex")
    if low.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return w[:-2]
    if low.endswith("ses"):  # "aliases" → "alias", but "cases" → "case": the word English knows
        part = re.search(r"[A-Z]?[a-z]+$", w)
        tail = part.group(0).lower() if part else low
        if zipf(tail[:-2]) > zipf(tail[:-1]):
            return w[:-2]
    return w[:-1]


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


@lru_cache(maxsize=1 << 18)
def key_of(phrase: str) -> str:
    """Merge key: case, hyphens, spaces and a plural last word do not matter."""
    toks = [t.lower() for t in tokens(phrase)]
    if not toks:
        return ""
    toks[-1] = singular(toks[-1])
    return "".join(toks)


@lru_cache(maxsize=1 << 18)
def is_acronym(word: str) -> bool:
    return len(word) >= 2 and sum(ch.isupper() for ch in word) >= 2 and not word.isdigit()


@lru_cache(maxsize=1 << 18)
def is_junk(phrase: str) -> bool:
    """Stopwords, numbers, question fragments and bare verbs are never concepts."""
    toks = tokens(phrase)
    if not toks or len(toks) > 6 or len(phrase) > 60:
        return True
    if re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)+", phrase.strip()):  # one hyphenated word: "no-export"
        # "badge-shaped", "flowchart-like" describe a thing
        return all(t.lower() in STOPWORDS for t in toks) or toks[-1].lower().endswith(("shaped", "like", "colored"))
    # an acronym is no stopword: "AS-PATH ACLs", "US"
    low = [t if t.isupper() and len(t) > 1 else t.lower() for t in toks]
    if all(t in STOPWORDS or t in GENERIC_NOUNS or t.isdigit() for t in low):
        return True
    title = toks[0] == "The" and len(toks) > 1 and toks[1][0].isupper()  # "The Wealth of Nations"
    if (low[0] in STOPWORDS and not title) or low[-1] in STOPWORDS or low[0] in VERBISH or low[-1] in VERBISH | ENDERS:
        return True
    if phrase.split()[0].lower() in ORDINALS and len(low) > 1:  # "first amusement park" describes
        return True
    if any(t in QUESTION_WORDS for t in low) or any(ch in phrase for ch in ",?;!"):
        return True
    if len(low) == 1 and (low[0] in VERBISH or len(low[0]) < 2 or low[0].isdigit()):
        return True
    if len(low) == 1 and re.fullmatch(r"\d+(?:st|nd|rd|th|s)?", low[0]):  # "12th", "1990s"
        return True
    if _DATE.fullmatch(phrase.strip()) and any(ch.isdigit() for ch in phrase):
        return True  # "March 31 2008": an answer's date, no concept
    return any(t.isdigit() for t in low) and len(low) == 1


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: A calendar date: "March 31 2008", "31 March 2008", "March 2008", "March 31st".
_DATE = re.compile(rf"(?i:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?(?:\s+\d{{4}})?)")


def is_stopword(phrase: str) -> bool:
    """Only stopwords and numbers: not even an author's own term can be that."""
    return all(t.lower() in STOPWORDS or t.isdigit() for t in tokens(phrase))


def matched(pattern: re.Pattern[str], text: str) -> re.Match[str]:
    """``pattern.match(text)`` where the caller has already checked that it matches."""
    m = pattern.match(text)
    if m is None:
        raise ValueError(f"{pattern.pattern!r} does not match {text[:60]!r}")
    return m
