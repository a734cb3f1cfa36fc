import json

from click.testing import CliRunner

from helpers import consult_event, make_article
from sitrep.cli import main


def _seed(store):
    art = make_article("Wang Yang met Dmitry Rogozin in Harbin on Tuesday.")
    art.events = [consult_event(art)]
    store.add_article(art)
    return art


def test_events_table_json_csv_and_dyad_filter(store, tmp_path):
    art = _seed(store)
    db = str(tmp_path / "t.db")
    run = CliRunner().invoke
    out = run(main, ["events", "--db", db, "--dyad", "RUS-CHN"])
    assert out.exit_code == 0, out.output
    assert "CONSULT" in out.output and "Harbin" in out.output
    out = run(main, ["events", "--db", db, "--dyad", "RUS-CHN", "--directed", "--format", "json"])
    assert out.exit_code == 0 and out.output.strip() == ""
    out = run(main, ["events", "--db", db, "--format", "json"])
    row = json.loads(out.output.splitlines()[0])
    assert row["article_id"] == art.id and row["recipients"][0]["country"] == "RUS"
    out = run(main, ["events", "--db", db, "--format", "csv"])
    assert out.output.splitlines()[0].startswith("id,article_id,type")


def test_bad_dyad_is_a_one_line_error(store, tmp_path):
    out = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "t.db"), "--dyad", "CHINA"])
    assert out.exit_code == 2
    assert out.output.strip().startswith("sitrep: error:") and "Traceback" not in out.output


def test_articles_search_and_show(store, tmp_path):
    art = _seed(store)
    db = str(tmp_path / "t.db")
    out = CliRunner().invoke(main, ["articles", "--db", db, "--text", "rogozin"])
    assert art.id in out.output
    out = CliRunner().invoke(main, ["articles", "--db", db, "--text", "hagel"])
    assert art.id not in out.output
    out = CliRunner().invoke(main, ["show", art.id, "--db", db])
    assert out.exit_code == 0 and "## Events" in out.output and "CONSULT" in out.output
    out = CliRunner().invoke(main, ["show", "nope", "--db", db])
    assert out.exit_code == 2 and "no article with id 'nope'" in out.output


def test_show_lists_the_actors_inside_a_group_mention():
    from sitrep.cli.browse import render_article
    from sitrep.models import Actor, Mention

    text = "Chinese and Russian militaries drilled."
    art = make_article(text)
    art.captions = ["Russian militaries on parade."]
    art.mentions = [Mention(0, 7, "Chinese", "Nationality"),
                    Mention(12, 30, "Russian militaries", "Organisation"),
                    Mention(0, 18, "Russian militaries", "Organisation", part="caption")]
    # the actor of the body's group mention covers its nationality word only
    art.actors = [Actor(0, 7, "Chinese", "China", "CHN", "MIL"),
                  Actor(12, 19, "Russian", "Russia", "RUS", "MIL")]
    rows = {line.split("  ")[0] + "|" + line.rstrip().rsplit("  ", 1)[-1].strip()
            for line in render_article(art).splitlines() if "militaries" in line}
    assert "Russian militaries|Russia (RUS, MIL)" in rows
    # the caption's mention shares offsets with body actors but not their part
    assert "Russian militaries|Organisation" in rows


def test_show_names_the_sides_of_an_exercise_from_its_cooperate_event():
    from sitrep.cli.browse import render_article
    from sitrep.models import Event, EventArg, Mention, Span

    text = "China and Russia held Joint Sea 2013. Japan watched Joint Sea 2013 closely."
    art = make_article(text)
    first, second = text.index("Joint Sea"), text.rindex("Joint Sea")
    art.mentions = [Mention(first, first + 14, "Joint Sea 2013", "Exercise"),
                    Mention(second, second + 14, "Joint Sea 2013", "Exercise")]
    art.events = [Event("COOPERATE", Span(0, text.index(".") + 1),
                        actors=[EventArg("China", "China", "CHN", "MIL"),
                                EventArg("Russia", "Russia", "RUS", "MIL")]),
                  Event("CONSULT", Span(text.index("Japan"), len(text)),
                        actors=[EventArg("Japan", "Japan", "JPN", "GOV")])]
    rows = [line for line in render_article(art).splitlines() if "Joint Sea 2013  " in line]
    assert rows[0].rstrip().endswith("with China (CHN), Russia (RUS)")
    assert rows[1].rstrip().endswith("Exercise")  # in a sentence that codes no COOPERATE
