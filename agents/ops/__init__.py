"""Operating a worker: Prometheus metrics, consumer lag, Faust's sensor, `newswire status`, the broker's memory."""
