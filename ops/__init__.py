"""Operations: run the services the stores need (a local OpenSearch node or cluster)."""
