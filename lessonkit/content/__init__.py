"""The content: the schema of `data/`, the registry of exercise kinds, reading the YAML
safely and every check across files. Imports only `marking` below it; no widgets."""
