"""PLOVER event coding: rules over the dependency parse plus a small classifier.

Public API:

* ``coder.EventStage`` — the pipeline stage (fills ``article.events``);
* ``time.resolve_date`` / ``time.find_dates`` — time expressions → ISO date + precision;
* ``merge.group`` / ``merge.split`` / ``merge.explain`` — events → happenings;
* ``dyads.dyad_counts`` — ordered country pairs per day/week/month with a score;
* ``export`` — CSV / JSON Lines / Parquet writers and a GDELT-style table;
* ``train.train_events`` — retrain the shipped classifier (``sitrep train events``).

Modules are imported where used, so ``import sitrep.events`` stays cheap.
"""
