"""Entity recognition: gazetteers, rules, merging and the shipped domain NER."""

import pytest
from spacy.tokens import Doc

from sitrep.errors import ModelError
from sitrep.models import ENTITY_LABELS, Article
from sitrep.nlp import entities as E
from sitrep.nlp.parse import ParseStage, load_nlp
from sitrep.pipeline import check_order


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def stage(nlp):
    return E.EntityStage(nlp)


def _annotate(nlp, stage, text):
    article = Article(id="t", source="test", text=text, content_hash="h")
    return stage(ParseStage(nlp)(article))


def _found(article):
    return {(m.text, m.label) for m in article.mentions}


def test_read_gazetteers_flags(tmp_path):
    (tmp_path / "Weapon.txt").write_text(
        "# comment\nDF-41\nPatriot\t?\n## generic\ncruise missile\n")
    entries = {e.text: e for e in E.read_gazetteers(tmp_path)}
    assert set(entries) == {"DF-41", "Patriot", "cruise missile"}
    assert entries["Patriot"].ambiguous and not entries["DF-41"].ambiguous
    assert entries["cruise missile"].generic and not entries["DF-41"].generic


def test_shipped_gazetteers_use_known_labels():
    entries = E.read_gazetteers()
    assert len(entries) > 300
    assert {e.label for e in entries} - {"Role"} <= set(ENTITY_LABELS)


def test_gazetteer_names_need_context_when_ambiguous(nlp):
    gaz = E.Gazetteer.load(nlp)
    doc = nlp.make_doc("Patriot missile batteries and DF-41 launchers; a Patriot fan.")
    spans = {(doc[s:e].text, label) for s, e, label, _ in E.gazetteer_rules(doc, gaz(doc))}
    assert ("DF-41", "Weapon") in spans
    assert ("Patriot", "Weapon") in spans
    assert len([s for s in spans if s[0] == "Patriot"]) == 1
    doc = nlp.make_doc("He is a true Patriot.")
    assert E.gazetteer_rules(doc, gaz(doc)) == []


@pytest.mark.parametrize("text, expected", [
    ("Operation Inherent Resolve continued.", "Operation Inherent Resolve"),
    ("Troops joined Exercise Cobra Gold in Thailand.", "Exercise Cobra Gold"),
    ("The joint drills dubbed Steel Dragon 2019 ended.", "Steel Dragon 2019"),
])
def test_exercise_rules(nlp, text, expected):
    doc = nlp.make_doc(text)
    assert [doc[s:e].text for s, e, *_ in E.exercise_rules(doc)] == [expected]


def test_exercise_rules_need_a_name(nlp):
    doc = nlp.make_doc("The operation was called off. The exercise ended.")
    assert E.exercise_rules(doc) == []


def test_designator_rules(nlp):
    doc = nlp.make_doc("It fired Kh-101 cruise missiles and sent Su-25 jets; COVID-19 cases rose.")
    got = {(doc[s:e].text, label) for s, e, label, _ in E.designator_rules(doc)}
    assert got == {("Kh-101", "Weapon"), ("Su-25", "MilitaryPlatform")}


def test_merge_spans_earlier_layers_win():
    rules = [(0, 1, "Weapon", "rule")]
    ner = [(0, 3, "Weapon", "ner"), (4, 5, "Location", "ner")]
    stock = [(4, 6, "Location", "stock"), (7, 8, "Person", "stock")]
    assert E.merge_spans(rules, ner, stock) == [
        (0, 1, "Weapon", "rule"), (4, 5, "Location", "ner"), (7, 8, "Person", "stock")]


def test_reconcile_relabels_and_trims_titled_people(nlp):
    words = ["U.S.", "Defense", "Secretary", "Chuck", "Hagel", "met", "on", "Monday", "Bob"]
    doc = Doc(nlp.vocab, words=words,
              ents=["B-GPE", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "B-DATE", "B-PERSON"])
    ner = [(0, 5, "Organisation", "ner"), (7, 9, "Temporal", "ner")]
    assert E.reconcile(doc, ner, "names") == [(3, 5, "Person", "ner")]
    assert E.reconcile(doc, ner, "re3d") == [(0, 5, "Person", "ner")]


def test_reconcile_cuts_at_line_breaks(nlp):
    doc = nlp.make_doc("Tuesday 3 PM\nChina said")
    assert E.reconcile(doc, [(0, 5, "Temporal", "ner")]) == [(0, 3, "Temporal", "ner")]


def test_token_features_shape(nlp):
    doc = Doc(nlp.vocab, words=["Iran", "fired", "Scud"], ents=["B-GPE", "O", "O"])
    feats = E.token_features(doc, [(2, 3, "Weapon", "name")])
    assert feats.shape == (3, E.N_FEATS)
    assert feats[0].sum() == 1 and feats[1].sum() == 0 and feats[2].sum() == 1


def test_stage_contract(nlp, stage):
    assert stage.name == "entities"
    assert stage.requires == {"doc"} and stage.assigns == {"mentions"}
    assert stage.version.startswith("1.") and "ner-" in stage.version
    check_order([ParseStage(nlp), stage])
    with pytest.raises(Exception, match="needs"):
        check_order([stage])
    with pytest.raises(ModelError):
        stage(Article(id="x", source="s", text="No parse.", content_hash="h"))


def test_stage_finds_people_places_weapons_and_exercises(nlp, stage):
    text = ("Russian President Vladimir Putin met Chinese Defence Minister Wei Fenghe in "
            "Moscow on Tuesday. Russia delivered S-400 air defence systems to India, and "
            "both armies joined Exercise Vostok 2018.")
    article = _annotate(nlp, stage, text)
    found = _found(article)
    assert ("Vladimir Putin", "Person") in found
    assert ("Moscow", "Location") in found
    assert ("S-400", "Weapon") in found
    assert ("Exercise Vostok 2018", "Exercise") in found
    assert any(label == "Nationality" and t in ("Russian", "Chinese") for t, label in found)
    for m in article.mentions:
        assert text[m.start:m.end] == m.text
        assert m.label in ENTITY_LABELS
        assert m.source in ("ner", "rule", "gazetteer", "stock")


def test_stage_leaves_stock_entities_on_the_doc(nlp, stage):
    article = ParseStage(nlp)(Article(id="t", source="s", text="Barack Obama visited Paris.",
                                      content_hash="h"))
    before = [(e.text, e.label_) for e in article.doc.ents]
    stage(article)
    assert [(e.text, e.label_) for e in article.doc.ents] == before
    assert E.FEATS_KEY not in article.doc.user_data


def test_pipe_matches_call(nlp, stage):
    texts = ["NATO jets flew over Riga.", "", "The Houthis fired a drone at a tanker."]
    parse = ParseStage(nlp)
    arts = [Article(id=str(i), source="s", text=t, content_hash=str(i)) for i, t in enumerate(texts)]
    piped = [m for a in stage.pipe(parse.pipe(arts)) for m in a.mentions]
    single = [m for t in texts for m in _annotate(nlp, stage, t).mentions]
    assert piped == single


def test_unknown_style_rejected(nlp):
    with pytest.raises(ValueError):
        E.EntityStage(nlp, model=None, style="fancy")


def test_missing_model_is_a_model_error(nlp, tmp_path):
    with pytest.raises(ModelError):
        E.EntityStage(nlp, model=tmp_path / "nothing")


def test_person_names_propagate_to_later_surnames(nlp):
    doc = nlp.make_doc("Wang Yang spoke . Wang left .")
    spans = [(0, 2, "Person", "ner"), (4, 5, "Organisation", "ner")]
    assert E.person_names(doc, spans)[1] == (4, 5, "Person", "ner")


def test_styles_differ_only_in_person_titles(nlp):
    text = "Iraqi President Fuad Masum met Defence Secretary Michael Fallon in Baghdad."
    names = _found(_annotate(nlp, E.EntityStage(nlp), text))
    re3d = _found(_annotate(nlp, E.EntityStage(nlp, style="re3d"), text))
    assert ("Fuad Masum", "Person") in names and ("Michael Fallon", "Person") in names
    assert ("Iraqi President Fuad Masum", "Person") in re3d


def test_example_article_entities(nlp, stage):
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "examples" / "army-recognition-2013-08-20.txt"
    if not path.exists():
        pytest.skip("example article not in this checkout")
    found = _found(_annotate(nlp, stage, path.read_text(encoding="utf-8")))
    expected = [("Wang Yang", "Person"), ("Dmitry Rogozin", "Person"), ("Xi Jinping", "Person"),
                ("Chang Wanquan", "Person"), ("Chuck Hagel", "Person"), ("Harbin", "Location"),
                ("Beijing", "Location"), ("Washington", "Location"), ("DF-31A", "Weapon"),
                ("Second Artillery Force", "Organisation"),
                ("Xinhua News Agency", "Organisation"), ("Peace Mission 2013", "Exercise"),
                ("Chinese", "Nationality"), ("Russian", "Nationality")]
    assert [e for e in expected if e not in found] == []


def test_doc_from_another_pipeline_is_refused(nlp, stage):
    import numpy as np

    doc = nlp.make_doc("Some text here")
    doc.tensor = np.zeros((len(doc), 7), dtype="float32")
    article = Article(id="x", source="s", text=doc.text, content_hash="h", doc=doc)
    with pytest.raises(ModelError, match="width 7"):
        stage(article)


def test_reconcile_trims_place_descriptions_in_names_style(nlp):
    words = ["the", "Syrian", "town", "of", "Dabiq", "in", "March"]
    doc = Doc(nlp.vocab, words=words, ents=["O", "B-NORP", "O", "O", "B-GPE", "O", "B-DATE"])
    ner = [(0, 5, "Location", "ner"), (6, 7, "Person", "ner")]
    assert E.reconcile(doc, ner, "names") == [(4, 5, "Location", "ner"), (6, 7, "Temporal", "ner")]
    assert E.reconcile(doc, ner, "re3d")[0] == (0, 5, "Location", "ner")


def test_read_heads(tmp_path):
    path = tmp_path / "heads.tsv"
    path.write_text("# comment\nLocation\tcity Towns\nWeapon\trockets\n")
    assert E.read_heads(path) == {"city": "Location", "towns": "Location", "rockets": "Weapon"}


def test_shipped_heads_use_known_labels():
    heads = E.read_heads()
    assert len(heads) > 100 and set(heads.values()) <= set(ENTITY_LABELS)


def test_head_rules_take_noun_chunks_of_listed_heads(nlp):
    doc = nlp("The militants fired two rockets at the hospital near a bakery.")
    heads = {"militants": "Organisation", "rockets": "Weapon", "hospital": "Location"}
    got = {(doc[s:e].text, label) for s, e, label, _ in E.head_rules(doc, heads, set(heads.values()))}
    # Weapon spans leave out the number, as re3d's do; an unlisted head gives nothing
    assert got == {("The militants", "Organisation"), ("rockets", "Weapon"),
                   ("the hospital", "Location")}
    assert E.head_rules(doc, heads, {"Weapon"}) == [(4, 5, "Weapon", "rule")]
    assert E.head_rules(nlp.make_doc("The militants fled"), heads, {"Organisation"}) == []


def test_head_rules_follow_re3d_phrase_conventions(nlp):
    heads = E.read_heads()

    def got(text):
        doc = nlp(text)
        spans = E.head_rules(doc, heads, E.HEAD_CHUNK_LABELS)
        return [(doc[s:e].text, label) for s, e, label, _ in spans]

    # a bare "vehicles" is no platform, "tactical vehicles" is; weapon acronyms are heads;
    # a convoy is a group
    assert got("Coalition forces destroyed two vehicles, three tactical vehicles and four IEDs "
               "near an aid convoy.") == [
        ("Coalition forces", "Organisation"), ("tactical vehicles", "MilitaryPlatform"),
        ("IEDs", "Weapon"), ("an aid convoy", "Organisation")]
    # leading gerunds and adverbs are left out
    text = "Forces are still clearing areas and even some outlying residential areas."
    assert got(text)[-2:] == [("areas", "Location"),
                              ("some outlying residential areas", "Location")]
    # a role in apposition to a name is not a mention of its own, other roles are
    assert got("Gen. Joseph Votel, commander of U.S. Central Command, met a local commander.") == [
        ("a local commander", "Person")]


def test_cased_rules(nlp):
    doc = nlp("The fight against IS is hard, but they stayed here and there is hope. "
              "THIS IS NEWS. IS - controlled land.")
    # "IS" in running text only, not in capitals or as a modifier; "there is" is no place
    assert [(doc[s:e].text, label) for s, e, label, _ in E.cased_rules(doc, place_adverbs=True)] == [
        ("IS", "Organisation"), ("here", "Location")]
    # "here" is a place in re3d's span style only
    assert [doc[s:e].text for s, e, _l, _src in E.cased_rules(doc)] == ["IS"]


def test_relabel_by_head(nlp):
    doc = Doc(nlp.vocab, words=["The", "hospital", "and", "the", "Hospital"])
    spans = [(0, 2, "Organisation", "ner"), (3, 5, "Organisation", "ner")]
    heads = {"hospital": "Location"}
    # a capitalised Location head counts too ("the Brandbergen Mosque")
    assert E.relabel_by_head(doc, spans, heads, {"Location"}) == [
        (0, 2, "Location", "ner"), (3, 5, "Location", "ner")]
    assert E.relabel_by_head(doc, spans, heads, {"Weapon"}) == spans
    # ... but not a capitalised head of another label ("the Syrian Democratic Forces")
    doc = Doc(nlp.vocab, words=["the", "Bravo", "Group", "the", "group"])
    spans = [(0, 3, "Location", "ner"), (3, 5, "Location", "ner")]
    assert E.relabel_by_head(doc, spans, {"group": "Organisation"}, {"Organisation"}) == [
        (0, 3, "Location", "ner"), (3, 5, "Organisation", "ner")]


def test_trim_bare_drops_articles_and_numbers(nlp):
    doc = Doc(nlp.vocab, words=["several", "rockets", "and", "a", "tank", "the", "army"],
              pos=["ADJ", "NOUN", "CCONJ", "DET", "NOUN", "DET", "NOUN"])
    spans = [(0, 2, "Weapon", "r"), (3, 5, "MilitaryPlatform", "r"), (5, 7, "Organisation", "r")]
    assert E.trim_bare(doc, spans) == [(1, 2, "Weapon", "r"), (4, 5, "MilitaryPlatform", "r"),
                                       (5, 7, "Organisation", "r")]


def test_people_in_places(nlp):
    doc = Doc(nlp.vocab, words=["fighting", "in", "Raqqah", "said", "Karim"])
    spans = [(2, 3, "Person", "ner"), (4, 5, "Person", "ner")]
    assert E.people_in_places(doc, spans) == [(2, 3, "Location", "ner"), (4, 5, "Person", "ner")]


def test_clean_temporal(nlp):
    doc = Doc(nlp.vocab, words=["nearly", "four", "years", "ago", "last", "year", "'s", "daily",
                                "6463889", "2009"])
    spans = [(0, 4, "Temporal", "s"), (4, 7, "Temporal", "s"), (7, 8, "Temporal", "s"),
             (8, 9, "Temporal", "s"), (9, 10, "Temporal", "s"), (8, 9, "Quantity", "s")]
    assert E.clean_temporal(doc, spans) == [(1, 4, "Temporal", "s"), (4, 6, "Temporal", "s"),
                                            (9, 10, "Temporal", "s"), (8, 9, "Quantity", "s")]
    # coordinates and numbers with punctuation are no dates; "Dec. 15" is one
    doc = Doc(nlp.vocab, words=["N", "44", "°", "30", "80", ")", "Dec.", "15", "11am"])
    spans = [(0, 4, "Temporal", "s"), (4, 6, "Temporal", "s"), (6, 8, "Temporal", "s"),
             (8, 9, "Temporal", "s")]
    assert E.clean_temporal(doc, spans) == [(6, 8, "Temporal", "s"), (8, 9, "Temporal", "s")]


def test_stock_nationalities(nlp):
    doc = Doc(nlp.vocab, words=["Syrian", "troops", "and", "Iraqis", "wrote", "in", "Arabic", "."],
              pos=["ADJ", "NOUN", "CCONJ", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"])
    spans = [(0, 1, "Nationality", "stock"), (3, 4, "Nationality", "stock"),
             (6, 7, "Nationality", "stock")]
    assert E.stock_nationalities(doc, spans) == [(0, 1, "Nationality", "stock"),
                                                 (3, 4, "Organisation", "stock")]
    # a prefix joined by a hyphen is left out ("intra - Syrian talks")
    doc = Doc(nlp.vocab, words=["intra", "-", "Syrian", "talks"],
              pos=["ADJ", "PUNCT", "ADJ", "NOUN"])
    assert E.stock_nationalities(doc, [(0, 3, "Nationality", "stock")]) == [
        (2, 3, "Nationality", "stock")]


def test_name_lexicon_marks_longest_names(nlp):
    from sitrep.nlp.entity_lexicons import NameLexicon

    lexicon = NameLexicon({"Place": ["Saudi Arabia", "Arabia", "Raqqah"], "Demonym": ["Yazidis"]})
    doc = nlp.make_doc("Yazidis fled Raqqah for Saudi Arabia , not raqqah .")
    assert [(doc[s:e].text, label) for s, e, label, _ in lexicon(doc)] == [
        ("Yazidis", "Demonym"), ("Raqqah", "Place"), ("Saudi Arabia", "Place")]
    with pytest.raises(ValueError):
        NameLexicon({"Weapon": ["Scud"]})


def test_token_features_of_feature_set_2(nlp):
    doc = nlp("Iran fired a Scud at Raqqah.")
    feats = E.token_features(doc, [(3, 4, "Weapon", "name"), (5, 6, "Place", "generic")], 2)
    assert feats.shape == (len(doc), E.n_features(2))
    assert feats[:, :E.N_FEATS].sum() == E.token_features(doc, [(3, 4, "Weapon", "name")]).sum()
    assert feats[5, E.N_FEATS] == 1 and feats[:, E.N_FEATS:].sum() == 1  # B-Place on Raqqah


def test_token_index(nlp):
    doc = nlp.make_doc("We said He and he left . Operation X")
    assert E.token_index(doc, {"he", "we"}) == [0, 2, 4]
    assert E.token_index(doc, E.word_hashes({"he"})) == [2, 4]
    assert E.token_index(doc, {"Operation"}, "ORTH") == [7]
    assert E.token_index(nlp.make_doc(""), {"he"}) == []


def test_places_not_people(nlp):
    doc = Doc(nlp.vocab, words=["isolation", "of", "Raqqah", "and", "Karim", "Raqqah"])
    spans = [(2, 3, "Person", "ner"), (4, 5, "Person", "ner"), (5, 6, "Organisation", "ner")]
    # only Person spans whose whole text is a listed place change ...
    assert E.places_not_people(doc, spans, frozenset({"raqqah"})) == [
        (2, 3, "Location", "ner"), (4, 5, "Person", "ner"), (5, 6, "Organisation", "ner")]
    # ... and Organisation spans that are a listed place after a place preposition
    doc = Doc(nlp.vocab, words=["he", "was", "in", "the", "United", "States", "as", "the",
                                "United", "States", "said"])
    spans = [(3, 6, "Organisation", "ner"), (7, 10, "Organisation", "ner")]
    assert E.places_not_people(doc, spans, frozenset({"united states"})) == [
        (3, 6, "Location", "ner"), (7, 10, "Organisation", "ner")]


def test_drop_citations(nlp):
    doc = Doc(nlp.vocab, words=["said", ".", "[", "2", "]", "and", "2", "strikes", "[", "3"])
    spans = [(3, 5, "Quantity", "ner"), (6, 7, "Quantity", "ner"), (3, 4, "Temporal", "s"),
             (9, 10, "Quantity", "ner")]
    assert E.drop_citations(doc, spans) == spans[1:]
    assert E.drop_citations(doc, [(3, 4, "Quantity", "ner")]) == []


def test_speakers(nlp):
    words = ["Qanbar", "said", "Iraq", "said", "Qanbar", "left"]
    doc = Doc(nlp.vocab, words=words, pos=["PROPN", "VERB", "PROPN", "VERB", "PROPN", "VERB"],
              heads=[1, 1, 3, 3, 5, 5], deps=["nsubj", "ROOT", "nsubj", "ROOT", "nsubj", "ROOT"],
              ents=["O", "O", "B-GPE", "O", "O", "O"])
    spans = [(0, 1, "Location", "ner"), (2, 3, "Organisation", "ner"),
             (4, 5, "Organisation", "ner")]
    # a stock country and the subject of a verb that is not one of saying keep their label
    assert E.speakers(doc, spans) == [(0, 1, "Person", "ner")] + spans[1:]
    assert E.speakers(doc, [(0, 1, "Location", "stock")]) == [(0, 1, "Location", "stock")]


def test_document_titles(nlp):
    doc = Doc(nlp.vocab, words=["The", "Book", "of", "Revelation", "and", "the", "book", "club",
                                "Chapter", "two", "Book", "Club"])
    spans = [(0, 4, "Organisation", "ner"), (5, 8, "Organisation", "ner"),
             (8, 10, "Person", "ner"), (10, 12, "Organisation", "ner"), (0, 2, "Person", "stock")]
    # a lower-case "book", a head not at the end nor before "of", and stock spans stay
    assert E.document_titles(doc, spans) == [
        (0, 4, "DocumentReference", "ner"), (5, 8, "Organisation", "ner"),
        (8, 10, "DocumentReference", "ner"), (10, 12, "Organisation", "ner"),
        (0, 2, "Person", "stock")]


def test_take_articles(nlp):
    doc = Doc(nlp.vocab, words=["the", "UN", "and", "the", "Iraq", "the", "war", "the", "SDF"])
    spans = [(1, 2, "Organisation", "gazetteer"), (4, 5, "Location", "ner"),
             (5, 7, "Organisation", "ner"), (8, 9, "Organisation", "ner"),
             (7, 8, "Temporal", "ner")]
    # a Location keeps its span; a "the" that is in another span is not taken
    assert E.take_articles(doc, spans) == [
        (0, 2, "Organisation", "gazetteer"), (4, 5, "Location", "ner"),
        (5, 7, "Organisation", "ner"), (8, 9, "Organisation", "ner"), (7, 8, "Temporal", "ner")]


def test_drop_pronouns(nlp):
    doc = Doc(nlp.vocab, words=["it", "said", "they", "left", "it"])
    spans = [(0, 1, "Organisation", "ner"), (2, 3, "Organisation", "ner"),
             (4, 5, "Organisation", "rule")]
    assert E.drop_pronouns(doc, spans) == spans[1:]


def test_place_descriptions(nlp):
    doc = nlp("Fighters entered the Syrian town of Dabiq and the city of Raqqah yesterday.")
    spans = [(0, 1, "Organisation", "ner"), (3, 4, "Nationality", "stock"),
             (6, 7, "Location", "ner"), (8, 12, "Person", "ner")]
    got = [(doc[s:e].text, label) for s, e, label, _ in E.place_descriptions(doc, spans)]
    assert got == [("Fighters", "Organisation"), ("the Syrian town of Dabiq", "Location"),
                   ("the city of Raqqah", "Location")]
    # without a span on the name nothing changes
    assert E.place_descriptions(doc, spans[:2]) == spans[:2]


def test_whole_numbers(nlp):
    doc = Doc(nlp.vocab, words=["650", ",", "000", "fled", ";", "£", "59", ".", "5",
                                "million", "and", "24", ",", "000", "left", "30", "percent"])
    spans = [(0, 1, "Quantity", "ner"), (6, 7, "Money", "stock"), (15, 16, "Quantity", "ner")]
    assert E.whole_numbers(doc, spans) == [
        (0, 3, "Quantity", "ner"), (5, 10, "Money", "stock"), (11, 14, "Quantity", "rule"),
        (15, 17, "Quantity", "ner")]
    # a number split at a point that no span touches is left alone (coordinates)
    doc = Doc(nlp.vocab, words=["at", "33", ".", "505", "N"])
    assert E.whole_numbers(doc, []) == []
    # ranges are one span: two Quantity spans, or one and the bare number after it
    doc = Doc(nlp.vocab, words=["3", ",", "000", "to", "5", ",", "000", "and", "15", "to", "20",
                                "percent", "of", "2", "to", "Mosul"])
    spans = [(0, 3, "Quantity", "rule"), (4, 7, "Quantity", "rule"), (8, 9, "Quantity", "ner"),
             (13, 14, "Quantity", "ner"), (15, 16, "Location", "ner")]
    assert E.whole_numbers(doc, spans) == [(0, 7, "Quantity", "rule"), (8, 12, "Quantity", "ner"),
                                           (13, 14, "Quantity", "ner"), (15, 16, "Location", "ner")]


def test_whole_words(nlp):
    doc = nlp("It builds heavy-duty helicopters and long - range jets for the pro-Kremlin army.")
    words = [t.text for t in doc]
    duty, rng, kremlin = words.index("duty"), words.index("range"), words.index("Kremlin")
    spans = [(duty, duty + 2, "MilitaryPlatform", "ner"), (rng, rng + 2, "MilitaryPlatform", "ner"),
             (kremlin - 2, kremlin - 1, "Person", "ner"), (kremlin, kremlin + 2, "Organisation", "ner")]
    assert E.whole_words(doc, spans) == [
        (duty - 2, duty + 2, "MilitaryPlatform", "ner"),  # glued: "heavy-duty helicopters"
        (rng, rng + 2, "MilitaryPlatform", "ner"),  # spaced hyphen: not one word
        (kremlin - 2, kremlin - 1, "Person", "ner"),
        (kremlin, kremlin + 2, "Organisation", "ner")]  # not over another span


def test_roles_are_people(nlp):
    doc = nlp("The UN High Commissioner for Refugees met the Ministry of Defence.")
    spans = [(0, 6, "Organisation", "ner"), (7, 11, "Organisation", "ner")]
    heads = {"commissioner": "Person", "ministry": "Organisation"}
    assert E.roles_are_people(doc, spans, heads) == [
        (0, 6, "Person", "ner"), (7, 11, "Organisation", "ner")]
    assert E.roles_are_people(doc, [(0, 6, "Organisation", "stock")], heads) == [
        (0, 6, "Organisation", "stock")]


def test_whole_groups(nlp):
    doc = nlp("They fled Assad's brutal regime and five ISIL units attacked many Iraqis.")
    found = [(doc[s:e].text, label) for s, e, label, _ in E.whole_groups(doc, [
        (2, 3, "Person", "ner"), (5, 6, "Organisation", "ner"), (8, 10, "Organisation", "ner"),
        (12, 13, "Organisation", "stock")])]
    # the possessor and adjectives join; numbers and quantifiers do not
    assert found == [("Assad's brutal regime", "Organisation"), ("ISIL units", "Organisation"),
                     ("Iraqis", "Organisation")]


def test_names_style_keeps_every_place_of_a_list(nlp):
    """A Location span over "Dublin and London" is trimmed to names one by one, not to
    the last place only (the place stage would never see Dublin)."""
    doc = nlp("The strike followed talks in Dublin and London between ministers.")
    places = [(e.start, e.end) for e in doc.ents if e.label_ == "GPE"]
    assert len(places) == 2, "the stock NER finds both cities"
    span = (places[0][0], places[1][1], "Location", "ner")
    got = E.reconcile(doc, [span], style="names")
    assert [doc[s:e].text for s, e, _l, _src in got] == ["Dublin", "London"]
    # re3d's style keeps the span as the model gave it
    assert E.reconcile(doc, [span], style="re3d") == [span]
