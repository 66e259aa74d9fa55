"""One parser per table layout. Each `find(ctx)` returns TableDrafts and claims the lines it used."""
