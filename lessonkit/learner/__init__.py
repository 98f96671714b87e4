"""The learner's state: the progress file (records, pure updates, the store that persists
them) and the Leitner cards of the vocabulary trainer. Imports `content` and `marking` only."""
