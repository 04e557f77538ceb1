"""`kb bench`: speed and memory benchmarks (ingest, HTTP latency, scale, kNN) and their report.

One module per job: :mod:`.ingest`, :mod:`.latency` (with :mod:`.server`, :mod:`.load` and
:mod:`.profile`), :mod:`.scale`, :mod:`.knn`, :mod:`.memory`; :mod:`.report` and
:mod:`.plots` write ``eval/reports/<date>-bench.*``; :mod:`.cli` is the command.
"""
