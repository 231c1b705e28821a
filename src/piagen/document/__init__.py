"""The printed form as data: rows, cells and blocks of every section, annex and 別紙."""
