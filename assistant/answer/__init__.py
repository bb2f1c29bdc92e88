"""Answer stage: context, understand, scope and places, lexicon (+ lexicon.toml), candidates, handlers in an ordered registry (compose), render, guard."""
