"""Heavy reliability runs behind `make chaos` (bounded in time): killed ingests on both stores."""
