"""The standards catalogue: QCVN, TCVN and nhóm-2 product records (pure Python, no store).

``loaders`` reads the catalogue files (recognised by content) and ``csv_import`` an agency's
own CSV (format in ``CSV.md``); ``models`` holds the records and the :class:`Catalogue`;
``keys`` and ``numbers`` give forgiving, exact number lookup; ``chains`` and ``status`` give
version chains and status with evidence; ``applicability`` answers which QCVN applies to a
product or HS code; ``documents`` turns records into indexable documents and links vbpl.vn.
"""
