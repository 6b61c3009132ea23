"""The text layer: spans, the Article, its paragraphs and sentences, and windows over long texts."""
