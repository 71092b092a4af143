"""Sentence segmentation, sentence-pair scoring, alignment and its evaluation."""
