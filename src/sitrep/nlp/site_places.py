"""Where a news site is, learned from the places its own articles name.

A local paper names its own towns again and again ("Athens", "Tyler", "Henderson
County" in the Athens Review), so a bare "Athens" in its next article is Athens,
Texas; a defence or world-news site names places all over the world and says
nothing about where a bare name lies. The writing style of a text is no such
evidence (US defence outlets write AP style about foreign cities), the site's
record is. Our own code: no library learns a per-source region from a corpus.

Only toponyms with one dominant reading vote (every reading, by count and by
population, in one country / state: "Tyler" but not "Paris"), so a profile does
not learn from the very guesses it is meant to correct, and does not depend on
the order articles come in. Each article gives one vote, split among the
countries and states its sure toponyms lie in, so one long article weighs no more
than a short one. A :class:`SiteProfile` yields a :class:`SitePrior` only when
the votes are concentrated: a site whose articles spread over many countries
gets none.

Persisting: a profile is a few counters per site key. The store keeps each
article's vote as rows (:func:`tally_rows`: one per country, one per (country,
admin1), and one with no country that counts the article), written in the same
transaction as the article; ``service.site_profiles`` sums them back into
:class:`SiteProfiles` (:meth:`SiteProfiles.from_rows`) when a pipeline starts.
A profile that records its observations (``record=True``) lets the ingest loop
find the vote each article gave, without this package knowing of the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# Calibrated on LGL (geo-lgl eval, leave-one-out profiles; figures are country /
# acc@161km, md5(docid) halves in brackets); see ``places.SITE_COUNTRY_BONUS``.
# other articles with a sure toponym before a site has a prior: 2 -> 0.9785 / 0.8658,
# 3 -> 0.9785 / 0.8662, 4 -> 0.9738 / 0.8631 (both halves lower)
MIN_ARTICLES = 3
# the home country's share of the site's votes: 0.6-0.8 give the same figures; the
# highest is kept (fewest priors: 467 of 588 articles, world-news sites have none)
COUNTRY_SHARE = 0.8
# the home state's share of the state votes within the home country: 0.3 -> 0.8913,
# 0.5 -> 0.8922 (0.9043/0.8783), 0.6 -> 0.8906 (acc@161; country unchanged). Shares of
# all country votes instead (a US town name rarely says its state): 0.5 -> 0.8662.
ADMIN1_SHARE = 0.5
#: A toponym votes for its site's home when this share of its readings, by count
#: and by population, lies in one country (and, for the state, in one state).
#: 0.8: 0.9783 / 0.8617, 0.9: 0.9785 / 0.8662, 0.95 and 1.0: 0.9779 / 0.8655
#: (measured before the state share was settled).
SURE_SHARE = 0.9

#: Second-level labels under which a country code TLD registers names
#: ("thisisoxfordshire.co.uk", "dailystar.com.lb").
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc"})
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")


@dataclass(frozen=True)
class SitePrior:
    """A site's home: a country (alpha-3) and, when its places concentrate there
    too, one first-level region of it (gazetteer admin1 code)."""

    country: str
    admin1: str | None = None


@dataclass(frozen=True)
class PlaceTally:
    """One article's vote: shares (summing to 1) of its sure toponyms per
    country and per (country, admin1)."""

    countries: dict[str, float] = field(default_factory=dict)
    regions: dict[tuple[str, str], float] = field(default_factory=dict)

    @classmethod
    def of(cls, readings: Iterable[tuple[str, str | None]]) -> PlaceTally | None:
        """The vote of an article whose sure toponyms lie in ``readings``
        ((country, admin1 or None), one per distinct toponym); None without any."""
        readings = list(readings)
        if not readings:
            return None
        w = 1.0 / len(readings)
        countries: Counter = Counter()
        regions: Counter = Counter()
        for country, admin1 in readings:
            countries[country] += w
            if admin1:
                regions[(country, admin1)] += w
        return cls(dict(countries), dict(regions))


@dataclass
class SiteProfile:
    """The summed votes of one site's articles."""

    articles: int = 0
    countries: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, tallies: Iterable[PlaceTally | None]) -> SiteProfile:
        """The profile of a site whose articles voted ``tallies``."""
        profile = cls()
        for t in tallies:
            profile.add(t)
        return profile

    def add(self, tally: PlaceTally | None) -> None:
        """Count one more article (an article without sure toponyms adds nothing)."""
        if tally is None:
            return
        self.articles += 1
        self.countries.update(tally.countries)
        self.regions.update(tally.regions)

    def prior(self) -> SitePrior | None:
        """The site's home when its articles' places concentrate in one country
        (and its state when they concentrate there too); None otherwise."""
        if self.articles < MIN_ARTICLES or not self.countries:
            return None
        country, votes = self.countries.most_common(1)[0]
        if votes < COUNTRY_SHARE * sum(self.countries.values()):
            return None
        inside = Counter({r: v for r, v in self.regions.items() if r[0] == country})
        admin1 = None
        if inside:
            region, rvotes = inside.most_common(1)[0]
            if rvotes >= ADMIN1_SHARE * sum(inside.values()):
                admin1 = region[1]
        return SitePrior(country, admin1)


class SiteProfiles:
    """Profiles by site key, filled as articles are resolved.

    With ``record``, every vote observed is also appended to ``observed`` as
    (article id, site key, tally), for the caller to store and clear. An article
    votes once: the pipeline re-runs a failed batch one article at a time, and the
    articles before the bad one must not vote twice.
    """

    #: How many recent article ids are remembered to refuse a second vote (a
    #: re-run batch is at most a few hundred articles).
    RECENT_VOTERS = 4096

    def __init__(self, record: bool = False) -> None:
        self._sites: dict[str, SiteProfile] = {}
        self.observed: list[tuple[str, str, PlaceTally]] | None = [] if record else None
        self._voters: dict[str, None] = {}  # recent article ids, oldest first

    def __len__(self) -> int:
        return len(self._sites)

    def start_recording(self) -> None:
        """Append every later vote to ``observed`` (for a caller that stores them)."""
        if self.observed is None:
            self.observed = []

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str | None, str | None, float]],
                  record: bool = False) -> SiteProfiles:
        """Profiles from summed (site, country, admin1, votes) rows, as
        :func:`tally_rows` writes them: a row without a country counts articles."""
        profiles = cls(record)
        for site, country, admin1, votes in rows:
            profile = profiles._sites.setdefault(site, SiteProfile())
            if country is None:
                profile.articles += round(votes)
            elif admin1 is None:
                profile.countries[country] += votes
            else:
                profile.regions[(country, admin1)] += votes
        return profiles

    def observe(self, key: str | None, tally: PlaceTally | None,
                article_id: str | None = None) -> None:
        """Add one article of site ``key`` (nothing without a key or a vote, or
        when article ``article_id`` has voted already)."""
        if key and tally is not None:
            if article_id is not None:
                if article_id in self._voters:
                    return
                self._voters[article_id] = None
                if len(self._voters) > self.RECENT_VOTERS:
                    del self._voters[next(iter(self._voters))]
            self._sites.setdefault(key, SiteProfile()).add(tally)
            if self.observed is not None and article_id is not None:
                self.observed.append((article_id, key, tally))

    def profile(self, key: str | None) -> SiteProfile | None:
        """The profile of ``key`` so far, if any."""
        return self._sites.get(key) if key else None

    def prior(self, key: str | None) -> SitePrior | None:
        """The home of site ``key``, if its profile has one."""
        profile = self.profile(key)
        return profile.prior() if profile is not None else None


def tally_rows(tally: PlaceTally) -> list[tuple[str | None, str | None, float]]:
    """(country, admin1, votes) rows of one article's vote: one per country (admin1
    None), one per (country, admin1), and (None, None, 1.0) counting the article."""
    return ([(None, None, 1.0)] + [(c, None, v) for c, v in tally.countries.items()]
            + [(c, a, v) for (c, a), v in tally.regions.items()])


def sure_reading(readings: list[tuple[str | None, str | None, int]]
                 ) -> tuple[str, str | None] | None:
    """(country, admin1 or None) of a toponym whose readings — (country, admin1,
    population) each — lie ``SURE_SHARE`` in one country (and state), by count and
    by population; None when the name is ambiguous ("Paris": France or Texas)."""
    if not readings:
        return None
    country = _dominant([(c, p) for c, _, p in readings])
    if country is None:
        return None
    state = _dominant([((c, a), p) for c, a, p in readings])
    return country, state[1] if state and state[0] == country else None


def _dominant(values: list[tuple[object, int]]) -> object | None:
    count: Counter = Counter()
    pop: Counter = Counter()
    for value, population in values:
        count[value] += 1
        pop[value] += population + 10
    value, n = count.most_common(1)[0]
    if value is None or n < SURE_SHARE * len(values) \
            or pop[value] < SURE_SHARE * sum(pop.values()):
        return None
    return value


def site_key(url: str | None = None, source: str | None = None,
             publisher: str | None = None) -> str | None:
    """The key articles of one site share: the registered host of ``url`` (or of
    ``source`` when it is a URL), else the publisher's name; None for a local
    file or stdin (their articles may come from anywhere)."""
    for candidate in (url, source):
        host = _host(candidate) if candidate else None
        if host:
            return registered_host(host)
    return publisher.strip().casefold() if publisher and publisher.strip() else None


def registered_host(host: str) -> str:
    """``news.postbulletin.com`` → ``postbulletin.com``; ``www.x.co.uk`` → ``x.co.uk``
    (a small rule, not the public suffix list: enough to group one site's pages)."""
    host = host.lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        host = host.removeprefix(prefix)
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _host(text: str) -> str | None:
    if "://" not in text:
        return None
    host = urlsplit(text).hostname
    return host if host and "." in host else None
