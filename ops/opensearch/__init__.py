"""A local OpenSearch node from Maven Central artifacts: download, install, start, stop."""
