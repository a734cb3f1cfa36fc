"""Natural-language stages: parsing (:mod:`.parse`) and entity recognition (:mod:`.entities`)."""
