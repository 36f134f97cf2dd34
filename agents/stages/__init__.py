"""One Faust agent per stage of `streams.pipeline`: read, call the pure core, send, count."""
