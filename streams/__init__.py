"""What flows through newswire and how it changes: records, topics, settings and stage logic, free of Faust."""
