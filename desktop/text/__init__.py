"""Text layer: normalization with offset maps, tokens, clitics, sentences, numbers and dates."""
