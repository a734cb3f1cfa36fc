"""The rule set's vocabulary: trigger lemmas → PLOVER type and mode, and the frames
(intent, threat, request, refusal, modality) that change what a complement means.

Written from the PLOVER codebook's definitions and the CAMEO verb categories of the
crosswalk — not from the gold sentences. Bump ``RULES_VERSION`` on any change.
"""

from __future__ import annotations

RULES_VERSION = "rules-2026.11.3"

#: Verb lemma → (type, mode). Ambiguous verbs are refined by ``OBJECT_SENSES``.
VERB_TRIGGERS: dict[str, tuple[str, str | None]] = {
    # AGREE
    "agree": ("AGREE", None), "pledge": ("AGREE", None), "promise": ("AGREE", None),
    "offer": ("AGREE", None), "vow": ("AGREE", None), "commit": ("AGREE", None),
    "accept": ("AGREE", None),
    "invite": ("AGREE", None), "propose": ("AGREE", None), "undertake": ("AGREE", None),
    # CONSULT
    "meet": ("CONSULT", None), "visit": ("CONSULT", "visit"), "host": ("CONSULT", "visit"),
    "discuss": ("CONSULT", None), "confer": ("CONSULT", None), "consult": ("CONSULT", None),
    "negotiate": ("CONSULT", None), "telephone": ("CONSULT", "phone"), "phone": ("CONSULT", "phone"),
    "talk": ("CONSULT", None), "tour": ("CONSULT", "visit"), "mediate": ("CONSULT", None),
    # SUPPORT
    "praise": ("SUPPORT", None), "commend": ("SUPPORT", None), "welcome": ("SUPPORT", None),
    "endorse": ("SUPPORT", None), "support": ("SUPPORT", None), "back": ("SUPPORT", None),
    "hail": ("SUPPORT", None), "applaud": ("SUPPORT", None), "ratify": ("SUPPORT", None),
    "sign": ("SUPPORT", None), "recognize": ("SUPPORT", None), "recognise": ("SUPPORT", None),
    "apologize": ("SUPPORT", None), "apologise": ("SUPPORT", None), "forgive": ("SUPPORT", None),
    "congratulate": ("SUPPORT", None), "thank": ("SUPPORT", None), "approve": ("SUPPORT", None),
    "defend": ("SUPPORT", None),
    # COOPERATE
    "cooperate": ("COOPERATE", None), "collaborate": ("COOPERATE", None),
    "extradite": ("COOPERATE", None), "share": ("COOPERATE", None),
    # AID
    "aid": ("AID", None), "donate": ("AID", None), "rescue": ("AID", None),
    "fund": ("AID", None), "finance": ("AID", None), "lend": ("AID", None),
    "help": ("AID", None), "assist": ("AID", None), "supply": ("AID", None),
    # CONCEDE
    "concede": ("CONCEDE", None), "yield": ("CONCEDE", None), "accede": ("CONCEDE", None),
    "compromise": ("CONCEDE", None), "relent": ("CONCEDE", None),
    # RETREAT
    "withdraw": ("RETREAT", "withdraw"), "retreat": ("RETREAT", "withdraw"),
    "release": ("RETREAT", "release"), "free": ("RETREAT", "release"),
    "return": ("RETREAT", "return"), "disarm": ("RETREAT", "disarm"),
    "demobilize": ("RETREAT", "disarm"), "surrender": ("RETREAT", "disarm"),
    "resign": ("RETREAT", "resign"), "evacuate": ("RETREAT", "withdraw"),
    "lift": ("CONCEDE", None), "ease": ("CONCEDE", None), "relax": ("CONCEDE", None), "allow": ("RETREAT", "access"),
    "permit": ("RETREAT", "access"), "pardon": ("RETREAT", "release"),
    # REQUEST
    "ask": ("REQUEST", None), "request": ("REQUEST", None), "urge": ("REQUEST", None),
    "demand": ("REQUEST", None), "appeal": ("REQUEST", None), "press": ("REQUEST", None),
    "petition": ("REQUEST", None), "seek": ("REQUEST", None), "plead": ("REQUEST", None),
    "implore": ("REQUEST", None), "insist": ("REQUEST", None), "encourage": ("REQUEST", None),
    "pressure": ("REQUEST", None), "pressurize": ("REQUEST", None), "pressurise": ("REQUEST", None),
    # ACCUSE
    "accuse": ("ACCUSE", "allege"), "blame": ("ACCUSE", "allege"), "criticize": ("ACCUSE", "disapprove"),
    "criticise": ("ACCUSE", "disapprove"), "condemn": ("ACCUSE", "disapprove"),
    "denounce": ("ACCUSE", "disapprove"), "charge": ("ACCUSE", "allege"), "sue": ("ACCUSE", "allege"),
    "indict": ("ACCUSE", "allege"), "allege": ("ACCUSE", "allege"), "investigate": ("ACCUSE", "investigate"),
    "probe": ("ACCUSE", "investigate"), "complain": ("ACCUSE", "disapprove"),
    "deplore": ("ACCUSE", "disapprove"), "decry": ("ACCUSE", "disapprove"), "slam": ("ACCUSE", "disapprove"),
    "censure": ("ACCUSE", "disapprove"), "rebuke": ("ACCUSE", "disapprove"), "object": ("ACCUSE", "disapprove"),
    "disapprove": ("ACCUSE", "disapprove"), "prosecute": ("ACCUSE", "allege"), "lambaste": ("ACCUSE", "disapprove"),
    "reprimand": ("ACCUSE", "disapprove"), "fault": ("ACCUSE", "disapprove"), "question": ("ACCUSE", "disapprove"),
    "warn": ("THREATEN", None),
    # REJECT
    "reject": ("REJECT", None), "refuse": ("REJECT", None), "decline": ("REJECT", None),
    "dismiss": ("REJECT", None), "veto": ("REJECT", None), "rebuff": ("REJECT", None),
    "spurn": ("REJECT", None), "oppose": ("REJECT", None), "defy": ("REJECT", "yield"),
    "deny": ("REJECT", None), "resist": ("REJECT", None), "ignore": ("REJECT", None),
    "renege": ("REJECT", None), "violate": ("REJECT", None), "flout": ("REJECT", None),
    "breach": ("REJECT", None),
    # THREATEN
    "threaten": ("THREATEN", None), "menace": ("THREATEN", None), "swear": ("THREATEN", None),
    # PROTEST
    "protest": ("PROTEST", "demo"), "demonstrate": ("PROTEST", "demo"), "rally": ("PROTEST", "demo"),
    "march": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"), "picket": ("PROTEST", "demo"),
    "boycott": ("PROTEST", "boycott"),
    # SANCTION
    "convict": ("SANCTION", "convict"), "sentence": ("SANCTION", "convict"),
    "expel": ("SANCTION", "expel"), "suspend": ("SANCTION", "discontinue"),
    "sever": ("SANCTION", "discontinue"), "recall": ("SANCTION", "withdraw"),
    "halt": ("SANCTION", "discontinue"), "freeze": ("SANCTION", "discontinue"),
    "terminate": ("SANCTION", "discontinue"), "curtail": ("SANCTION", "discontinue"),
    "downgrade": ("SANCTION", "discontinue"), "sanction": ("SANCTION", "discontinue"),
    # MOBILIZE
    "mobilize": ("MOBILIZE", "troops"), "mobilise": ("MOBILIZE", "troops"),
    "deploy": ("MOBILIZE", "troops"), "mass": ("MOBILIZE", "troops"), "station": ("MOBILIZE", "troops"),
    "dispatch": ("MOBILIZE", "troops"), "reinforce": ("MOBILIZE", "troops"),
    "redeploy": ("MOBILIZE", "troops"), "amass": ("MOBILIZE", "troops"),
    # COERCE
    "arrest": ("COERCE", "arrest"), "detain": ("COERCE", "arrest"), "seize": ("COERCE", "seize"),
    "confiscate": ("COERCE", "seize"), "raid": ("COERCE", "seize"), "ban": ("COERCE", "ban"),
    "censor": ("COERCE", "censor"), "impose": ("COERCE", "restrict"), "deport": ("COERCE", "deport"),
    "blockade": ("COERCE", "restrict"), "hack": ("COERCE", "cyber"), "jail": ("COERCE", "arrest"),
    "imprison": ("COERCE", "arrest"), "restrict": ("COERCE", "restrict"),
    "prevent": ("COERCE", "restrict"), "disperse": ("COERCE", "restrict"), "suppress": ("COERCE", "restrict"),
    "demolish": ("COERCE", "seize"), "bulldoze": ("COERCE", "seize"), "evict": ("COERCE", "deport"),
    "occupy": ("COERCE", "seize"), "capture": ("COERCE", "seize"), "outlaw": ("COERCE", "ban"),
    "block": ("COERCE", "restrict"), "shut": ("COERCE", "withhold"),
    "round": ("COERCE", "arrest"), "search": ("COERCE", "seize"),
    # ASSAULT
    "attack": ("ASSAULT", None), "kill": ("ASSAULT", None), "bomb": ("ASSAULT", "explosives"),
    "shell": ("ASSAULT", "heavy-weapons"), "strike": ("ASSAULT", None), "fire": ("ASSAULT", "firearms"),
    "shoot": ("ASSAULT", "firearms"), "assault": ("ASSAULT", None), "ambush": ("ASSAULT", None),
    "invade": ("ASSAULT", None), "fight": ("ASSAULT", None), "clash": ("ASSAULT", None),
    "abduct": ("ASSAULT", "abduct"), "kidnap": ("ASSAULT", "abduct"), "hijack": ("ASSAULT", "abduct"),
    "torture": ("ASSAULT", "torture"), "beat": ("ASSAULT", "beat"), "assassinate": ("ASSAULT", "assassinate"),
    "execute": ("ASSAULT", "execute"), "massacre": ("ASSAULT", "massacre"), "raze": ("ASSAULT", "destroy"),
    "destroy": ("ASSAULT", "destroy"), "bombard": ("ASSAULT", "heavy-weapons"), "behead": ("ASSAULT", None),
    "stab": ("ASSAULT", "primitive"), "wound": ("ASSAULT", None), "injure": ("ASSAULT", None),
    "overrun": ("ASSAULT", None), "murder": ("ASSAULT", None), "slaughter": ("ASSAULT", "massacre"),
    "rocket": ("ASSAULT", "heavy-weapons"), "storm": ("ASSAULT", None), "burn": ("ASSAULT", "destroy"),
    "rape": ("ASSAULT", "sexual"), "gas": ("ASSAULT", "unconventional"), "target": ("ASSAULT", None),
    "hit": ("ASSAULT", None), "retake": ("ASSAULT", None), "recapture": ("ASSAULT", None),
}

#: Nominal triggers: noun lemma → (type, mode). Coded when the noun has its own
#: arguments (between/with/by/against/of) or is the object of a light verb.
NOUN_TRIGGERS: dict[str, tuple[str, str | None]] = {
    "meeting": ("CONSULT", None), "talk": ("CONSULT", None), "visit": ("CONSULT", "visit"),
    "summit": ("CONSULT", "multilateral"), "negotiation": ("CONSULT", None),
    "consultation": ("CONSULT", None), "call": ("CONSULT", "phone"),
    "exercise": ("COOPERATE", None), "drill": ("COOPERATE", None), "maneuver": ("COOPERATE", None),
    "manoeuvre": ("COOPERATE", None), "patrol": ("COOPERATE", None),
    "agreement": ("AGREE", None), "deal": ("AGREE", None), "accord": ("AGREE", None),
    "attack": ("ASSAULT", None), "airstrike": ("ASSAULT", "aerial"), "strike": ("ASSAULT", None),
    "bombing": ("ASSAULT", "explosives"), "offensive": ("ASSAULT", None), "assault": ("ASSAULT", None),
    "raid": ("COERCE", "seize"), "ambush": ("ASSAULT", None), "clash": ("ASSAULT", None),
    "shelling": ("ASSAULT", "heavy-weapons"), "invasion": ("ASSAULT", None),
    "protest": ("PROTEST", "demo"), "demonstration": ("PROTEST", "demo"), "rally": ("PROTEST", "demo"),
    "sanction": ("SANCTION", "discontinue"), "embargo": ("SANCTION", "discontinue"), "blockade": ("COERCE", "restrict"),
    "curfew": ("COERCE", "curfew"), "ceasefire": ("CONCEDE", None), "truce": ("CONCEDE", None),
    "aid": ("AID", None), "assistance": ("AID", None), "ultimatum": ("THREATEN", None),
    "appeal": ("REQUEST", None), "demand": ("REQUEST", None),
    "investigation": ("ACCUSE", "investigate"), "probe": ("ACCUSE", "investigate"),
    "hunger": ("PROTEST", "hunger"), "cooperation": ("COOPERATE", None),
    "alert": ("MOBILIZE", "troops"), "boycott": ("PROTEST", "boycott"),
    "ban": ("COERCE", "ban"), "withdrawal": ("RETREAT", "withdraw"), "mediation": ("CONSULT", None),
}

#: Modifiers that make "strike" a protest (labour or hunger strike, CAMEO 142/143).
PROTEST_STRIKE_MODIFIERS = frozenset({"hunger", "general", "labour", "labor", "worker", "teacher",
                                      "nationwide", "national", "transport", "union", "day", "week",
                                      "indefinite", "warning", "four-day", "one-day", "two-day",
                                      "three-day", "24-hour", "48-hour"})

#: Nouns that, as the object of a cooperative verb, make it COOPERATE with "joint".
JOINT_NOUNS = frozenset({"exercise", "drill", "maneuver", "manoeuvre", "operation", "patrol",
                         "war-game", "wargame", "game", "training", "mission"})

#: Light verbs take their type from their object noun (hold talks, launch an attack).
LIGHT_VERBS = frozenset({"hold", "have", "conduct", "carry", "stage", "launch", "begin", "start",
                         "conclude", "complete", "end", "finish", "continue", "make", "mount",
                         "perform", "resume", "pay", "take", "stage", "wrap", "kick", "open",
                         "announce", "organize", "organise", "host", "sign", "reach", "strike",
                         "impose", "declare", "call", "provide", "send", "give", "deliver", "grant",
                         "offer", "extend", "issue",
                         "stag"})  # spaCy's small model lemmatizes "staged" as "stag"

#: Object nouns that override an ambiguous verb: (verb, object lemma) → (type, mode).
OBJECT_SENSES: dict[tuple[str, str], tuple[str, str | None]] = {
    ("sign", "agreement"): ("SUPPORT", None), ("sign", "treaty"): ("SUPPORT", None),
    ("sign", "deal"): ("SUPPORT", None), ("sign", "accord"): ("SUPPORT", None),
    ("reach", "agreement"): ("AGREE", None), ("reach", "deal"): ("AGREE", None),
    # current PLOVER: economic sanctions curtail exchanges (SANCTION discontinue); the
    # crosswalk's older 163 → COERCE is kept for administrative restrictions
    ("impose", "sanction"): ("SANCTION", "discontinue"), ("impose", "curfew"): ("COERCE", "curfew"),
    ("impose", "embargo"): ("SANCTION", "discontinue"), ("impose", "ban"): ("COERCE", "ban"),
    ("impose", "law"): ("COERCE", "curfew"), ("extend", "curfew"): ("COERCE", "curfew"),
    ("tighten", "blockade"): ("COERCE", "restrict"), ("tighten", "sanction"): ("SANCTION", "discontinue"),
    ("reduce", "aid"): ("SANCTION", "discontinue"), ("reduce", "supply"): ("SANCTION", "discontinue"),
    ("cut", "supply"): ("SANCTION", "discontinue"), ("stop", "aid"): ("SANCTION", "discontinue"),
    ("close", "embassy"): ("SANCTION", "withdraw"), ("suspend", "talk"): ("SANCTION", "withdraw"),
    ("strengthen", "force"): ("MOBILIZE", "troops"), ("bolster", "force"): ("MOBILIZE", "troops"),
    ("increase", "force"): ("MOBILIZE", "troops"), ("boost", "force"): ("MOBILIZE", "troops"),
    ("remain", "alert"): ("MOBILIZE", "troops"), ("put", "alert"): ("MOBILIZE", "troops"),
    ("place", "alert"): ("MOBILIZE", "troops"), ("be", "alert"): ("MOBILIZE", "troops"),
    ("block", "road"): ("PROTEST", "obstruct"), ("block", "street"): ("PROTEST", "obstruct"),
    ("block", "bridge"): ("PROTEST", "obstruct"), ("block", "highway"): ("PROTEST", "obstruct"),
    ("block", "traffic"): ("PROTEST", "obstruct"), ("block", "transport"): ("PROTEST", "obstruct"),
    ("block", "railway"): ("PROTEST", "obstruct"), ("block", "entrance"): ("PROTEST", "obstruct"),
    ("lodge", "protest"): ("ACCUSE", "disapprove"), ("lodge", "complaint"): ("ACCUSE", "disapprove"),
    ("file", "complaint"): ("ACCUSE", "disapprove"), ("file", "protest"): ("ACCUSE", "disapprove"),
    ("withdraw", "inspector"): ("SANCTION", "expel"), ("withdraw", "peacekeeper"): ("SANCTION", "expel"),
    ("withdraw", "observer"): ("SANCTION", "expel"), ("withdraw", "monitor"): ("SANCTION", "expel"),
    ("withdraw", "ambassador"): ("SANCTION", "withdraw"), ("withdraw", "envoy"): ("SANCTION", "withdraw"),
    ("withdraw", "diplomat"): ("SANCTION", "withdraw"),
    ("shorten", "curfew"): ("CONCEDE", None), ("relax", "curfew"): ("CONCEDE", None),
    ("evacuate", "wounded"): ("AID", None), ("evacuate", "civilian"): ("AID", None),
    ("evacuate", "injured"): ("AID", None), ("evacuate", "casualty"): ("AID", None),
    ("issue", "ultimatum"): ("THREATEN", None), ("issue", "warning"): ("THREATEN", None),
    # rejecting or denying an accusation is a statement (CAMEO 02x/PentaClass 0), not a refusal
    **{(v, o): ("", None) for v in ("reject", "deny", "dismiss", "refute")
       for o in ("accusation", "allegation", "charge", "claim", "report", "involvement",
                 "responsibility", "rumour", "rumor", "suggestion", "criticism")},
    ("accept", "demand"): ("CONCEDE", None), ("accept", "condition"): ("CONCEDE", None),
    ("violate", "ceasefire"): ("ASSAULT", None), ("violate", "truce"): ("ASSAULT", None),
    ("lift", "sanction"): ("RETREAT", None), ("lift", "embargo"): ("RETREAT", None),
    ("ease", "sanction"): ("RETREAT", None), ("lift", "siege"): ("RETREAT", "withdraw"),
    ("declare", "ceasefire"): ("CONCEDE", None), ("declare", "truce"): ("CONCEDE", None),
    ("declare", "emergency"): ("COERCE", "curfew"), ("declare", "war"): ("THREATEN", None),
    ("cut", "tie"): ("SANCTION", "discontinue"), ("cut", "relation"): ("SANCTION", "discontinue"),
    ("cut", "aid"): ("SANCTION", "discontinue"), ("break", "relation"): ("SANCTION", "discontinue"),
    ("break", "tie"): ("SANCTION", "discontinue"), ("test", "missile"): ("MOBILIZE", "weapons"),
    ("send", "troops"): ("MOBILIZE", "troops"), ("send", "troop"): ("MOBILIZE", "troops"),
    ("send", "aid"): ("AID", None), ("send", "weapon"): ("AID", None), ("send", "arm"): ("AID", None),
    ("provide", "aid"): ("AID", None), ("provide", "assistance"): ("AID", None),
    ("provide", "weapon"): ("AID", None), ("provide", "arm"): ("AID", None),
    ("provide", "fund"): ("AID", None), ("provide", "loan"): ("AID", None),
    ("give", "aid"): ("AID", None), ("grant", "asylum"): ("AID", None), ("grant", "aid"): ("AID", None),
    ("deliver", "aid"): ("AID", None), ("offer", "aid"): ("AGREE", None),
    ("call", "strike"): ("PROTEST", "strike"), ("go", "strike"): ("PROTEST", "strike"),
    ("share", "intelligence"): ("COOPERATE", None), ("share", "information"): ("COOPERATE", None),
    ("expel", "diplomat"): ("SANCTION", "expel"), ("recall", "ambassador"): ("SANCTION", "withdraw"),
    ("launch", "missile"): ("ASSAULT", "heavy-weapons"), ("fire", "missile"): ("ASSAULT", "heavy-weapons"),
    ("fire", "rocket"): ("ASSAULT", "heavy-weapons"), ("open", "fire"): ("ASSAULT", "firearms"),
    ("shoot", "down"): ("ASSAULT", None), ("take", "hostage"): ("ASSAULT", "abduct"),
    ("release", "statement"): ("", None), ("return", "home"): ("", None),
    ("open", "embassy"): ("SUPPORT", None), ("restore", "tie"): ("SUPPORT", None),
    ("restore", "relation"): ("SUPPORT", None), ("establish", "relation"): ("SUPPORT", None),
    ("establish", "tie"): ("SUPPORT", None), ("expand", "cooperation"): ("COOPERATE", None),
    ("deepen", "cooperation"): ("COOPERATE", None), ("strengthen", "cooperation"): ("COOPERATE", None),
}

#: Verbs that are triggers only with a particle or object (call on/for, hand over).
PHRASAL: dict[tuple[str, str], tuple[str, str | None]] = {
    ("call", "for"): ("REQUEST", None), ("call", "on"): ("REQUEST", None),
    ("call", "upon"): ("REQUEST", None), ("pull", "out"): ("RETREAT", "withdraw"),
    ("pull", "back"): ("RETREAT", "withdraw"), ("hand", "over"): ("RETREAT", "return"),
    ("set", "free"): ("RETREAT", "release"), ("crack", "down"): ("COERCE", "restrict"),
    ("break", "off"): ("SANCTION", "discontinue"), ("walk", "out"): ("SANCTION", "withdraw"),
    ("go", "on"): ("PROTEST", "strike"), ("stand", "by"): ("SUPPORT", None),
    ("speak", "with"): ("CONSULT", None), ("sit", "down"): ("CONSULT", None),
    ("back", "down"): ("CONCEDE", None), ("step", "down"): ("RETREAT", "resign"),
    ("call", "off"): ("CONCEDE", None), ("push", "for"): ("REQUEST", None),
    ("press", "for"): ("REQUEST", None), ("force", "out"): ("SANCTION", "expel"),
    ("lash", "out"): ("ACCUSE", "disapprove"), ("speak", "out"): ("ACCUSE", "disapprove"),
    ("open", "fire"): ("ASSAULT", "firearms"), ("shoot", "down"): ("ASSAULT", None),
    ("blow", "up"): ("ASSAULT", "explosives"), ("round", "up"): ("COERCE", "arrest"),
    ("take", "over"): ("COERCE", "seize"), ("fire", "on"): ("ASSAULT", "firearms"),
    ("fire", "at"): ("ASSAULT", "firearms"),
}

#: Frames a complement can sit under. An intent frame codes AGREE whatever the
#: complement ("agreed to withdraw", "willing to lift the ban"), as the PLOVER
#: gold records do; CONCEDE comes from its own verbs (concede, yield, lift, ease).
INTENT_VERBS = frozenset({"agree", "pledge", "promise", "offer", "vow", "commit", "undertake",
                          "propose"})
#: Verbs of saying: "X said Y must ..." is X's demand on Y; a pronoun subject of
#: their complement ("Syria said it would ...") refers to the speaker.
SPEECH_VERBS = frozenset({"say", "declare", "announce", "reiterate", "conclude", "state", "stress",
                          "tell", "add", "repeat", "maintain", "argue", "write", "insist", "confirm",
                          "report", "claim", "assert", "emphasize", "emphasise", "underline"})
#: Auxiliaries of obligation that turn a reported clause into a demand.
OBLIGATION_MODALS = frozenset({"must", "should"})
#: Verbs whose negation is a refusal (REJECT), not a mere absence of the act.
REFUSABLE_VERBS = frozenset({"accept", "allow", "permit", "agree", "support", "endorse", "recognize",
                             "recognise", "approve", "comply", "cooperate", "release", "withdraw",
                             "lift", "ease", "return", "hand", "sign", "ratify", "join", "attend",
                             "negotiate", "extradite"})
INTENT_ADJS = frozenset({"eager", "willing", "ready", "prepared", "keen", "determined",
                         "committed"})
#: Complements under these are requested / threatened / refused, not done.
REQUEST_VERBS = frozenset({"ask", "request", "urge", "demand", "appeal", "call", "press",
                           "petition", "seek", "plead", "implore", "insist", "encourage", "invite"})
THREAT_VERBS = frozenset({"threaten", "warn", "menace", "vow", "swear"})
REFUSAL_VERBS = frozenset({"refuse", "decline", "reject", "deny"})
#: Nouns whose infinitive ("an ultimatum to halt attacks") is asked, offered or
#: planned, not done: the noun's own event (if any) codes it.
FRAMING_NOUNS = frozenset({"ultimatum", "demand", "appeal", "call", "plea", "request", "offer",
                           "promise", "pledge", "threat", "plan", "proposal", "invitation", "bid",
                           "attempt", "effort", "decision", "order", "warning", "readiness",
                           "willingness", "refusal", "vow", "agreement", "deal", "intention"})
#: Complements under these are not (yet) facts: plans, wishes, attempts.
IRREALIS_VERBS = frozenset({"plan", "intend", "want", "hope", "consider", "prepare", "expect",
                            "aim", "wish", "try", "attempt", "mull", "weigh", "contemplate",
                            "fail", "need", "have", "seek", "be", "plot", "dream", "stop"})
#: Verbs whose direct object event is planned, not done ("prepare an offensive").
PLANNING_VERBS = frozenset({"plan", "prepare", "consider", "contemplate", "plot", "mull",
                            "weigh", "intend", "want"})
#: Verbs of going somewhere: with "for" + a meeting noun they make a visit (CONSULT).
MOTION_VERBS = frozenset({"return", "travel", "go", "come", "fly", "arrive", "head", "leave"})
#: Modal auxiliaries that make a clause hypothetical.
HYPOTHETICAL_MODALS = frozenset({"could", "might", "may", "would", "should", "must", "can",
                                 "ought"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})

#: Context keywords (lemma → PLOVER context); the codebook's context list.
CONTEXT_WORDS: dict[str, str] = {
    **dict.fromkeys(["military", "army", "troop", "soldier", "defense", "defence", "navy",
                     "naval", "air force", "missile", "exercise", "drill", "weapon", "militia",
                     "general", "war", "warship", "jet", "helicopter", "artillery", "tank"],
                    "military"),
    **dict.fromkeys(["nuclear", "chemical", "biological", "radiological", "uranium"], "cbrn"),
    **dict.fromkeys(["trade", "economic", "economy", "investment", "tariff", "oil", "gas",
                     "loan", "bank", "export", "import", "business"], "economic"),
    **dict.fromkeys(["diplomatic", "diplomat", "embassy", "ambassador", "minister", "premier",
                     "counterpart", "bilateral", "summit", "talk", "relation"], "diplomatic"),
    **dict.fromkeys(["court", "judge", "law", "legal", "trial", "lawsuit", "prosecutor",
                     "extradition", "extradite"], "legal"),
    **dict.fromkeys(["terrorist", "terrorism", "militant", "jihadist", "insurgent"], "terrorism"),
    **dict.fromkeys(["refugee", "migrant", "asylum", "displaced"], "migration"),
    **dict.fromkeys(["humanitarian", "relief", "famine"], "humanitarian"),
    **dict.fromkeys(["election", "vote", "ballot", "poll"], "election"),
    **dict.fromkeys(["intelligence", "spy", "espionage"], "intelligence"),
    **dict.fromkeys(["cyber", "hacker", "hacking", "malware"], "cyber"),
    **dict.fromkeys(["peacekeeper", "peacekeeping"], "peacekeeping"),
    **dict.fromkeys(["corruption", "bribery", "embezzlement"], "corruption"),
    **dict.fromkeys(["rights", "torture", "freedom"], "human_rights"),
}

#: Head nouns naming people or organisations (with ``SECTOR_NOUNS``): an event
#: party left without a country by resolution takes the other side's (``rules._domestic``).
PARTY_NOUNS = frozenset({"rebel", "protester", "protestor", "demonstrator", "activist", "opposition",
                         "coalition", "party", "movement", "group", "union", "judge", "court",
                         "prisoner", "refugee", "people", "youth", "supporter", "journalist",
                         "guerrilla", "militia", "faction", "cabinet", "parliament", "assembly",
                         "leader", "president", "minister", "spokesman", "agency", "organization",
                         "organisation", "association", "newspaper", "resident", "villager",
                         "student", "worker", "civilian", "militant", "insurgent", "fighter"})

#: Head nouns that give an actor its sector when actor resolution left it empty.
SECTOR_NOUNS: dict[str, str] = {
    **dict.fromkeys(["military", "army", "troop", "force", "soldier", "navy", "militaries",
                     "defense", "defence", "general", "officer", "commander"], "MIL"),
    **dict.fromkeys(["government", "minister", "official", "ministry", "president", "premier",
                     "authority", "leader", "counterpart", "delegation", "administration"], "GOV"),
    **dict.fromkeys(["police", "policeman", "officer"], "COP"),
    **dict.fromkeys(["rebel", "insurgent", "militant"], "REB"),
    **dict.fromkeys(["protester", "demonstrator", "student", "worker", "civilian"], "CVL"),
}
