"""Dutch question assistant for the municipal social domain."""
