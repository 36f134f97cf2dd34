"""Where newswire's records flow: the Faust app, one agent per stage, ingestion sources, metrics and the CLI."""
