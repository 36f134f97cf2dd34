"""What several stages read text with: sentences, word lexicons, fingerprints, datelines, places, page layout."""
