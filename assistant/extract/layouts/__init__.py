"""Table families that need a reader of their own. `vertical`: PDF exports whose values were listed
column by column after the row labels. Each `find(ctx)` returns TableDrafts and claims the lines it used."""
