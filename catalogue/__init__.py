"""The standards catalogue: QCVN, TCVN and nhóm-2 product records, lookup, chains, applicability."""
