"""The model of one 事務: strict YAML source, 和暦 dates, the form definition, field access, editions."""
